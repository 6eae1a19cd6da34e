using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace JlnbCrm.FunctionalTests.Databases;

/// <summary>
/// PgBouncer in transaction mode (what Supabase's pooler does on port 6543) in front of the test server, on a free
/// local port, with ONE server connection per database and user: every client's transactions take turns on it.
/// Config and userlist live in a temporary folder. PgBouncer refuses to run as root, so as root it runs as postgres.
/// </summary>
public sealed class TransactionPooler : IAsyncDisposable
{
    private static readonly string Program =
        Environment.GetEnvironmentVariable("JLNBCRM_PGBOUNCER") is { Length: > 0 } path ? path : "/usr/sbin/pgbouncer";

    private readonly string _folder;
    private readonly Process _process;
    private readonly int _port;

    private TransactionPooler(string folder, Process process, int port) => (_folder, _process, _port) = (folder, process, port);

    /// <summary>
    /// <paramref name="direct"/> through the pooler, with the settings the CRM needs behind one (README): no
    /// session reset on close (DISCARD ALL would run on whichever client's turn it is) and no server-side prepared
    /// statements (they belong to a server session the next transaction may not have).
    /// </summary>
    public string Pooled(string direct) => new NpgsqlConnectionStringBuilder(direct)
    {
        Host = "127.0.0.1", Port = _port, NoResetOnClose = true, MaxAutoPrepare = 0,
    }.ConnectionString;

    public static async Task<TransactionPooler> StartAsync(string direct)
    {
        var server = new NpgsqlConnectionStringBuilder(direct);
        var folder = Directory.CreateTempSubdirectory("jlnbcrm-pgbouncer-").FullName;
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("PgBouncer tests run on Linux");
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        await File.WriteAllTextAsync(Path.Combine(folder, "userlist.txt"), $"\"{server.Username}\" \"{server.Password}\"\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "pgbouncer.ini"), $"""
            [databases]
            * = host={server.Host} port={server.Port}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = scram-sha-256
            auth_file = {Path.Combine(folder, "userlist.txt")}
            pool_mode = transaction
            default_pool_size = 1
            min_pool_size = 0
            reserve_pool_size = 0
            max_client_conn = 100
            ignore_startup_parameters = extra_float_digits,search_path
            {(asRoot ? "user = postgres" : "")}
            """);
        foreach (var file in Directory.GetFiles(folder)) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.OtherRead);
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(folder, "pgbouncer.ini"));
        var process = Process.Start(start)!;
        var pooler = new TransactionPooler(folder, process, port);
        process.ErrorDataReceived += (_, e) => pooler._log.Add(e.Data ?? "");
        process.OutputDataReceived += (_, e) => pooler._log.Add(e.Data ?? "");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await pooler.WaitUntilListeningAsync();
        return pooler;
    }

    private readonly System.Collections.Concurrent.ConcurrentBag<string> _log = [];

    private async Task WaitUntilListeningAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_process.HasExited) throw new InvalidOperationException("pgbouncer exited: " + string.Join('\n', _log));
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("pgbouncer did not listen: " + string.Join('\n', _log));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
