using System.Diagnostics;

namespace JlnbCrm.Bench.Loading;

/// <summary>
/// Progress bars of the tables one wave copies at the same time: one line per table, redrawn in place at most five
/// times a second (on a terminal), with the wave's combined rate on a last line. When the output is a file, nothing
/// is drawn (the per-table summary lines follow the wave).
/// </summary>
public sealed class ProgressBoard : IDisposable
{
    private const int Width = 30;
    private readonly (string Table, long Total)[] _tables;
    private readonly long[] _done;
    private readonly TimeSpan?[] _finished;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly Lock _drawing = new();
    private bool _drawn, _stopped;

    public ProgressBoard((string Table, long Total)[] tables)
    {
        _tables = tables;
        _done = new long[tables.Length];
        _finished = new TimeSpan?[tables.Length];
        if (!Console.IsOutputRedirected) _timer = new Timer(_ => Draw(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
    }

    /// <summary>Rows written so far by the table in <paramref name="slot"/> (cheap: called once per row).</summary>
    public void Report(int slot, long done, TimeSpan? finished = null)
    {
        Volatile.Write(ref _done[slot], done);
        if (finished is not null) _finished[slot] = finished;
    }

    /// <summary>Draws the final state once; a timer tick still under way afterwards draws nothing.</summary>
    public void Finish()
    {
        if (_timer is null) return;
        _timer.Dispose();
        lock (_drawing)
        {
            if (!_stopped) DrawLines();
            _stopped = true;
        }
    }

    private void Draw()
    {
        lock (_drawing)
            if (!_stopped) DrawLines();
    }

    private void DrawLines()
    {
        var lines = new List<string>();
        long sum = 0;
        for (var i = 0; i < _tables.Length; i++)
        {
            var (table, total) = _tables[i];
            var done = Volatile.Read(ref _done[i]);
            sum += done;
            var filled = (int)(Width * done / Math.Max(1, total));
            var seconds = _finished[i]?.TotalSeconds ?? _clock.Elapsed.TotalSeconds;
            lines.Add($"  {table,-17} [{new string('#', filled)}{new string('.', Width - filled)}] {done,11:N0}/{total,-11:N0} " +
                      $"{done / Math.Max(0.001, seconds),10:N0} rows/s");
        }
        lines.Add($"  {"all of the wave",-17} {sum / Math.Max(0.001, _clock.Elapsed.TotalSeconds),66:N0} rows/s");
        // Back to the board's first line, then overwrite every line of it.
        if (_drawn) Console.Write($"\u001b[{lines.Count}A");
        foreach (var line in lines) Console.Write("\r" + line + "\u001b[K\n");
        _drawn = true;
    }

    public void Dispose() => _timer?.Dispose();
}
