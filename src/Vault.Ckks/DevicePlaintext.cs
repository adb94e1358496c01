using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks;

/// <summary>An encoded message resident on an <see cref="IRingBackend"/>: the device twin of <see cref="Plaintext"/>
/// (a polynomial over {q_0..q_ℓ} in NTT form, its scale and parameter Id), made by
/// <see cref="BackendCkksEvaluator.Upload(Plaintext)"/>. Dispose it to zero and free the device memory.</summary>
public sealed class DevicePlaintext : IDisposable
{
    private bool _disposed;

    internal DevicePlaintext(IRingBackend backend, ParameterId parameterId, IDevicePoly poly, double scale)
    {
        Backend = backend;
        ParameterId = parameterId;
        Poly = poly;
        Scale = scale;
    }

    /// <summary>Parameters the plaintext was made under.</summary>
    public ParameterId ParameterId { get; }

    /// <summary>ℓ: the index of the last prime in use.</summary>
    public int Level => Poly.LimbCount - 1;

    /// <summary>Δ: the factor the message was multiplied by before rounding.</summary>
    public double Scale { get; set; }

    /// <summary>True once disposed.</summary>
    public bool IsDisposed => _disposed;

    internal IRingBackend Backend { get; }

    internal IDevicePoly Poly { get; }

    /// <summary>Zeroes and frees the polynomial.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Poly.Dispose();
    }
}
