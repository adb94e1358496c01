using Vault.Ckks;

namespace Vault.Testing;

/// <summary>CKKS parameter sets for tests. INSECURE, for fast tests only: every set is marked
/// <see cref="SecurityLevel.InsecureTestOnly"/> and must be built with <see cref="CkksParameters.CreateInsecure"/>.</summary>
public static class InsecureTestParameters
{
    /// <summary>INSECURE. N = 2^5 (16 slots), Q = 50·40 bits, P = 50 bits, Δ = 2^30: small enough for O(N²) checks.</summary>
    public static CkksParameterSpec LogN5 { get; } = Small(5);

    /// <summary>INSECURE. N = 2^6 (32 slots), Q = 50·40 bits, P = 50 bits, Δ = 2^30.</summary>
    public static CkksParameterSpec LogN6 { get; } = Small(6);

    /// <summary>INSECURE. N = 2^7 (64 slots), Q = 50·40 bits, P = 50 bits, Δ = 2^30.</summary>
    public static CkksParameterSpec LogN7 { get; } = Small(7);

    /// <summary>INSECURE. N = 2^10, L = 4 (Q = 55 + 4·45 = 235 bits), Δ = 2^45, dnum = 1: the whole of Q is one
    /// gadget digit, so P (4·60 = 240 bits) must exceed Q for the key-switching noise to stay small.</summary>
    public static CkksParameterSpec LogN10Dnum1 { get; } = KeySwitching(1, [60, 60, 60, 60]);

    /// <summary>INSECURE. N = 2^10, L = 4, Δ = 2^45, dnum = 2: digits {q0,q1,q2} (145 bits) and {q3,q4} (90 bits),
    /// P = 3·60 = 180 bits above the largest digit.</summary>
    public static CkksParameterSpec LogN10Dnum2 { get; } = KeySwitching(2, [60, 60, 60]);

    /// <summary>INSECURE. N = 2^10, L = 4, Δ = 2^45, dnum = L + 1 = 5: one prime per digit, one 60-bit special prime
    /// (SEAL's method).</summary>
    public static CkksParameterSpec LogN10Dnum5 { get; } = KeySwitching(5, [60]);

    private static CkksParameterSpec Small(int logN) => new()
    {
        LogN = logN,
        LogQ = [50, 40],
        LogP = [50],
        LogDefaultScale = 30,
        Security = SecurityLevel.InsecureTestOnly,
    };

    private static CkksParameterSpec KeySwitching(int dnum, int[] logP) => new()
    {
        LogN = 10,
        LogQ = [55, 45, 45, 45, 45],
        LogP = [.. logP],
        LogDefaultScale = 45,
        Dnum = dnum,
        Security = SecurityLevel.InsecureTestOnly,
    };
}
