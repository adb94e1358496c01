using System.Runtime.InteropServices;

namespace Vault.Cli.Bench;

/// <summary>Process CPU time (Linux <c>clock_gettime(CLOCK_PROCESS_CPUTIME_ID)</c>, nanosecond resolution). On a
/// shared machine it leaves out the time this process waits for a core, which wall-clock time includes; a
/// single-threaded benchmark on an idle machine gets the same number from both.</summary>
internal static partial class CpuClock
{
    private const int ClockProcessCpuTimeId = 2;

    /// <summary>True when the clock can be read (Linux).</summary>
    public static bool IsAvailable { get; } = Probe();

    /// <summary>CPU time consumed by this process so far, in nanoseconds; 0 when unavailable.</summary>
    public static long Nanoseconds()
    {
        if (!IsAvailable || ClockGetTime(ClockProcessCpuTimeId, out var t) != 0) return 0;
        return t.Seconds * 1_000_000_000 + t.Nanoseconds;
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return ClockGetTime(ClockProcessCpuTimeId, out _) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
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
