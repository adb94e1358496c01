using Vault.Ring;

namespace Vault.Rlwe;

/// <summary>The ternary secret s, kept in NTT form over every prime {q_0..q_L, p_0..p_(k−1)}.
/// Dispose to zero its memory. Never log or serialize it outside a key file.</summary>
public sealed class SecretKey : IDisposable
{
    private bool _disposed;

    internal SecretKey(RlweParameters parameters, RnsPoly poly)
    {
        ParameterId = parameters.Id;
        Poly = poly;
    }

    /// <summary>Wraps a secret given in NTT form over every prime {q_0..q_L, p_0..p_(k−1)}, exactly as
    /// <see cref="Poly"/> holds it; for deserialization. The key takes ownership of <paramref name="poly"/> and wipes it
    /// on <see cref="Dispose"/>. Only the shape is checked, not that s is ternary.</summary>
    /// <exception cref="ArgumentException">The poly has the wrong degree or limb count.</exception>
    public static SecretKey FromNtt(RlweParameters parameters, RnsPoly poly)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(poly);
        int limbs = parameters.Ring.QP(parameters.MaxLevel).Count;
        if (poly.N != parameters.N || poly.LimbCount != limbs)
            throw new ArgumentException($"SecretKey.FromNtt: expected {limbs} limbs of {parameters.N} residues, got {poly.LimbCount} of {poly.N}.", nameof(poly));
        return new SecretKey(parameters, poly);
    }

    /// <summary>Parameters the key was made under.</summary>
    public ParameterId ParameterId { get; }

    /// <summary>s in NTT form over q_0..q_L, p_0..p_(k−1).</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public RnsPoly Poly
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return field;
        }
    }

    /// <summary>Zeroes the key.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        Poly.Wipe();
        _disposed = true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"SecretKey({ParameterId}, redacted)";
}
