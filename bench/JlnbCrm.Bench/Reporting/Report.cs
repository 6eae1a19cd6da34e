using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using JlnbCrm.Bench.Loading;
using JlnbCrm.Bench.Workload;

namespace JlnbCrm.Bench.Reporting;

public sealed record BenchOptionsSummary(int Clients, int Concurrency, double Seconds);

/// <summary>The app's SQL commands per request of one read, at page sizes 10 and 50.</summary>
public sealed record StatementCount(string Operation, string Persona, double AtTen, double AtFifty);

/// <summary>
/// Peak resident sets (Linux VmHWM / VmRSS, in bytes) of the processes of the timed phase: the host alone
/// (<see cref="ServerProcess"/>; its high-water mark over its whole life, and the largest sample while measuring), the
/// load generator (this process, sampled while measuring; its managed heap too) and PostGraphile's node process.
/// Null where it was not measured (no /proc, or PostGraphile not run).
/// </summary>
public sealed record MemoryFigures(long? ServerPeakWorkingSetBytes, long? ServerPeakSampledBytes, long? LoadGeneratorPeakWorkingSetBytes,
    long? LoadGeneratorPeakManagedHeapBytes, long? PostGraphilePeakWorkingSetBytes);

/// <summary>What one run measured, written as JSON (for tools) and a Markdown table (for people).</summary>
public sealed record Report(
    DateTime RunAtUtc, int Cores, string Os, string PostgreSql, BenchOptionsSummary Options, DataSet DataSet,
    LoadSummary Load, List<Measurement> Measurements, List<StatementCount> StatementsPerRequest,
    Dictionary<string, int> DeepPageReached, MemoryFigures Memory, List<string> Failures)
{
    public static string Machine => $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    public async Task WriteAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var name = $"results-{DataSet.Clients}";
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".json"), JsonSerializer.Serialize(this, new JsonSerializerOptions
        {
            WriteIndented = true,
            // An operation with no completed request in its window has NaN percentiles.
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".md"), Markdown());
        Console.WriteLine($"Results: {Path.Combine(folder, name)}.json and .md");
    }

    public string Markdown()
    {
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine(c, $"### {DataSet.Clients:N0} clients · {Options.Concurrency} concurrent callers · {Options.Seconds:0} s per operation");
        md.AppendLine();
        md.AppendLine(c, $"Machine: {Cores} cores, {Os}; {PostgreSql}. Run {RunAtUtc:yyyy-MM-dd HH:mm} UTC.");
        md.AppendLine();
        md.AppendLine("| Table | Wave | Rows | COPY | COPY rows/s | Indexes + VACUUM |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var t in Load.Tables)
            md.AppendLine(c, $"| {t.Table} | {t.Wave} | {t.Rows:N0} | {t.Copy.TotalSeconds:0.0} s | {t.RowsPerSecond:N0} | {t.Indexes.TotalSeconds:0.0} s |");
        md.AppendLine(c, $"| **all tables** (waves in parallel) | | {Load.Rows:N0} | {Load.CopyWall.TotalSeconds:0.0} s | **{Load.CopyRowsPerSecond:N0}** | |");
        md.AppendLine();
        md.AppendLine(c, $"End to end, with index rebuilds, VACUUM and validating the foreign keys ({Load.ForeignKeys.TotalSeconds:0.0} s): " +
                         $"{Load.Total.TotalSeconds:0.0} s, {Load.TotalRowsPerSecond:N0} rows/s.");
        md.AppendLine();
        md.AppendLine("Latency in ms, p50 / p95. *GraphQL* is the CRM. *×SQL* is CRM p50 ÷ the hand-written SQL's p50 (through Npgsql, the " +
                      "same user under the same row-level security); *×PG* and *×PG-RLS* are CRM p50 ÷ PostGraphile's p50, connected as the " +
                      "owner (no row security) and row-secured (jlnb_app, app.user_id of the persona, jit off).");
        md.AppendLine();
        md.AppendLine("| Operation | As | GraphQL | p99 | req/s | SQL | ×SQL | PostGraphile | ×PG | PostGraphile-RLS | ×PG-RLS |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var graph in Measurements.Where(m => m.Path == "GraphQL"))
        {
            Measurement? Other(string path) => Measurements.FirstOrDefault(m => m.Path == path && m.Operation == graph.Operation && m.Persona == graph.Persona);
            string Pair(Measurement? m) => m is null ? "–" : string.Create(c, $"{m.P50:0.0} / {m.P95:0.0}");
            string Ratio(Measurement? m) => m is null ? "–" : string.Create(c, $"{graph.P50 / m.P50:0.00}×");
            var (sql, pg, rls) = (Other("SQL"), Other(PostGraphileClient.Owner), Other(PostGraphileClient.RowSecured));
            md.AppendLine(c, $"| {graph.Operation} | {graph.Persona} | {Pair(graph)} | {graph.P99:0.0} | {graph.PerSecond:N0} | {Pair(sql)} | {Ratio(sql)} " +
                             $"| {Pair(pg)} | {Ratio(pg)} | {Pair(rls)} | {Ratio(rls)} |");
        }
        md.AppendLine();
        md.AppendLine("SQL statements the CRM sends per request, at page sizes 10 and 50:");
        md.AppendLine();
        md.AppendLine("| Read | As | 10 | 50 |");
        md.AppendLine("| --- | --- | ---: | ---: |");
        foreach (var s in StatementsPerRequest) md.AppendLine(c, $"| {s.Operation} | {s.Persona} | {s.AtTen:0.##} | {s.AtFifty:0.##} |");
        md.AppendLine();
        md.AppendLine(c, $"Deep page reached: {string.Join("; ", DeepPageReached.Select(d => $"{d.Key} page {d.Value}"))}.");
        static string Mb(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:0} MB") : "not measured";
        md.AppendLine(c, $"Server peak working set (the CRM host as its own process, peak resident set over its life): " +
                         $"{Mb(Memory.ServerPeakWorkingSetBytes)}; largest sample while measuring {Mb(Memory.ServerPeakSampledBytes)}. " +
                         $"Load generator (the benchmark's process): {Mb(Memory.LoadGeneratorPeakWorkingSetBytes)}, " +
                         $"managed heap {Mb(Memory.LoadGeneratorPeakManagedHeapBytes)}.");
        if (Memory.PostGraphilePeakWorkingSetBytes is { } node)
            md.AppendLine(c, $"Peak resident set of PostGraphile's node process (both endpoints): {Mb(node)}.");
        foreach (var failure in Failures) md.AppendLine(c, $"\n**Failed:** {failure}");
        return md.ToString();
    }
}
