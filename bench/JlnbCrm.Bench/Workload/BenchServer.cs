using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using JlnbCrm.Graph.Hosting;

namespace JlnbCrm.Bench.Workload;

/// <summary>
/// The settings every host the benchmark starts gets, in this process (<see cref="BenchServer"/>) or as its own
/// (<see cref="ServerProcess"/>): production as docs/deploy.md describes it, over the benchmark's database.
/// </summary>
public static class BenchHostSettings
{
    public const string Environment = "Production";

    /// <summary>The Graph project's folder: appsettings.json, wwwroot and the front ends' operation manifests.</summary>
    public static string ContentRoot => Path.Combine(BenchOptions.RepositoryRoot(), "src", "Graph");

    /// <summary>Configuration keys as ASP.NET Core reads them (a process gets them as environment variables, ':' → '__').</summary>
    public static Dictionary<string, string> For(string connectionString) => new()
    {
        ["ConnectionStrings:Crm"] = connectionString,
        ["Crm:DemoData"] = "false",
        ["Crm:Oidc:KeysPath"] = Path.Combine(Path.GetTempPath(), "jlnb-bench-keys"),
        // The load generator is a handful of users sending far more than a person would: measure, don't throttle.
        ["Crm:RateLimits:Enabled"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
    };
}

/// <summary>
/// The real host (the Graph project's Program) started in this process on Kestrel with a real loopback
/// socket, over the benchmark database. Every SQL command it sends is counted, and can be captured for EXPLAIN: the
/// statements per request and the plans come from it. The timed phase runs against <see cref="ServerProcess"/>, so
/// that the server's memory is measured without the load generator's.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    public Uri Address { get; }

    public SqlCommands Commands { get; } = new();

    public BenchServer(string connectionString)
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(BenchHostSettings.Environment);
            web.UseContentRoot(BenchHostSettings.ContentRoot);
            foreach (var (key, value) in BenchHostSettings.For(connectionString)) web.UseSetting(key, value);
            web.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Commands));
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        Address = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        // A running firm records breaches as they happen; a freshly loaded one has a year of them to catch up on. Do it
        // once before measuring, or the scanner's first tick (a minute in) writes them in the middle of a measurement.
        var recorded = _factory.Services.GetRequiredService<SlaBreachScanner>().ScanOnceAsync().GetAwaiter().GetResult();
        Console.WriteLine($"SLA breaches of the loaded firm recorded before measuring: {recorded:N0}");
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}

/// <summary>Counts the app's SQL commands; while capturing, keeps them (text and parameters) for EXPLAIN.</summary>
public sealed class SqlCommands : DbCommandInterceptor
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public volatile bool Capturing;

    public ConcurrentQueue<(string Sql, (string Name, object? Value, NpgsqlTypes.NpgsqlDbType Type)[] Parameters)> Captured { get; } = new();

    private void Seen(DbCommand command)
    {
        Interlocked.Increment(ref _count);
        if (!Capturing) return;
        var parameters = command.Parameters.Cast<Npgsql.NpgsqlParameter>().Select(p => (p.ParameterName, p.Value, p.NpgsqlDbType)).ToArray();
        Captured.Enqueue((command.CommandText, parameters));
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
