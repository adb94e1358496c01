using System.Collections.Immutable;

namespace Vault.Ckks;

/// <summary>Unchecked CKKS parameters exactly as written in JSON or code. Nothing here is trusted:
/// <see cref="CkksParameters.Create"/> validates it and builds the RNS and NTT tables.</summary>
/// <remarks>Compare <see cref="CkksParameters.Id"/>, not specs: record equality compares arrays by reference.</remarks>
public sealed record CkksParameterSpec
{
    /// <summary>Ring Z_Q[X]/(X^N + 1), N = 2^LogN.</summary>
    public required int LogN { get; init; }

    /// <summary>Bits of q_0..q_L; one level per prime after q_0.</summary>
    public required ImmutableArray<int> LogQ { get; init; }

    /// <summary>Bits of the key-switching primes p_0..p_(k−1).</summary>
    public required ImmutableArray<int> LogP { get; init; }

    /// <summary>Δ = 2^LogDefaultScale.</summary>
    public required int LogDefaultScale { get; init; }

    /// <summary>Gadget digits for hybrid key switching; null picks ⌈(L + 1) / k⌉ (one digit per k ciphertext primes).</summary>
    public int? Dnum { get; init; }

    /// <summary>Non-zero count of the ternary secret; 0 (default) for uniform ternary.</summary>
    public int HammingWeight { get; init; }

    /// <summary>Security target that <see cref="CkksParameters.Create"/> enforces.</summary>
    public SecurityLevel Security { get; init; } = SecurityLevel.Classical128;
}
