using System.Diagnostics;
using System.Net.Http.Json;
using Npgsql;

namespace JlnbCrm.Bench.Workload;

/// <summary>
/// PostGraphile (bench/postgraphile.sh, which runs bench/postgraphile/server.js) started over the freshly loaded
/// database on two free loopback ports, one endpoint as the owner and one row-secured, and stopped after its
/// measurements: a measuring stick only, run from npm, never part of the product.
/// </summary>
public sealed class PostGraphileProcess : IAsyncDisposable
{
    private readonly Process _process;

    public Uri OwnerUrl { get; }
    public Uri RowSecuredUrl { get; }

    private PostGraphileProcess(Process process, int ownerPort, int rowSecuredPort)
    {
        _process = process;
        OwnerUrl = new Uri($"http://127.0.0.1:{ownerPort}/graphql");
        RowSecuredUrl = new Uri($"http://127.0.0.1:{rowSecuredPort}/graphql");
    }

    public static async Task<PostGraphileProcess> StartAsync(string connectionString)
    {
        var db = new NpgsqlConnectionStringBuilder(connectionString);
        int ownerPort = LoopbackPort.Free(), rowSecuredPort = LoopbackPort.Free();
        var start = new ProcessStartInfo("bash", [Path.Combine(BenchOptions.RepositoryRoot(), "bench", "postgraphile.sh")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["JLNBCRM_BENCH_PG_URL"] =
            $"postgres://{Uri.EscapeDataString(db.Username!)}:{Uri.EscapeDataString(db.Password ?? "")}@{db.Host}:{db.Port}/{db.Database}";
        start.Environment["JLNBCRM_BENCH_PG_PORT"] = ownerPort.ToString();
        start.Environment["JLNBCRM_BENCH_PG_RLS_PORT"] = rowSecuredPort.ToString();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bench/postgraphile.sh.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Console.WriteLine("Starting PostGraphile (npm ci, then schema introspection, twice)…");

        var started = new PostGraphileProcess(process, ownerPort, rowSecuredPort);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (await AnswersAsync(http, started.OwnerUrl) && await AnswersAsync(http, started.RowSecuredUrl)) return started;
            await Task.Delay(500);
        }
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        lock (output) throw new InvalidOperationException("PostGraphile did not start:\n" + output);
    }

    /// <summary>
    /// The peak resident set of the node process (VmHWM; bash execs node, so the process started is node itself),
    /// read before it is stopped; null where /proc is not there.
    /// </summary>
    public long? PeakWorkingSet() => _process.HasExited ? null : ProcStatus.Read(_process.Id)?.PeakResidentBytes;

    private static async Task<bool> AnswersAsync(HttpClient http, Uri url)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(url, new { query = "{ __typename }" });
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
