namespace JlnbCrm.Bench;

/// <summary>What to run: the scale, how long and how hard to push, and where PostgreSQL is.</summary>
public sealed record BenchOptions(int Clients, int Concurrency, TimeSpan Duration, string ServerConnectionString, string ResultsFolder,
    bool PostGraphile, bool KeepDatabase, string Database)
{
    public const string Usage = """
        dotnet run --project bench/JlnbCrm.Bench -c Release -- [--clients 1000000 | --quick] [--concurrency 8] [--seconds 10]
                   [--postgraphile] [--keep] [--database jlnbcrm_bench] [--results bench/results]
        --database names the throw-away database (dropped and created; another name lets two runs share a server).
        --postgraphile also runs the reads against PostGraphile, which the benchmark starts (bench/postgraphile.sh) after the load.
        Statement counts and EXPLAIN plans come from the host in this process; the timed phase runs against the host as its own
        process (src/Graph/bin/<configuration>/net10.0/JlnbCrm.Graph.dll), whose peak working set is reported apart from this one's.
        PostgreSQL: JLNBCRM_BENCH_POSTGRES (or JLNBCRM_TEST_POSTGRES), a login that may create databases and roles.
        """;

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var quick = args.Contains("--quick");
        var server = Environment.GetEnvironmentVariable("JLNBCRM_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("JLNBCRM_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set JLNBCRM_BENCH_POSTGRES (see bench/README.md); `source scripts/postgres.sh` sets up a local server.");
        return new(
            Clients: int.Parse(Value("--clients") ?? (quick ? "100000" : "1000000")),
            Concurrency: int.Parse(Value("--concurrency") ?? "8"),
            Duration: TimeSpan.FromSeconds(double.Parse(Value("--seconds") ?? (quick ? "4" : "10"))),
            ServerConnectionString: server,
            ResultsFolder: Value("--results") ?? Path.Combine(RepositoryRoot(), "bench", "results"),
            PostGraphile: args.Contains("--postgraphile"),
            KeepDatabase: args.Contains("--keep"),
            Database: DatabaseName(Value("--database") ?? "jlnbcrm_bench"));
    }

    /// <summary>The name goes into DROP/CREATE DATABASE as it is, so only a plain lower-case identifier is taken.</summary>
    private static string DatabaseName(string name) => System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z_][a-z0-9_]{0,62}$")
        ? name : throw new ArgumentException($"--database takes a lower-case identifier, not '{name}'.");

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "JlnbCrm.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
