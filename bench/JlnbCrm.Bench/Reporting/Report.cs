using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using JlnbCrm.Bench.Loading;
using JlnbCrm.Bench.Workload;

namespace JlnbCrm.Bench.Reporting;

public sealed record BenchOptionsSummary(int Clients, int Concurrency, double Seconds);

/// <summary>What one run measured, written as JSON (for tools) and a Markdown table (for people).</summary>
public sealed record Report(
    DateTime RunAtUtc, int Cores, string Os, string PostgreSql, BenchOptionsSummary Options, DataSet DataSet,
    LoadSummary Load, List<Measurement> Measurements, Dictionary<string, double> StatementsPerRequest,
    Dictionary<string, int> DeepPageReached, long PeakWorkingSetBytes, long PeakManagedHeapBytes, List<string> Failures)
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
        md.AppendLine("Latency in ms. *Ratio* is GraphQL p50 ÷ SQL p50 (the hand-written query through Npgsql, same user, same row-level security).");
        md.AppendLine();
        md.AppendLine("| Operation | As | GraphQL p50 | p95 | p99 | req/s | SQL p50 | p95 | p99 | req/s | Ratio |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var graph in Measurements.Where(m => m.Path == "GraphQL"))
        {
            var sql = Measurements.FirstOrDefault(m => m.Path == "SQL" && m.Operation == graph.Operation && m.Persona == graph.Persona);
            var floor = sql is null ? "| – | – | – | – | –" : string.Create(c, $"| {sql.P50:0.0} | {sql.P95:0.0} | {sql.P99:0.0} | {sql.PerSecond:N0} | {graph.P50 / sql.P50:0.0}×");
            md.AppendLine(c, $"| {graph.Operation} | {graph.Persona} | {graph.P50:0.0} | {graph.P95:0.0} | {graph.P99:0.0} | {graph.PerSecond:N0} {floor} |");
        }
        foreach (var pg in Measurements.Where(m => m.Path == "PostGraphile"))
            md.AppendLine(c, $"| {pg.Operation} (PostGraphile) | {pg.Persona} | {pg.P50:0.0} | {pg.P95:0.0} | {pg.P99:0.0} | {pg.PerSecond:N0} | | | | | |");
        md.AppendLine();
        md.AppendLine(c, $"SQL statements per request: {string.Join(", ", StatementsPerRequest.Select(s => string.Create(c, $"{s.Key} = {s.Value:0.##}")))}.");
        md.AppendLine(c, $"Deep page reached: {string.Join(", ", DeepPageReached.Select(d => $"{d.Key} page {d.Value}"))}.");
        md.AppendLine(c, $"Peak working set of the process (server and load generator together): {PeakWorkingSetBytes / 1048576.0:0} MB; peak managed heap {PeakManagedHeapBytes / 1048576.0:0} MB.");
        foreach (var failure in Failures) md.AppendLine(c, $"\n**Failed:** {failure}");
        return md.ToString();
    }
}
