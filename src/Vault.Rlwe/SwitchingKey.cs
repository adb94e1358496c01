using Vault.Ring;

namespace Vault.Rlwe;

/// <summary>A hybrid key-switching key from s' to s: for each gadget digit j, the pair over {q_0..q_L, p_0..p_(k−1)}
/// (b_j, a_j) = (−a_j·s + e_j + P·T_j·s', a_j) in NTT form, where T_j ≡ 1 mod the primes of digit j and ≡ 0 mod
/// the other q_i. The a_j are expanded from <see cref="Seed"/>.</summary>
public sealed class SwitchingKey
{
    internal SwitchingKey(ParameterId parameterId, RnsPoly[] b, RnsPoly[] a, byte[] seed)
    {
        ParameterId = parameterId;
        B = b;
        A = a;
        Seed = seed;
    }

    /// <summary>Parameters the key was made under.</summary>
    public ParameterId ParameterId { get; }

    /// <summary>b_j for each digit.</summary>
    public IReadOnlyList<RnsPoly> B { get; }

    /// <summary>a_j for each digit.</summary>
    public IReadOnlyList<RnsPoly> A { get; }

    /// <summary>The seed every a_j expands from.</summary>
    public byte[] Seed { get; }

    /// <summary>Number of digits.</summary>
    public int DigitCount => B.Count;
}
