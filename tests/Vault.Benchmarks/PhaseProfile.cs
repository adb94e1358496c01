using System.Diagnostics;
using System.Globalization;
using Vault.Ckks;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Benchmarks;

/// <summary><c>dotnet run -c Release --project tests/Vault.Benchmarks -- phases [14,15]</c>: per-phase times of
/// relinearize and rotate-by-1 on SEAL's default chains and on the hybrid presets, printed as Markdown. Times are thread
/// CPU time (median of 9 repetitions of ≥ 0.5 s).</summary>
internal static class PhaseProfile
{
    private const int Repetitions = 9;
    private static readonly TimeSpan MinRepetition = TimeSpan.FromSeconds(0.5);

    public static int Run(string[] args)
    {
        int[] sizes = args.Length > 0
            ? [.. args[0].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]
            : [14, 15];
        foreach (int logN in sizes)
        {
            Profile($"SEAL-shaped 2^{logN}", Chains.Seal(logN));
            if (logN is 14 or 15) Profile($"hybrid preset 2^{logN}", Chains.Hybrid(logN));
        }
        return 0;
    }

    private static void Profile(string name, CkksParameterSpec spec)
    {
        RingParallelism.ThreadCount = 1;   // the replica is single-threaded; time the real operation the same way
        using var f = new CkksFixture(spec);
        var rlwe = f.Parameters.Rlwe;
        int level = f.Parameters.MaxLevel, logN = f.Parameters.LogN;
        ulong g = GaloisElements.ForRotation(logN, 1);
        var profiler = new KeySwitchProfiler(rlwe);
        var real = new KeySwitcher(rlwe);
        RnsPoly r0 = new(rlwe.N, level + 1), r1 = new(rlwe.N, level + 1), p0 = new(rlwe.N, level + 1), p1 = new(rlwe.N, level + 1);

        // The replica must compute exactly what KeySwitcher computes.
        real.Switch(f.Product[2], level, f.RelinearizationKey.Key, r0, r1);
        profiler.Switch(f.Product[2], 1, f.RelinearizationKey.Key, p0, p1);
        Check(r0, p0, "relinearize t0");
        Check(r1, p1, "relinearize t1");
        real.Switch(f.A[1], level, f.GaloisKeys[g], r0, r1, g);
        profiler.Switch(f.A[1], g, f.GaloisKeys[g], p0, p1);
        Check(r0, p0, "rotate t0");
        Check(r1, p1, "rotate t1");

        var relin = TimePhases(profiler, () => profiler.Switch(f.Product[2], 1, f.RelinearizationKey.Key, p0, p1));
        var rotate = TimePhases(profiler, () => profiler.Switch(f.A[1], g, f.GaloisKeys[g], p0, p1));
        double realRelinSwitch = Median(() => real.Switch(f.Product[2], level, f.RelinearizationKey.Key, r0, r1));
        double realRotateSwitch = Median(() => real.Switch(f.A[1], level, f.GaloisKeys[g], r0, r1, g));
        double realRelin = Median(() => f.Evaluator.Relinearize(f.Product, f.Destination));
        double realRotate = Median(() => f.Evaluator.Rotate(f.A, 1, f.Destination));
        var table = f.Basis.Tables[0];
        double nttForward = Median(() => table.Forward(f.Limb));
        double nttInverse = Median(() => table.Inverse(f.Limb));

        int l1 = level + 1, k = rlwe.Ring.PCount, dnum = rlwe.DigitCount(level);
        int raised = 0;
        for (int j = 0; j < dnum; j++) raised += l1 + k - Math.Min(rlwe.DigitSize, l1 - j * rlwe.DigitSize);
        int[] kernelCounts = [l1, dnum, raised, raised, l1, 2 * k, 2 * l1, 2 * l1, l1 + k];
        string[] units = ["INTTs", "digits", "limbs", "NTTs", "limbs (rotate)", "INTTs", "limbs", "NTTs", $"limbs × {dnum} digits × 2 keys"];

        Console.WriteLine();
        Console.WriteLine($"### {name}: L+1 = {l1} Q primes, k = {k} special prime(s), dnum = {dnum} (digit size {rlwe.DigitSize})");
        Console.WriteLine();
        Console.WriteLine("| phase | work per key switch | relinearize µs | % | rotate by 1 µs | % |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        double relinSum = relin.Sum(), rotateSum = rotate.Sum();
        for (int i = 0; i < KeySwitchProfiler.PhaseNames.Length; i++)
        {
            string work = kernelCounts[i] == 0 ? "" : $"{kernelCounts[i]} {units[i]}";
            Console.WriteLine($"| {KeySwitchProfiler.PhaseNames[i]} | {work} | {relin[i]:F0} | {100 * relin[i] / relinSum:F1} | {rotate[i]:F0} | {100 * rotate[i] / rotateSum:F1} |");
        }
        Console.WriteLine($"| **sum of phases (replica)** | | **{relinSum:F0}** | 100 | **{rotateSum:F0}** | 100 |");
        Console.WriteLine($"| KeySwitcher itself (not the replica) | | {realRelinSwitch:F0} | | {realRotateSwitch:F0} | |");
        Console.WriteLine($"| whole evaluator op (Relinearize / Rotate) | | {realRelin:F0} | | {realRotate:F0} | |");
        double nttShare(double[] p) => (p[0] + p[3] + p[5] + p[7]) / p.Sum();
        double convShare(double[] p) => (p[1] + p[2] + p[6]) / p.Sum();
        Console.WriteLine();
        Console.WriteLine($"NTTs (forward + inverse, with the special limbs' ModDown preparation): {100 * nttShare(relin):F0}% of relinearize, {100 * nttShare(rotate):F0}% of rotate; " +
            $"base conversions {100 * convShare(relin):F0}% / {100 * convShare(rotate):F0}%; inner product {100 * relin[8] / relinSum:F0}% / {100 * rotate[8] / rotateSum:F0}%.");
        int ntts = l1 + raised + 2 * k + 2 * l1;
        Console.WriteLine($"{ntts} single-limb NTTs per key switch; one forward NTT of q_0 alone takes {nttForward:F1} µs, one inverse {nttInverse:F1} µs " +
            $"(so ≈ {(l1 + 2 * k) * nttInverse + (raised + 2 * l1) * nttForward:F0} µs of NTTs if they ran at that speed).");
    }

    private static double[] TimePhases(KeySwitchProfiler profiler, Action call)
    {
        Warmup(call);
        long calls = CallsPerRepetition(call);
        var perRepetition = new double[Repetitions][];
        for (int r = 0; r < Repetitions; r++)
        {
            profiler.Reset();
            for (long i = 0; i < calls; i++) call();
            perRepetition[r] = [.. profiler.Nanoseconds.ToArray().Select(t => t / 1e3 / calls)];
        }
        var result = new double[KeySwitchProfiler.PhaseNames.Length];
        for (int p = 0; p < result.Length; p++) result[p] = MedianOf([.. perRepetition.Select(x => x[p])]);
        return result;
    }

    internal static double Median(Action call)
    {
        Warmup(call);
        long calls = CallsPerRepetition(call);
        var samples = new double[Repetitions];
        for (int r = 0; r < Repetitions; r++)
        {
            long t0 = ThreadCpuClock.Nanoseconds();
            for (long i = 0; i < calls; i++) call();
            samples[r] = (ThreadCpuClock.Nanoseconds() - t0) / 1e3 / calls;
        }
        return MedianOf(samples);
    }

    private static void Warmup(Action call)
    {
        GC.Collect();
        var clock = Stopwatch.StartNew();
        int n = 0;
        while (n++ < 3 || clock.Elapsed < TimeSpan.FromSeconds(1)) call();
    }

    private static long CallsPerRepetition(Action call)
    {
        long t0 = Stopwatch.GetTimestamp();
        call();
        double one = Math.Max(1, Stopwatch.GetTimestamp() - t0);
        return Math.Max(1, (long)Math.Ceiling(MinRepetition.TotalSeconds * Stopwatch.Frequency / one));
    }

    private static double MedianOf(double[] values)
    {
        var s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    private static void Check(RnsPoly expected, RnsPoly actual, string what)
    {
        if (!expected.Coefficients.SequenceEqual(actual.Coefficients))
            throw new InvalidOperationException($"phases: the replica differs from KeySwitcher ({what}); update KeySwitchProfiler to match it.");
    }
}
