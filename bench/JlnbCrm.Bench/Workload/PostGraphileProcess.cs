using System.Diagnostics;
using System.Net.Http.Json;
using Npgsql;

namespace JlnbCrm.Bench.Workload;

/// <summary>
/// PostGraphile (bench/postgraphile.sh) started over the freshly loaded database and stopped after its
/// measurements: a measuring stick only, run from npm, never part of the product.
/// </summary>
public sealed class PostGraphileProcess : IAsyncDisposable
{
    public const string Url = "http://127.0.0.1:5433/graphql";

    private readonly Process _process;

    private PostGraphileProcess(Process process) => _process = process;

    public static async Task<PostGraphileProcess> StartAsync(string connectionString)
    {
        var db = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("bash", [Path.Combine(BenchOptions.RepositoryRoot(), "bench", "postgraphile.sh")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["JLNBCRM_BENCH_PG_URL"] =
            $"postgres://{Uri.EscapeDataString(db.Username!)}:{Uri.EscapeDataString(db.Password ?? "")}@{db.Host}:{db.Port}/{db.Database}";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bench/postgraphile.sh.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Console.WriteLine("Starting PostGraphile (npm ci, then schema introspection)…");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.PostAsJsonAsync(Url, new { query = "{ __typename }" });
                if (response.IsSuccessStatusCode) return new PostGraphileProcess(process);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        process.Kill(entireProcessTree: true);
        lock (output) throw new InvalidOperationException("PostGraphile did not start:\n" + output);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
