using System.Diagnostics;
using JlnbCrm.Bench.Loading;
using JlnbCrm.Bench.Reporting;
using JlnbCrm.Bench.Workload;
using JlnbCrm.Database;
using Npgsql;

namespace JlnbCrm.Bench;

/// <summary>One benchmark run: a fresh database, the load, the workload through GraphQL and raw SQL, the report.</summary>
public sealed class BenchRun : IAsyncDisposable
{
    /// <summary>Overridable (JLNBCRM_BENCH_DATABASE, letters, digits, underscores) so runs on a shared server do not drop each other's database.</summary>
    private static readonly string DatabaseName =
        Environment.GetEnvironmentVariable("JLNBCRM_BENCH_DATABASE") is { Length: > 0 } name && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name : "jlnbcrm_bench";

    private readonly BenchOptions _options;
    private readonly NpgsqlDataSource _owner;
    private readonly string _connectionString;
    private readonly DataSet _set;
    private readonly List<Measurement> _measurements = [];
    private readonly Dictionary<string, double> _statements = [];
    private readonly List<string> _failures = [];
    private List<BulkLoader.TableLoad> _load = [];
    private Staff _staff = null!;
    private BenchServer _server = null!;
    private List<Persona> _personas = [];
    private MemorySampler _memory = null!;

    private BenchRun(BenchOptions options, string connectionString)
    {
        _options = options;
        _connectionString = connectionString;
        // No command timeout: finishing a COPY of millions of rows (constraint checks included) takes longer than 30 s.
        _owner = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 64, CommandTimeout = 0 }.ConnectionString);
        _set = DataSet.For(options.Clients);
    }

    public static async Task<BenchRun> CreateDatabaseAsync(BenchOptions options)
    {
        Console.WriteLine($"JLNB CRM benchmark: {options.Clients:N0} clients, {options.Concurrency} concurrent callers, {options.Duration.TotalSeconds:0} s per operation. {Report.Machine}");
        await using (var server = new NpgsqlConnection(options.ServerConnectionString))
        {
            await server.OpenAsync();
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", $"CREATE DATABASE {DatabaseName}" })
                await new NpgsqlCommand(sql, server).ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(options.ServerConnectionString) { Database = DatabaseName }.ConnectionString;
        await using (var db = CrmDatabase.Open(new CrmStore(CrmProvider.Postgres, connectionString)))
            await db.MigrateAsync();
        return new BenchRun(options, connectionString);
    }

    public async Task LoadAsync()
    {
        Console.WriteLine("Loading (binary COPY; secondary indexes rebuilt after each table):");
        var loader = new BulkLoader(_owner, _set);
        var clock = Stopwatch.StartNew();
        _load = await loader.LoadAsync();
        _staff = loader.People;
        Console.WriteLine($"  loaded {_load.Sum(l => l.Rows):N0} rows in {clock.Elapsed.TotalSeconds:0} s");
    }

    public async Task StartServerAsync()
    {
        _server = new BenchServer(_connectionString);
        _memory = new MemorySampler();
        var head = _staff.Heads[0];
        var junior = _staff.Juniors.First(j => j.Team == head.Team);
        foreach (var (label, person) in new[] { ("RM Head", head), ("Junior RM", junior) })
        {
            var persona = await Persona.PrepareAsync(label, person, _staff, _owner, leadShare: _personas.Count);
            persona.Session = await Session.SignInAsync(_server.Address, person.Email, Staff.Password, person.Id, person.Team);
            await Operations.FindDeepCursorAsync(persona);
            _personas.Add(persona);
        }
        Console.WriteLine($"App on {_server.Address} (Kestrel, in process); signed in as {string.Join(" and ", _personas.Select(p => $"{p.Label} {p.Person.Email}"))}.");
    }

    public async Task MeasureAsync()
    {
        await StatementsPerRequestAsync();
        var runner = new LoadRunner(_options.Concurrency, _options.Duration);
        foreach (var operation in Operations.All)
            foreach (var persona in _personas)
            {
                Measurement graph;
                try { graph = await runner.GraphAsync(operation, persona); }
                catch (InvalidOperationException failure)
                {
                    // A refused or failed request is a finding, not a figure: it is reported and the run goes on.
                    _failures.Add($"{operation.Name} as {persona.Label}: {failure.Message}");
                    Console.WriteLine($"  {operation.Name} as {persona.Label} FAILED: {failure.Message}");
                    continue;
                }
                Print(graph);
                _measurements.Add(graph);
                if (operation.Sql is null) continue;
                var sql = await runner.SqlAsync(operation, persona, _owner);
                Print(sql);
                _measurements.Add(sql);
            }
    }

    /// <summary>The app's SQL commands per request for the clients page at 10 and at 50 rows: they must not differ.</summary>
    private async Task StatementsPerRequestAsync()
    {
        var persona = _personas[0];
        foreach (var size in new[] { 10, 50 })
        {
            var before = _server.Commands.Count;
            for (var i = 0; i < 10; i++)
                await persona.Session.GraphAsync("""
                    query($first: Int!) { clients(first: $first, order: [{ name: ASC }]) { edges { node { name assignedRm { name team { name } }
                      products { product { name } } interactions(first: 5) { type } } } } }
                    """, new { first = size });
            _statements[$"clients page of {size} with RM, team, products and 5 interactions"] = (_server.Commands.Count - before) / 10.0;
        }
    }

    public Task ExplainAsync() => Explainer.WriteAsync(Path.Combine(_options.ResultsFolder, $"explain-{_set.Clients}"), _server, _owner,
        from operation in Operations.All.Where(o => o != Operations.ConvertLead && o != Operations.LogInteraction)
        from persona in _personas
        select (operation, persona));

    public async Task MeasurePostGraphileAsync()
    {
        await using var process = await PostGraphileProcess.StartAsync(_connectionString);
        var postGraphile = new PostGraphileRun(PostGraphileProcess.Url, _options.Concurrency, _options.Duration);
        foreach (var persona in _personas)
            foreach (var measurement in await postGraphile.RunAsync(persona))
            {
                Print(measurement);
                _measurements.Add(measurement);
            }
    }

    public async Task ReportAsync()
    {
        await using var connection = await _owner.OpenConnectionAsync();
        var version = (string)(await new NpgsqlCommand("SHOW server_version", connection).ExecuteScalarAsync())!;
        var report = new Report(DateTime.UtcNow, Environment.ProcessorCount, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            $"PostgreSQL {version}", new(_options.Clients, _options.Concurrency, _options.Duration.TotalSeconds), _set, _load, _measurements,
            _statements, _personas.ToDictionary(p => p.Label, p => p.DeepPage), _memory.PeakWorkingSet, _memory.PeakManagedHeap, _failures);
        Console.WriteLine();
        Console.WriteLine(report.Markdown());
        await report.WriteAsync(_options.ResultsFolder);
    }

    private static void Print(Measurement m) =>
        Console.WriteLine($"  {m.Operation,-52} {m.Persona,-10} {m.Path,-12} p50 {m.P50,7:0.0} ms  p95 {m.P95,7:0.0} ms  p99 {m.P99,7:0.0} ms  {m.PerSecond,8:N0} req/s");

    public async ValueTask DisposeAsync()
    {
        _memory?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        await _owner.DisposeAsync();
        if (_options.KeepDatabase) return;
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(_options.ServerConnectionString);
        await server.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", server).ExecuteNonQueryAsync();
    }
}
