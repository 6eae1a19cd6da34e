namespace JlnbCrm.Bench.Workload;

/// <summary>
/// A process's resident set as Linux reports it in <c>/proc/&lt;pid&gt;/status</c>: <c>VmRSS</c> (now) and
/// <c>VmHWM</c> (the high-water mark: the largest <c>VmRSS</c> the process has had since it started). Reading the
/// file costs no more than a stat call and works for any process the user may see, unlike the runtime's own counters.
/// </summary>
public sealed record ProcStatus(long ResidentBytes, long PeakResidentBytes)
{
    /// <summary>The process's figures, or null where there is no /proc (not Linux) or the process has exited.</summary>
    public static ProcStatus? Read(int processId)
    {
        try { return Parse(File.ReadAllText($"/proc/{processId}/status")); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>The two lines read from a status file's text (values are in kB, i.e. KiB); null when either is missing.</summary>
    public static ProcStatus? Parse(string status)
    {
        long? rss = null, hwm = null;
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kilobytes(line);
        }
        return rss is { } r && hwm is { } h ? new ProcStatus(r, h) : null;
    }

    /// <summary>"VmHWM:\t  123456 kB" → 123456 × 1024.</summary>
    private static long? Kilobytes(string line)
    {
        var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 3 && parts[2] == "kB" && long.TryParse(parts[1], out var kb) ? kb * 1024 : null;
    }
}
