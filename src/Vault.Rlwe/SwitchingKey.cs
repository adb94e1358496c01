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

    /// <summary>Rebuilds a switching key from its b_j (NTT form over {q_0..q_L, p_0..p_(k−1)}, one per gadget digit)
    /// and the seed of the a_j, expanding the a_j exactly as <see cref="KeyGenerator.GenerateSwitchingKey"/> does: one
    /// <see cref="Prng"/> over the seed, digit by digit, limb by limb in {q_0..q_L, p_0..p_(k−1)} order.
    /// For deserialization; takes ownership of the b_j.</summary>
    /// <exception cref="ArgumentException">The digit count or a poly's shape is wrong, or the seed is not 32 bytes.</exception>
    public static SwitchingKey FromSeed(RlweParameters parameters, IReadOnlyList<RnsPoly> b, ReadOnlySpan<byte> seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(b);
        var basis = parameters.Ring.QP(parameters.MaxLevel);
        if (b.Count != parameters.Dnum)
            throw new ArgumentException($"SwitchingKey.FromSeed: expected {parameters.Dnum} digits, got {b.Count}.", nameof(b));
        if (seed.Length != Prng.SeedLength)
            throw new ArgumentException($"SwitchingKey.FromSeed: the seed must be {Prng.SeedLength} bytes.", nameof(seed));
        var bCopy = new RnsPoly[b.Count];
        var a = new RnsPoly[b.Count];
        using var expansion = new Prng(seed);
        for (int j = 0; j < b.Count; j++)
        {
            var bj = b[j];
            ArgumentNullException.ThrowIfNull(bj, nameof(b));
            if (bj.N != parameters.N || bj.LimbCount != basis.Count)
                throw new ArgumentException($"SwitchingKey.FromSeed: digit {j} needs {basis.Count} limbs of {parameters.N} residues, got {bj.LimbCount} of {bj.N}.", nameof(b));
            bCopy[j] = bj;
            a[j] = new RnsPoly(parameters.N, basis.Count);
            for (int i = 0; i < basis.Count; i++) PolySampler.Uniform(expansion, basis.Moduli[i], a[j].Limb(i));
        }
        return new SwitchingKey(parameters.Id, bCopy, a, seed.ToArray());
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
