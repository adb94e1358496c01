using System.Collections.Immutable;
using Vault.Ckks;

namespace Vault.Cli.Bench;

/// <summary>Vault specs with the prime bit sizes of SEAL's default 128-bit chains (<c>CoeffModulus::BFVDefault(N)</c>):
/// LogQ = every prime but the last, LogP = [the last], so the data level has SEAL's L + 1 primes, key switching uses
/// SEAL's single special prime with one digit per prime (dnum = L + 1), and the scale is 2^40.</summary>
/// <remarks>Vault picks primes as <c>CoeffModulus::Create</c> does, which yields the same set of primes as
/// <c>BFVDefault</c>; <c>BFVDefault</c> lists equal-size primes in descending order, Vault in ascending order, so
/// the special prime is a different prime of the same size. Costs are identical.</remarks>
internal static class SealDefaultChains
{
    /// <summary>log2(N) values with a SEAL default chain that holds a 2^40 scale (and anchor figures).</summary>
    public static ImmutableArray<int> SupportedLogN { get; } = [13, 14, 15];

    /// <summary>N = 2^13: 43, 43, 44, 44 + special 44 (log QP = 218).</summary>
    public static CkksParameterSpec LogN13 { get; } = Spec(13, [43, 43, 44, 44], 44);

    /// <summary>N = 2^14: 48 ×3, 49 ×5 + special 49 (log QP = 438).</summary>
    public static CkksParameterSpec LogN14 { get; } = Spec(14, [48, 48, 48, 49, 49, 49, 49, 49], 49);

    /// <summary>N = 2^15: 55 ×15 + special 56 (log QP = 881).</summary>
    public static CkksParameterSpec LogN15 { get; } = Spec(15, [.. Enumerable.Repeat(55, 15)], 56);

    /// <summary>The spec for <paramref name="logN"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="logN"/> is not 13, 14 or 15.</exception>
    public static CkksParameterSpec For(int logN) => logN switch
    {
        13 => LogN13,
        14 => LogN14,
        15 => LogN15,
        _ => throw new ArgumentOutOfRangeException(nameof(logN), $"bench: no SEAL default chain for N = 2^{logN}; choose one of {string.Join(", ", SupportedLogN)}."),
    };

    private static CkksParameterSpec Spec(int logN, ImmutableArray<int> logQ, int special) => new()
    {
        LogN = logN,
        LogQ = logQ,
        LogP = [special],
        LogDefaultScale = 40,
    };
}
