using Vault.Ring;

namespace Vault.Rlwe;

/// <summary>An RLWE public key (b, a) = (−a·s + e, a) over {q_0..q_L} in NTT form; a is expanded from <see cref="Seed"/>.</summary>
public sealed class PublicKey
{
    internal PublicKey(ParameterId parameterId, RnsPoly b, RnsPoly a, byte[] seed)
    {
        ParameterId = parameterId;
        B = b;
        A = a;
        Seed = seed;
    }

    /// <summary>Rebuilds a public key from b (NTT form over {q_0..q_L}) and the seed of a, expanding a exactly as
    /// <see cref="KeyGenerator.GeneratePublicKey"/> does; for deserialization. Takes ownership of <paramref name="b"/>.</summary>
    /// <exception cref="ArgumentException">b has the wrong shape or the seed is not 32 bytes.</exception>
    public static PublicKey FromSeed(RlweParameters parameters, RnsPoly b, ReadOnlySpan<byte> seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(b);
        var basis = parameters.Ring.Q(parameters.MaxLevel);
        if (b.N != parameters.N || b.LimbCount != basis.Count)
            throw new ArgumentException($"PublicKey.FromSeed: expected {basis.Count} limbs of {parameters.N} residues, got {b.LimbCount} of {b.N}.", nameof(b));
        if (seed.Length != Prng.SeedLength)
            throw new ArgumentException($"PublicKey.FromSeed: the seed must be {Prng.SeedLength} bytes.", nameof(seed));
        var a = new RnsPoly(parameters.N, basis.Count);
        KeyGenerator.ExpandUniform(seed, basis, a);
        return new PublicKey(parameters.Id, b, a, seed.ToArray());
    }

    /// <summary>Parameters the key was made under.</summary>
    public ParameterId ParameterId { get; }

    /// <summary>b = −a·s + e.</summary>
    public RnsPoly B { get; }

    /// <summary>a, uniform.</summary>
    public RnsPoly A { get; }

    /// <summary>The seed that a expands from.</summary>
    public byte[] Seed { get; }
}
