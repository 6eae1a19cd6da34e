using System.Net;
using System.Net.Sockets;

namespace JlnbCrm.Bench.Workload;

/// <summary>A loopback port nobody listens on, for a process the benchmark starts (the host, PostGraphile).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
