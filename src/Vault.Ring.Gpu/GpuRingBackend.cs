using ILGPU;
using ILGPU.Runtime;

namespace Vault.Ring.Gpu;

/// <summary>The ILGPU <see cref="IRingBackend"/>: polynomials live in device memory, twiddles and per-basis constants
/// are uploaded once and stay resident, and every operation is one kernel launch over all limbs (NTTs: one launch per
/// butterfly stage wider than a tile, plus one for all the stages inside a tile, in shared memory). Outputs are
/// bit-exact with <see cref="CpuRingBackend"/>.</summary>
/// <remarks>Runs on CUDA or on ILGPU's CPU accelerator (see <see cref="GpuDevice"/>). Kernels are queued on the
/// accelerator's default stream, in order; <see cref="Download"/> waits for them. Not thread-safe. Disposing the backend
/// frees its tables and scratch buffers (and the accelerator when the backend created it).</remarks>
public sealed partial class GpuRingBackend : IRingBackend
{
    private readonly GpuAccelerator _accelerator;
    private readonly bool _ownsAccelerator;
    private readonly Accelerator _device;
    private readonly KernelSet _kernels;
    private readonly int _logN;
    private readonly NttLaunchPlan _ntt;
    private readonly int _nttThreadsPerGroup;
    private readonly Dictionary<ulong, int> _slotOfPrime = [];
    private readonly MemoryBuffer1D<ulong, Stride1D.Dense> _roots, _rootsShoup, _inverseRoots, _inverseRootsShoup;
    private readonly Dictionary<RnsBasis, MemoryBuffer1D<LimbConstants, Stride1D.Dense>> _bases = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<BasisConverter, DeviceConverter> _converters = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ulong, MemoryBuffer1D<int, Stride1D.Dense>> _permutations = [];
    private readonly List<IDisposable> _owned = [];
    private MemoryBuffer1D<ulong, Stride1D.Dense>? _scratchA, _scratchB, _scalars;
    private ulong[] _scalarStaging = [];
    private bool _disposed;

    private GpuRingBackend(RingContext ring, GpuAccelerator accelerator, bool ownsAccelerator)
    {
        Ring = ring;
        _accelerator = accelerator;
        _ownsAccelerator = ownsAccelerator;
        _device = accelerator.Accelerator;
        _kernels = accelerator.Kernels;
        _logN = ring.LogN;
        _ntt = NttLaunchPlan.For(_logN);
        _nttThreadsPerGroup = _ntt.ThreadsPerGroup(_device.MaxNumThreadsPerGroup);
        var tables = new List<NttTable>(ring.Q(ring.MaxLevel).Tables.ToArray());
        if (ring.P is { } p) tables.AddRange(p.Tables.ToArray());
        int n = ring.N;
        var roots = new ulong[tables.Count * n];
        var rootsShoup = new ulong[roots.Length];
        var inverseRoots = new ulong[roots.Length];
        var inverseRootsShoup = new ulong[roots.Length];
        for (int slot = 0; slot < tables.Count; slot++)
        {
            _slotOfPrime.Add(tables[slot].Modulus.Value, slot);
            tables[slot].Roots.CopyTo(roots.AsSpan(slot * n, n));
            tables[slot].RootsShoup.CopyTo(rootsShoup.AsSpan(slot * n, n));
            tables[slot].InverseRoots.CopyTo(inverseRoots.AsSpan(slot * n, n));
            tables[slot].InverseRootsShoup.CopyTo(inverseRootsShoup.AsSpan(slot * n, n));
        }
        _roots = Resident(roots);
        _rootsShoup = Resident(rootsShoup);
        _inverseRoots = Resident(inverseRoots);
        _inverseRootsShoup = Resident(inverseRootsShoup);
    }

    /// <inheritdoc/>
    public RingContext Ring { get; }

    /// <inheritdoc/>
    public string DeviceName => _accelerator.Name;

    /// <summary>The accelerator this backend runs on.</summary>
    public GpuAccelerator Accelerator => _accelerator;

    /// <summary>Creates a backend for <paramref name="ring"/> on its own accelerator (<see cref="GpuDevice.Auto"/>: CUDA
    /// when present, else ILGPU's CPU accelerator). The twiddles of every prime of the ring are uploaded here.</summary>
    /// <exception cref="GpuDeviceException"><see cref="GpuDevice.Cuda"/> was requested and no CUDA device exists.</exception>
    public static GpuRingBackend Create(RingContext ring, GpuDevice device = GpuDevice.Auto)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var accelerator = GpuAccelerator.Create(device);
        try
        {
            return new GpuRingBackend(ring, accelerator, ownsAccelerator: true);
        }
        catch
        {
            accelerator.Dispose();
            throw;
        }
    }

    /// <summary>Creates a backend for <paramref name="ring"/> on a shared <paramref name="accelerator"/>, which the
    /// backend does not dispose.</summary>
    public static GpuRingBackend Create(RingContext ring, GpuAccelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(accelerator);
        return new GpuRingBackend(ring, accelerator, ownsAccelerator: false);
    }

    /// <inheritdoc/>
    public IDevicePoly Allocate(int capacity)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var buffer = _device.Allocate1D<ulong>(checked((long)capacity * Ring.N));
        buffer.MemSetToZero();
        return new GpuPoly(this, buffer, Ring.N, capacity);
    }

    /// <inheritdoc/>
    public void Upload(RnsPoly source, IDevicePoly destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        GpuPoly d = Own(destination, nameof(destination));
        if (source.N != d.N) throw new ArgumentException($"Upload: degree {source.N}, expected {d.N}.", nameof(source));
        d.LimbCount = source.LimbCount;
        d.Limbs(0, source.LimbCount).CopyFromCPU(source.Coefficients);
    }

    /// <inheritdoc/>
    public void Download(IDevicePoly source, RnsPoly destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        GpuPoly s = Own(source, nameof(source));
        if (destination.N != s.N) throw new ArgumentException($"Download: degree {destination.N}, expected {s.N}.", nameof(destination));
        destination.LimbCount = s.LimbCount;
        _device.Synchronize();
        s.Limbs(0, s.LimbCount).CopyToCPU(destination.Coefficients);
    }

    /// <summary>Waits for every queued kernel (for timing; <see cref="Download"/> already waits).</summary>
    public void Synchronize() => _device.Synchronize();

    /// <summary>Frees the resident tables, constants and scratch, and the accelerator when this backend created it.
    /// Polynomials allocated here must not be used afterwards.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var owned in _owned) owned.Dispose();
        _owned.Clear();
        Wipe(_scratchA);
        Wipe(_scratchB);
        Wipe(_scalars);
        Wipe(_conversionTerms);
        Wipe(_conversionOverflow);
        if (_ownsAccelerator) _accelerator.Dispose();
    }

    /// <summary>Zeroes and frees a scratch buffer (it may have held intermediates of secret-dependent data).</summary>
    private static void Wipe(MemoryBuffer1D<ulong, Stride1D.Dense>? buffer)
    {
        if (buffer is null || buffer.IsDisposed) return;
        buffer.MemSetToZero();
        buffer.Dispose();
    }

    private MemoryBuffer1D<T, Stride1D.Dense> Resident<T>(T[] values) where T : unmanaged
    {
        var buffer = _device.Allocate1D(values);
        _owned.Add(buffer);
        return buffer;
    }

    private GpuPoly Own(IDevicePoly poly, string paramName)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(poly, paramName);
        if (poly is not GpuPoly gpu || !ReferenceEquals(gpu.Owner, this))
            throw new ArgumentException("GpuRingBackend: the polynomial was allocated by another backend.", paramName);
        if (gpu.IsDisposed) throw new ObjectDisposedException(paramName, "GpuRingBackend: the polynomial was disposed.");
        return gpu;
    }

    private GpuPoly Own(IDevicePoly poly, RnsBasis basis, string paramName)
    {
        GpuPoly p = Own(poly, paramName);
        if (p.LimbCount < basis.Count)
            throw new ArgumentException($"GpuRingBackend: poly has {p.LimbCount} limbs, basis needs {basis.Count}.", paramName);
        return p;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>The basis' per-limb constants on the device, uploaded on first use.</summary>
    private ArrayView<LimbConstants> Limbs(RnsBasis basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        if (_bases.TryGetValue(basis, out var cached)) return cached.View;
        if (basis.N != Ring.N) throw new ArgumentException($"GpuRingBackend: basis of degree {basis.N}, ring of degree {Ring.N}.", nameof(basis));
        var constants = new LimbConstants[basis.Count];
        for (int i = 0; i < basis.Count; i++)
        {
            var table = basis.Tables[i];
            var m = table.Modulus;
            if (!_slotOfPrime.TryGetValue(m.Value, out int slot))
                throw new ArgumentException($"GpuRingBackend: prime {m.Value} is not a prime of the ring.", nameof(basis));
            ulong inverseN = m.Inverse((ulong)Ring.N), lastRoot = m.Mul(table.InverseRoots[1], inverseN);
            constants[i] = new LimbConstants(m.Value, m.BarrettHi, m.BarrettLo, inverseN, m.ShoupPrecompute(inverseN),
                lastRoot, m.ShoupPrecompute(lastRoot), slot * Ring.N);
        }
        var buffer = Resident(constants);
        _bases.Add(basis, buffer);
        return buffer.View;
    }

    /// <summary>A device scratch buffer of at least <paramref name="length"/> entries (grown on demand, kept).</summary>
    private ArrayView<ulong> Scratch(ref MemoryBuffer1D<ulong, Stride1D.Dense>? buffer, long length)
    {
        if (buffer is null || buffer.Length < length)
        {
            Wipe(buffer);
            buffer = _device.Allocate1D<ulong>(length);
        }
        return ((ArrayView<ulong>)buffer.View).SubView(0, length);
    }
}
