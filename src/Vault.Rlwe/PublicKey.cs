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

    /// <summary>Parameters the key was made under.</summary>
    public ParameterId ParameterId { get; }

    /// <summary>b = −a·s + e.</summary>
    public RnsPoly B { get; }

    /// <summary>a, uniform.</summary>
    public RnsPoly A { get; }

    /// <summary>The seed that a expands from.</summary>
    public byte[] Seed { get; }
}
