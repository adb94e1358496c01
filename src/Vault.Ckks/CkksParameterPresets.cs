using System.Collections.Immutable;

namespace Vault.Ckks;

/// <summary>Named parameter sets. The <c>LogN*</c> sets meet 128-bit classical security; the
/// <c>InsecureTestOnly*</c> sets do not and exist only to keep unit tests fast.</summary>
public static class CkksParameterPresets
{
    /// <summary>N = 2^13, SEAL's shape: Q = 60·40·40 bits, one 60-bit special prime (log QP = 200), Δ = 2^40, depth 2.</summary>
    public static CkksParameterSpec LogN13 { get; } = new()
    {
        LogN = 13,
        LogQ = [60, 40, 40],
        LogP = [60],
        LogDefaultScale = 40,
    };

    /// <summary>N = 2^14: Q = 60 + 6·40 bits, P = 3·46 bits (log QP = 438), dnum 3, Δ = 2^40, depth 6.</summary>
    public static CkksParameterSpec LogN14 { get; } = new()
    {
        LogN = 14,
        LogQ = [60, 40, 40, 40, 40, 40, 40],
        LogP = [46, 46, 46],
        LogDefaultScale = 40,
    };

    /// <summary>N = 2^15: Q = 60 + 15·40 bits, P = 4·55 bits (log QP = 880), dnum 4, Δ = 2^40, depth 15.</summary>
    public static CkksParameterSpec LogN15 { get; } = new()
    {
        LogN = 15,
        LogQ = [60, .. Enumerable.Repeat(40, 15)],
        LogP = [55, 55, 55, 55],
        LogDefaultScale = 40,
    };

    /// <summary>N = 2^16: Q = 60 + 30·40 bits, P = 8·60 bits (log QP = 1740), dnum 4, Δ = 2^40, depth 30.</summary>
    public static CkksParameterSpec LogN16 { get; } = new()
    {
        LogN = 16,
        LogQ = [60, .. Enumerable.Repeat(40, 30)],
        LogP = [60, 60, 60, 60, 60, 60, 60, 60],
        LogDefaultScale = 40,
    };

    /// <summary>INSECURE, for fast tests only: N = 2^10, Q = 55 + 4·45 bits, P = 2·56 bits, dnum 3, Δ = 2^45.</summary>
    public static CkksParameterSpec InsecureTestOnlyLogN10 { get; } = new()
    {
        LogN = 10,
        LogQ = [55, 45, 45, 45, 45],
        LogP = [56, 56],
        LogDefaultScale = 45,
        Security = SecurityLevel.InsecureTestOnly,
    };

    /// <summary>INSECURE, for fast tests only: N = 2^12 with SEAL's shape (Q = 60·40·40, P = 60): 200 bits exceeds the 109-bit bound.</summary>
    public static CkksParameterSpec InsecureTestOnlyLogN12 { get; } = new()
    {
        LogN = 12,
        LogQ = [60, 40, 40],
        LogP = [60],
        LogDefaultScale = 40,
        Security = SecurityLevel.InsecureTestOnly,
    };

    /// <summary>Every named set, secure ones first.</summary>
    public static ImmutableDictionary<string, CkksParameterSpec> All { get; } = new Dictionary<string, CkksParameterSpec>
    {
        ["logn13"] = LogN13,
        ["logn14"] = LogN14,
        ["logn15"] = LogN15,
        ["logn16"] = LogN16,
        ["insecure-test-only-logn10"] = InsecureTestOnlyLogN10,
        ["insecure-test-only-logn12"] = InsecureTestOnlyLogN12,
    }.ToImmutableDictionary();
}
