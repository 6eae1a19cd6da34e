using System.Diagnostics;
using System.Text;

namespace JlnbCrm.Bench.Workload;

/// <summary>
/// The host as a deployment runs it: <c>dotnet JlnbCrm.Graph.dll --urls http://127.0.0.1:&lt;free port&gt;</c>, the
/// Graph project's own build (its runtimeconfig, so its own GC settings), in a process of its own with the settings of
/// <see cref="BenchHostSettings"/> as environment variables. The timed phase runs against it, so its resident set is
/// the server's alone; the load generator's is this process's.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>
    /// The host built beside this benchmark: src/Graph/bin/&lt;configuration&gt;/&lt;framework&gt;/JlnbCrm.Graph.dll,
    /// the configuration and framework read from this program's own output folder (bin/Release/net10.0).
    /// </summary>
    public static string HostAssembly()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = framework.Parent ?? throw new InvalidOperationException("The benchmark runs from an unexpected folder.");
        return Path.Combine(BenchHostSettings.ContentRoot, "bin", configuration.Name, framework.Name, "JlnbCrm.Graph.dll");
    }

    public static async Task<ServerProcess> StartAsync(string connectionString)
    {
        var assembly = HostAssembly();
        if (!File.Exists(assembly))
            throw new InvalidOperationException($"{assembly} is missing: build src/Graph in the benchmark's configuration first.");
        var address = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root is the working directory, as for `dotnet run --project src/Graph`.
            WorkingDirectory = BenchHostSettings.ContentRoot,
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { assembly, "--urls", address.ToString().TrimEnd('/') }) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = BenchHostSettings.Environment;
        // The migrating login's start-up migration is a deploy step (docs/deploy.md §2); the database is current already.
        start.Environment["Crm__MigrateOnStart"] = "false";
        foreach (var (key, value) in BenchHostSettings.For(connectionString)) start.Environment[key.Replace(":", "__")] = value;
        // Nothing of this process's runtime tuning may leak into the server's: it runs on its own runtimeconfig.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_gc", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(inherited);

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host process.");
        var server = new ServerProcess(process, address);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (await AnswersAsync(http)) return server;
            await Task.Delay(500);
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"The host process did not answer /health on {address}:\n{server.Output}");
    }

    /// <summary>What the host wrote (warnings and errors only, by its log level), for a failure message.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) if (_output.Length < 64_000) _output.AppendLine(line);
    }

    private static async Task<bool> AnswersAsync(HttpClient http)
    {
        try { return (await http.GetAsync("/health")).IsSuccessStatusCode; }
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
