using System.Diagnostics;

namespace JlnbCrm.Bench.Loading;

/// <summary>A one-line progress bar for a table's COPY, redrawn at most ten times a second.</summary>
public sealed class Progress(string table, long total)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -1000;

    public void Report(long done)
    {
        if (_clock.ElapsedMilliseconds - _lastDraw < 100 && done != total) return;
        _lastDraw = _clock.ElapsedMilliseconds;
        var width = 30;
        var filled = (int)(width * done / Math.Max(1, total));
        var rate = done / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        Console.Write($"\r  {table,-17} [{new string('#', filled)}{new string('.', width - filled)}] {done,10:N0}/{total:N0}  {rate,10:N0} rows/s");
    }

    public void Done(TimeSpan elapsed) =>
        Console.WriteLine($"\r  {table,-17} {total,10:N0} rows in {elapsed.TotalSeconds,6:0.0} s = {total / elapsed.TotalSeconds,10:N0} rows/s{new string(' ', 30)}");
}
