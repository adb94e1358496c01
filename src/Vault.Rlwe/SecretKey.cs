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
