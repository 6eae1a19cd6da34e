namespace JlnbCrm.Bench;

/// <summary>The benchmark's steps, in order (the app's own <c>Program</c> is the one it hosts).</summary>
public static class BenchProgram
{
    public static async Task Main(string[] args)
    {
        if (args.Contains("--help")) { Console.WriteLine(BenchOptions.Usage); return; }
        var options = BenchOptions.Parse(args);
        await using var bench = await BenchRun.CreateDatabaseAsync(options);
        await bench.LoadAsync();
        await bench.StartServerAsync();
        await bench.ExplainAsync();
        await bench.StatementsPerRequestAsync();
        await bench.SwitchToServerProcessAsync();
        await bench.MeasureAsync();
        if (options.PostGraphile) await bench.MeasurePostGraphileAsync();
        await bench.ReportAsync();
    }
}
