using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace JlnbCrm.FunctionalTests.Databases;

/// <summary>
/// A PostgreSQL 15 cluster of its own, for tests that need a cluster without the CRM's roles (roles are
/// cluster-wide, and the shared cluster's jlnb_app is in use by every other test). Created with initdb in a
/// temporary folder, listening on a free port, and deleted on dispose. PostgreSQL refuses to run as root, so
/// when the tests run as root (CI) its programs run as the postgres user, who also owns the folder.
/// </summary>
public sealed class ThrowAwayCluster : IAsyncDisposable
{
    private const string Login = "crm_migrator", Password = "throw-away";
    private static readonly string BinFolder =
        Environment.GetEnvironmentVariable("JLNBCRM_PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";

    private readonly string _folder;
    private readonly int _port;

    private ThrowAwayCluster(string folder, int port) => (_folder, _port) = (folder, port);

    /// <summary>A login like Supabase's postgres (creates databases and roles, not a superuser), on this cluster.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username={Login};Password={Password};Database={database};Pooling=false";

    public static async Task<ThrowAwayCluster> StartAsync()
    {
        var folder = (await RunAsync("mktemp", "-d", Path.Combine(Path.GetTempPath(), "jlnbcrm-cluster-XXXXXX"))).Trim();
        var cluster = new ThrowAwayCluster(folder, FreePort());
        try
        {
            // No fsync: the data is thrown away, and syncing would be most of the start-up time.
            await RunAsync(Path.Combine(BinFolder, "initdb"), "-D", cluster.Data, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "-N", "-E", "UTF8");
            await RunAsync(Path.Combine(BinFolder, "pg_ctl"), "-D", cluster.Data, "-l", Path.Combine(folder, "log"), "-w",
                "-o", $"-p {cluster._port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
            await using var superuser = new NpgsqlConnection($"Host={folder};Port={cluster._port};Username=postgres;Database=postgres;Pooling=false");
            await superuser.OpenAsync();
            await using var create = new NpgsqlCommand(
                $"CREATE ROLE {Login} LOGIN CREATEDB CREATEROLE PASSWORD '{Password}'", superuser);
            await create.ExecuteNonQueryAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
            await RunAsync(Path.Combine(BinFolder, "pg_ctl"), "-D", Data, "-m", "immediate", "-w", "stop");
        await RunAsync("rm", "-rf", _folder);
    }

    private string Data => Path.Combine(_folder, "data");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a program (as the postgres user when we are root) and returns its output; fails on a non-zero exit.</summary>
    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (asRoot) foreach (var argument in new[] { "-u", "postgres", "--", program }) start.ArgumentList.Add(argument);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        return await output;
    }
}
