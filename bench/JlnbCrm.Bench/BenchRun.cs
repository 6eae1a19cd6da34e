using JlnbCrm.Bench.Loading;
using JlnbCrm.Bench.Reporting;
using JlnbCrm.Bench.Workload;
using JlnbCrm.Database;
using Npgsql;

namespace JlnbCrm.Bench;

/// <summary>One benchmark run: a fresh database, the load, the workload through GraphQL and raw SQL, the report.</summary>
public sealed class BenchRun : IAsyncDisposable
{
    private readonly BenchOptions _options;
    private readonly NpgsqlDataSource _owner;
    private readonly string _connectionString;
    private readonly DataSet _set;
    private readonly List<Measurement> _measurements = [];
    private readonly List<StatementCount> _statements = [];
    private readonly List<string> _failures = [];
    private LoadSummary _load = null!;
    private Staff _staff = null!;
    private BenchServer? _server;
    private ServerProcess? _process;
    private List<Persona> _personas = [];
    private MemorySampler? _serverMemory, _ownMemory;
    private long? _postGraphileWorkingSet;

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
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {options.Database} WITH (FORCE)", $"CREATE DATABASE {options.Database}" })
                await new NpgsqlCommand(sql, server).ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(options.ServerConnectionString) { Database = options.Database }.ConnectionString;
        await using (var db = CrmDatabase.Open(new CrmStore(CrmProvider.Postgres, connectionString)))
            await db.MigrateAsync();
        return new BenchRun(options, connectionString);
    }

    public async Task LoadAsync()
    {
        Console.WriteLine("Loading (binary COPY, one connection per table, the tables of a foreign-key wave in parallel):");
        var loader = new BulkLoader(_owner, _set);
        _load = await loader.LoadAsync();
        _staff = loader.People;
        Console.WriteLine($"  loaded {_load.Rows:N0} rows: {_load.CopyRowsPerSecond:N0} rows/s across all tables while copying " +
                          $"({_load.CopyWall.TotalSeconds:0.0} s), {_load.TotalRowsPerSecond:N0} rows/s end to end " +
                          $"({_load.Total.TotalSeconds:0.0} s with indexes, VACUUM and foreign-key validation)");
    }

    public async Task StartServerAsync()
    {
        _server = new BenchServer(_connectionString);
        var head = _staff.Heads[0];
        var junior = _staff.Juniors.First(j => j.Team == head.Team);
        // The desk with the most request types routed to it, i.e. the longest queue.
        var desk = _staff.Desks.MaxBy(d => _staff.Routes.Count(r => r.Value == d))!;
        var people = new[]
        {
            ("RM Head", Audience.RelationshipManagers, head), ("Junior RM", Audience.RelationshipManagers, junior),
            ("Desk head", Audience.Desk, desk.Members[0]), ("Desk exec", Audience.Desk, desk.Members[1]),
        };
        foreach (var (label, audience, person) in people)
        {
            var persona = await Persona.PrepareAsync(label, audience, person, _staff, _owner, leadShare: _personas.Count);
            persona.Session = await Session.SignInAsync(_server.Address, person.Email, Staff.Password, person.Id, person.Team);
            foreach (var list in Operations.All.Where(o => o.Audience == audience).Select(o => o.Deep).OfType<DeepList>())
                persona.Deep[$"{list.Key}/GraphQL"] = await Operations.WalkAsync(after => list.Crm(persona, after), list.Pages);
            _personas.Add(persona);
        }
        Console.WriteLine($"App on {_server.Address} (Kestrel, in process, for statement counts and plans); signed in as {string.Join(", ", _personas.Select(p => $"{p.Label} {p.Person.Email}"))}.");
    }

    private IEnumerable<(Operation Operation, Persona Persona)> Runs(Func<Operation, bool> which) =>
        from operation in Operations.All.Where(which)
        from persona in _personas.Where(p => p.Audience == operation.Audience)
        select (operation, persona);

    /// <summary>
    /// The statement counts and the plans need the in-process host (its command interceptor); then it is stopped and
    /// the host started as a process of its own for the timed phase, each persona signed in to it anew (the deep
    /// lists' cursors hold sort keys only, so the walks made in process stay valid). Both processes are sampled.
    /// </summary>
    public async Task SwitchToServerProcessAsync()
    {
        await _server!.DisposeAsync();
        _server = null;
        GC.Collect();
        _process = await ServerProcess.StartAsync(_connectionString);
        foreach (var persona in _personas)
            persona.Session = await Session.SignInAsync(_process.Address, persona.Person.Email, Staff.Password, persona.Person.Id, persona.Person.Team);
        // A fresh process runs unjitted code and has empty query caches: a few rounds of every read first, or the first
        // operation measured pays for the warm-up (its callers' first requests outlast the untimed second of LoadRunner).
        const int WarmUpRounds = 20;
        foreach (var (operation, persona) in Runs(o => !o.Writes))
            for (var i = 0; i < WarmUpRounds; i++) await operation.Graph(persona, i, operation.PageSize);
        Console.WriteLine($"App on {_process.Address} (dotnet {Path.GetFileName(ServerProcess.HostAssembly())}, process {_process.ProcessId}) " +
                          "for the timed phase; personas signed in to it.");
        _serverMemory = new MemorySampler(_process.ProcessId);
        _ownMemory = new MemorySampler(Environment.ProcessId);
    }

    public async Task MeasureAsync()
    {
        var runner = new LoadRunner(_options.Concurrency, _options.Duration);
        foreach (var (operation, persona) in Runs(_ => true))
        {
            Measurement graph;
            try { graph = await runner.GraphAsync(operation, persona); }
            catch (InvalidOperationException failure)
            {
                // A refused or failed request is a finding, not a figure: it is reported and the run goes on.
                Fail(operation, persona, "GraphQL", failure);
                continue;
            }
            Record(graph);
            if (operation.Sql is null) continue;
            Record(await runner.SqlAsync(operation, persona, _owner));
        }
        _serverMemory!.Stop();
        _ownMemory!.Stop();
        Console.WriteLine($"Server process: peak resident set {Megabytes(_serverMemory.HighWaterMarkBytes)} " +
                          $"(largest sample while measuring {Megabytes(_serverMemory.PeakSampledBytes)}); " +
                          $"load generator: {Megabytes(_ownMemory.PeakSampledBytes)}.");
    }

    private static string Megabytes(long bytes) => $"{bytes / 1048576.0:0} MB";

    /// <summary>
    /// The app's SQL commands per request of every read at page sizes 10 and 50 (the average of 10 requests
    /// each, one persona at a time): the issue asks that they do not differ. Plus the richest clients page.
    /// </summary>
    public async Task StatementsPerRequestAsync()
    {
        var server = _server ?? throw new InvalidOperationException("Statements are counted by the in-process host.");
        const int Requests = 10;
        async Task<double> CountAsync(Func<int, Task> request)
        {
            var before = server.Commands.Count;
            for (var i = 0; i < Requests; i++) await request(i);
            return (server.Commands.Count - before) / (double)Requests;
        }
        const string Rich = """
            query($first: Int!) { clients(first: $first, order: [{ name: ASC }]) { edges { node { name assignedRm { name team { name } }
              products { items { product { name } } } interactions(first: 5) { items { type } } } } } }
            """;
        var head = _personas[0];
        _statements.Add(new("clients page with RM, team, products and 5 interactions", head.Label,
            await CountAsync(_ => head.Session.GraphAsync(Rich, new { first = 10 })), await CountAsync(_ => head.Session.GraphAsync(Rich, new { first = 50 }))));
        foreach (var (operation, persona) in Runs(o => !o.Writes))
        {
            try
            {
                _statements.Add(new(operation.Name, persona.Label,
                    await CountAsync(i => operation.Graph(persona, i, 10)), await CountAsync(i => operation.Graph(persona, i, 50))));
            }
            catch (InvalidOperationException failure) { Fail(operation, persona, "statements", failure); }
        }
        Console.WriteLine("SQL statements per request (page size 10 / 50):");
        foreach (var s in _statements) Console.WriteLine($"  {s.Operation,-60} {s.Persona,-10} {s.AtTen,5:0.#} / {s.AtFifty,-5:0.#}");
    }

    public Task ExplainAsync() => Explainer.WriteAsync(Path.Combine(_options.ResultsFolder, $"explain-{_set.Clients}"),
        _server ?? throw new InvalidOperationException("Plans are captured by the in-process host."), _owner,
        Runs(o => !o.Writes));

    /// <summary>
    /// The reads PostGraphile can express, against both of its endpoints, as the same personas. Before measuring,
    /// a check that the row-secured endpoint really is: each RM persona must see some clients, and fewer than the owner.
    /// </summary>
    public async Task MeasurePostGraphileAsync()
    {
        await using var process = await PostGraphileProcess.StartAsync(_connectionString);
        using var owner = new PostGraphileClient(PostGraphileClient.Owner, process.OwnerUrl);
        using var secured = new PostGraphileClient(PostGraphileClient.RowSecured, process.RowSecuredUrl);
        await CheckRowSecurityAsync(owner, secured);
        var runner = new LoadRunner(_options.Concurrency, _options.Duration);
        foreach (var client in new[] { owner, secured })
            foreach (var persona in _personas)
                foreach (var list in Operations.All.Where(o => o.Audience == persona.Audience).Select(o => o.Deep).OfType<DeepList>())
                    persona.Deep[$"{list.Key}/{client.Engine}"] = await Operations.WalkAsync(after => list.PostGraphile(client, persona, after), list.Pages);
        foreach (var (operation, persona) in Runs(o => o.PostGraphile is not null))
            foreach (var client in new[] { owner, secured })
            {
                try { Record(await runner.PostGraphileAsync(operation, persona, client)); }
                catch (InvalidOperationException failure) { Fail(operation, persona, client.Engine, failure); }
            }
        _postGraphileWorkingSet = process.PeakWorkingSet();
    }

    private async Task CheckRowSecurityAsync(PostGraphileClient owner, PostGraphileClient secured)
    {
        var count = new PgRequest("{ allClients { totalCount } }", new { });
        foreach (var persona in _personas.Where(p => p.Audience == Audience.RelationshipManagers))
        {
            var all = (await owner.QueryAsync(persona, count))["allClients"]!["totalCount"]!.GetValue<int>();
            var seen = (await secured.QueryAsync(persona, count))["allClients"]!["totalCount"]!.GetValue<int>();
            Console.WriteLine($"PostGraphile-RLS: {persona.Label} sees {seen:N0} of {all:N0} clients.");
            if (seen == 0 || seen >= all)
                throw new InvalidOperationException($"PostGraphile's row-secured endpoint is not applying row security for {persona.Label}.");
        }
    }

    private void Record(Measurement m)
    {
        Console.WriteLine($"  {m.Operation,-60} {m.Persona,-10} {m.Path,-16} p50 {m.P50,7:0.0} ms  p95 {m.P95,7:0.0} ms  p99 {m.P99,7:0.0} ms  {m.PerSecond,8:N0} req/s");
        _measurements.Add(m);
    }

    private void Fail(Operation operation, Persona persona, string path, Exception failure)
    {
        _failures.Add($"{operation.Name} as {persona.Label} ({path}): {failure.Message}");
        Console.WriteLine($"  {operation.Name} as {persona.Label} ({path}) FAILED: {failure.Message}");
    }

    public async Task ReportAsync()
    {
        await using var connection = await _owner.OpenConnectionAsync();
        var version = (string)(await new NpgsqlCommand("SHOW server_version", connection).ExecuteScalarAsync())!;
        var report = new Report(DateTime.UtcNow, Environment.ProcessorCount, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            $"PostgreSQL {version}", new(_options.Clients, _options.Concurrency, _options.Duration.TotalSeconds), _set, _load, _measurements,
            _statements, _personas.SelectMany(p => p.Deep.Select(d => ($"{p.Label}: {d.Key}", d.Value.Page))).ToDictionary(),
            new MemoryFigures(_serverMemory?.HighWaterMarkBytes, _serverMemory?.PeakSampledBytes, _ownMemory?.PeakSampledBytes,
                _ownMemory?.PeakManagedHeapBytes, _postGraphileWorkingSet), _failures);
        Console.WriteLine();
        Console.WriteLine(report.Markdown());
        await report.WriteAsync(_options.ResultsFolder);
    }

    public async ValueTask DisposeAsync()
    {
        _serverMemory?.Dispose();
        _ownMemory?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        if (_process is not null) await _process.DisposeAsync();
        await _owner.DisposeAsync();
        if (_options.KeepDatabase) return;
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(_options.ServerConnectionString);
        await server.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {_options.Database} WITH (FORCE)", server).ExecuteNonQueryAsync();
    }
}
