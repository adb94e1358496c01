using Vault.Ring;

namespace Vault.Rlwe;

/// <summary>An encoded message: a polynomial over {q_0..q_ℓ} in NTT form, with the scale it was encoded at.</summary>
public sealed class Plaintext
{
    /// <summary>Allocates a zero plaintext at <paramref name="level"/> (storage for the top level, so the level can change in place).</summary>
    public Plaintext(RlweParameters parameters, int level, double scale)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, parameters.MaxLevel);
        ParameterId = parameters.Id;
        Poly = new RnsPoly(parameters.N, parameters.MaxLevel + 1) { LimbCount = level + 1 };
        Scale = scale;
    }

    /// <summary>Parameters the plaintext was made under.</summary>
    public ParameterId ParameterId { get; }

    /// <summary>m over {q_0..q_ℓ} in NTT form.</summary>
    public RnsPoly Poly { get; }

    /// <summary>ℓ: the index of the last prime in use.</summary>
    public int Level
    {
        get => Poly.LimbCount - 1;
        set => Poly.LimbCount = value + 1;
    }

    /// <summary>Δ: the factor the message was multiplied by before rounding.</summary>
    public double Scale { get; set; }
}
