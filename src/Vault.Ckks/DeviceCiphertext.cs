using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks;

/// <summary>A CKKS ciphertext (c_0, c_1[, c_2]) resident on an <see cref="IRingBackend"/>: the device twin of
/// <see cref="Ciphertext"/>, with the same parts, level, scale and parameter Id. Made by
/// <see cref="BackendCkksEvaluator.Upload(Ciphertext)"/> or <see cref="BackendCkksEvaluator.NewCiphertext"/>, read back
/// with <see cref="BackendCkksEvaluator.Download(DeviceCiphertext)"/>; between the two, data never leaves the device.</summary>
/// <remarks>Storage is for three parts at the top level (as <see cref="Ciphertext"/>), so level changes and
/// multiplication happen in place. Dispose it to zero and free the device memory.</remarks>
public sealed class DeviceCiphertext : ILeveledCiphertext, IDisposable
{
    private readonly IDevicePoly[] _parts;
    private int _size;
    private bool _disposed;

    internal DeviceCiphertext(IRingBackend backend, ParameterId parameterId, int capacity, int level, double scale)
    {
        Backend = backend;
        ParameterId = parameterId;
        _parts = new IDevicePoly[Ciphertext.MaxSize];
        try
        {
            for (int i = 0; i < _parts.Length; i++) _parts[i] = backend.Allocate(capacity);
        }
        catch
        {
            foreach (var part in _parts) part?.Dispose();
            throw;
        }
        _size = 2;
        Level = level;
        Scale = scale;
    }

    /// <summary>Parameters the ciphertext was made under.</summary>
    public ParameterId ParameterId { get; }

    /// <summary>Number of parts in use: 2, or 3 after a multiplication without relinearization.</summary>
    public int Size
    {
        get => _size;
        internal set => _size = value;
    }

    /// <summary>ℓ: the index of the last prime in use.</summary>
    public int Level
    {
        get => _parts[0].LimbCount - 1;
        internal set
        {
            foreach (var part in _parts) part.LimbCount = value + 1;
        }
    }

    /// <summary>Δ of the encrypted message.</summary>
    public double Scale { get; set; }

    /// <summary>The seed c_1 was expanded from, carried over from an uploaded fresh secret-key encryption until an
    /// operation changes c_1 (as <see cref="Ciphertext.Seed"/>); host metadata only.</summary>
    public byte[]? Seed { get; internal set; }

    /// <summary>True once disposed.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>The backend holding the parts.</summary>
    internal IRingBackend Backend { get; }

    /// <summary>Part <paramref name="index"/> (storage, whatever <see cref="Size"/> is).</summary>
    internal IDevicePoly this[int index] => _parts[index];

    /// <summary>Zeroes and frees the parts.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var part in _parts) part.Dispose();
    }
}
