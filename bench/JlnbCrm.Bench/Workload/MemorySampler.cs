namespace JlnbCrm.Bench.Workload;

/// <summary>
/// Samples one process's resident set (<see cref="ProcStatus"/>) five times a second while it runs, keeping the
/// largest sample; <see cref="Stop"/> also reads the kernel's high-water mark, which catches a peak between samples.
/// For this process it keeps the managed heap's peak too.
/// </summary>
public sealed class MemorySampler : IDisposable
{
    private readonly int _processId;
    private readonly Timer _timer;
    private long _peakSample, _peakHeap, _highWaterMark;

    public MemorySampler(int processId)
    {
        _processId = processId;
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
    }

    /// <summary>The largest VmRSS sampled while the sampler ran (0 where /proc is not there).</summary>
    public long PeakSampledBytes => Interlocked.Read(ref _peakSample);

    /// <summary>
    /// VmHWM when <see cref="Stop"/> ran: the peak over the process's whole life, start-up included; never below the
    /// largest sample (the kernel updates its resident-set counters lazily, so VmHWM can trail a VmRSS read by a little).
    /// </summary>
    public long HighWaterMarkBytes => Interlocked.Read(ref _highWaterMark);

    /// <summary>This process's largest managed heap while sampling; 0 for another process.</summary>
    public long PeakManagedHeapBytes => Interlocked.Read(ref _peakHeap);

    private void Sample()
    {
        if (ProcStatus.Read(_processId) is { } status) Max(ref _peakSample, status.ResidentBytes);
        if (_processId == Environment.ProcessId) Max(ref _peakHeap, GC.GetTotalMemory(false));
    }

    /// <summary>Stops sampling and reads the high-water mark: call it while the process still runs.</summary>
    public void Stop()
    {
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        Sample();
        if (ProcStatus.Read(_processId) is { } status) Max(ref _highWaterMark, Math.Max(status.PeakResidentBytes, PeakSampledBytes));
    }

    private static void Max(ref long peak, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen) { }
    }

    public void Dispose() => _timer.Dispose();
}
