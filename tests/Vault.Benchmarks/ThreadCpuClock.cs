using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Vault.Benchmarks;

/// <summary>CPU time of the calling thread in nanoseconds (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), so that phase times on a
/// shared 2-core machine leave out the time spent waiting for the core. Falls back to the stopwatch elsewhere.</summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out _) == 0;

    public static long Nanoseconds()
    {
        if (IsAvailable && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0) return t.Seconds * 1_000_000_000 + t.Nanoseconds;
        return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
