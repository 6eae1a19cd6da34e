using System.Diagnostics;

namespace JlnbCrm.Bench.Workload;

/// <summary>Samples this process's working set and managed heap five times a second, keeping the peaks.</summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peakWorkingSet, _peakHeap;

    public MemorySampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));

    public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

    public long PeakManagedHeap => Interlocked.Read(ref _peakHeap);

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        Max(ref _peakWorkingSet, process.WorkingSet64);
        Max(ref _peakHeap, GC.GetTotalMemory(false));
    }

    private static void Max(ref long peak, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen) { }
    }

    public void Dispose() => _timer.Dispose();
}
