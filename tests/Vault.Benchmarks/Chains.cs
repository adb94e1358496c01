using System.Collections.Immutable;
using Vault.Ckks;

namespace Vault.Benchmarks;

/// <summary>The parameter sets the benchmarks run on.</summary>
internal static class Chains
{
    /// <summary>SEAL's default 128-bit chain (<c>CoeffModulus::BFVDefault(N)</c>) as a Vault spec: LogQ = every prime
    /// but the last, LogP = [the last], scale 2^40. Vault's prime generator yields the same primes (equal-size primes
    /// in ascending rather than descending order); one special prime gives SEAL's key switching (dnum = L + 1).
    /// Same table as <c>src/Vault.Cli/Bench/SealDefaultChains.cs</c>.</summary>
    public static CkksParameterSpec Seal(int logN) => logN switch
    {
        13 => Spec(13, [43, 43, 44, 44], 44),
        14 => Spec(14, [48, 48, 48, 49, 49, 49, 49, 49], 49),
        15 => Spec(15, [.. Enumerable.Repeat(55, 15)], 56),
        _ => throw new ArgumentOutOfRangeException(nameof(logN), "SEAL default chains are benchmarked for 13, 14, 15."),
    };

    /// <summary>Vault's hybrid key-switching presets: 2^14 = 7 Q primes, 3 special primes, dnum 3; 2^15 = 16 Q primes,
    /// 4 special primes, dnum 4.</summary>
    public static CkksParameterSpec Hybrid(int logN) => logN switch
    {
        14 => CkksParameterPresets.LogN14,
        15 => CkksParameterPresets.LogN15,
        _ => throw new ArgumentOutOfRangeException(nameof(logN), "hybrid presets are benchmarked for 14 and 15."),
    };

    private static CkksParameterSpec Spec(int logN, ImmutableArray<int> logQ, int special) => new()
    {
        LogN = logN,
        LogQ = logQ,
        LogP = [special],
        LogDefaultScale = 40,
    };
}
