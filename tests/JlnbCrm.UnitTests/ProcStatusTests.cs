using JlnbCrm.Bench.Workload;

namespace JlnbCrm.UnitTests;

/// <summary>The benchmark's reading of a process's resident set from /proc/&lt;pid&gt;/status (the server's peak working set).</summary>
public class ProcStatusTests
{
    private const string Status = "Name:\tdotnet\nUmask:\t0022\nState:\tS (sleeping)\nPid:\t4242\nVmPeak:\t 9876544 kB\n" +
                                  "VmSize:\t 9812340 kB\nVmLck:\t       0 kB\nVmHWM:\t  287104 kB\nVmRSS:\t  251392 kB\n" +
                                  "RssAnon:\t  180224 kB\nThreads:\t31\n";

    [Fact]
    public void Reads_the_resident_set_and_its_high_water_mark_in_bytes()
    {
        var status = ProcStatus.Parse(Status);
        Assert.Equal(new ProcStatus(251392L * 1024, 287104L * 1024), status);
    }

    [Theory]
    [InlineData("Name:\tkthreadd\nState:\tS (sleeping)\n")] // a kernel thread has no memory lines
    [InlineData("VmHWM:\t  287104 kB\n")]
    [InlineData("VmHWM:\t  287104 kB\nVmRSS:\t  lots kB\n")]
    [InlineData("VmHWM:\t  287104 MB\nVmRSS:\t  251392 MB\n")]
    public void Gives_nothing_rather_than_a_wrong_figure(string status) => Assert.Null(ProcStatus.Parse(status));

    [Fact]
    public void The_sampler_sees_memory_this_process_touches()
    {
        if (!OperatingSystem.IsLinux()) return; // /proc is Linux's
        var before = ProcStatus.Read(Environment.ProcessId)!;
        Assert.True(before.ResidentBytes > 0 && before.PeakResidentBytes >= before.ResidentBytes);
        using var sampler = new MemorySampler(Environment.ProcessId);
        const int Size = 128 * 1024 * 1024;
        var block = GC.AllocateUninitializedArray<byte>(Size);
        for (var i = 0; i < block.Length; i += 4096) block[i] = 1; // only touched pages are resident
        sampler.Stop();
        GC.KeepAlive(block);
        Assert.True(sampler.HighWaterMarkBytes >= before.ResidentBytes + Size,
            $"high-water mark {sampler.HighWaterMarkBytes:N0} after touching {Size:N0} bytes on top of {before.ResidentBytes:N0}");
        Assert.True(sampler.PeakSampledBytes >= before.ResidentBytes + Size, $"largest sample {sampler.PeakSampledBytes:N0}");
        Assert.True(sampler.PeakManagedHeapBytes >= Size, $"managed heap {sampler.PeakManagedHeapBytes:N0}");
    }
}
