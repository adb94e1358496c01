using ILGPU;
using ILGPU.Runtime;

namespace Vault.Ring.Gpu;

/// <summary>The GPU backend's polynomial: Capacity · N residues in one device buffer, limb-major.</summary>
internal sealed class GpuPoly : IDevicePoly
{
    private int _limbCount;
    private bool _disposed;

    public GpuPoly(GpuRingBackend owner, MemoryBuffer1D<ulong, Stride1D.Dense> buffer, int n, int capacity)
    {
        Owner = owner;
        Buffer = buffer;
        N = n;
        Capacity = capacity;
        _limbCount = capacity;
    }

    /// <summary>The backend that allocated this polynomial.</summary>
    public GpuRingBackend Owner { get; }

    /// <summary>The device storage.</summary>
    public MemoryBuffer1D<ulong, Stride1D.Dense> Buffer { get; }

    /// <inheritdoc/>
    public int N { get; }

    /// <inheritdoc/>
    public int Capacity { get; }

    /// <inheritdoc/>
    public int LimbCount
    {
        get => _limbCount;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Capacity);
            _limbCount = value;
        }
    }

    /// <summary>True once disposed.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>Limbs [start, start + count) as one contiguous view.</summary>
    public ArrayView<ulong> Limbs(int start, int count) => ((ArrayView<ulong>)Buffer.View).SubView((long)start * N, (long)count * N);

    /// <summary>Zeroes and frees the device buffer.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!Buffer.IsDisposed)
        {
            Buffer.MemSetToZero();
            Buffer.Dispose();
        }
    }
}
