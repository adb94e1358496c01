using Vault.Ring;

namespace Vault.Rlwe;

/// <summary>A <see cref="SwitchingKey"/> resident on an <see cref="IRingBackend"/>: b_j and a_j of every gadget digit
/// over {q_0..q_L, p_0..p_(k−1)}, NTT form. Made by <see cref="BackendKeySwitcher.Upload"/>; dispose it to free (and
/// zero) the device memory.</summary>
public sealed class DeviceSwitchingKey : IDisposable
{
    private readonly IDevicePoly[] _b, _a;

    internal DeviceSwitchingKey(IRingBackend backend, ParameterId parameterId, IDevicePoly[] b, IDevicePoly[] a)
    {
        Backend = backend;
        ParameterId = parameterId;
        _b = b;
        _a = a;
    }

    /// <summary>Parameters the key was made under.</summary>
    public ParameterId ParameterId { get; }

    /// <summary>Number of digits.</summary>
    public int DigitCount => _b.Length;

    internal IRingBackend Backend { get; }

    internal IDevicePoly[] B => _b;

    internal IDevicePoly[] A => _a;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var poly in _b) poly.Dispose();
        foreach (var poly in _a) poly.Dispose();
    }
}
