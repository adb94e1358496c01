using ILGPU;
using ILGPU.Runtime;

namespace Vault.Ring.Gpu;

/// <summary>NTT, element-wise, automorphism and inner-product launches.</summary>
public sealed partial class GpuRingBackend
{
    private const int TermsPerAccumulator = 15;   // 15 products of two values below 2^62 fit in 128 bits

    /// <inheritdoc/>
    public void Copy(IDevicePoly source, int sourceLimb, IDevicePoly destination, int destinationLimb, int limbCount)
    {
        GpuPoly x = Own(source, nameof(source)), d = Own(destination, nameof(destination));
        CpuRingBackend.CheckCopyRanges(x.LimbCount, sourceLimb, d.LimbCount, destinationLimb, limbCount, ReferenceEquals(x, d));
        x.Limbs(sourceLimb, limbCount).CopyTo(d.Limbs(destinationLimb, limbCount));
    }

    /// <inheritdoc/>
    public void Forward(RnsBasis basis, IDevicePoly a)
    {
        var limbs = Limbs(basis);
        GpuPoly x = Own(a, basis, nameof(a));
        var data = x.Limbs(0, basis.Count);
        int butterflies = basis.Count * (Ring.N >> 1);
        for (int logHalf = _logN - 1; logHalf >= _ntt.LogTile; logHalf--)
            _kernels.ForwardStage(butterflies, data, limbs, _roots.View, _rootsShoup.View, _logN, logHalf);
        _kernels.ForwardFused(FusedConfig(basis), data, limbs, _roots.View, _rootsShoup.View, _logN, _ntt.LogTile);
    }

    /// <inheritdoc/>
    public void Inverse(RnsBasis basis, IDevicePoly a)
    {
        var limbs = Limbs(basis);
        GpuPoly x = Own(a, basis, nameof(a));
        var data = x.Limbs(0, basis.Count);
        int butterflies = basis.Count * (Ring.N >> 1);
        _kernels.InverseFused(FusedConfig(basis), data, limbs, _inverseRoots.View, _inverseRootsShoup.View, _logN, _ntt.LogTile);
        if (_ntt.StageLaunches == 0) return;                   // the tile was the whole limb: the last stage is done
        for (int logHalf = _ntt.LogTile; logHalf < _logN - 1; logHalf++)
            _kernels.InverseStage(butterflies, data, limbs, _inverseRoots.View, _inverseRootsShoup.View, _logN, logHalf);
        _kernels.InverseLastStage(butterflies, data, limbs, _logN);
    }

    /// <inheritdoc/>
    public void Add(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination) =>
        Binary(_kernels.Add, basis, a, b, destination);

    /// <inheritdoc/>
    public void Subtract(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination) =>
        Binary(_kernels.Subtract, basis, a, b, destination);

    /// <inheritdoc/>
    public void MulCoefficients(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination) =>
        Binary(_kernels.Multiply, basis, a, b, destination);

    /// <inheritdoc/>
    public void MulCoefficientsAdd(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination) =>
        Binary(_kernels.MultiplyAdd, basis, a, b, destination);

    /// <inheritdoc/>
    public void Negate(RnsBasis basis, IDevicePoly a, IDevicePoly destination)
    {
        var limbs = Limbs(basis);
        GpuPoly x = Own(a, basis, nameof(a)), d = Own(destination, basis, nameof(destination));
        int count = basis.Count;
        _kernels.Negate(count * Ring.N, x.Limbs(0, count), d.Limbs(0, count), limbs, _logN);
    }

    /// <inheritdoc/>
    public void MulScalars(RnsBasis basis, IDevicePoly a, ReadOnlySpan<ulong> scalars, IDevicePoly destination) =>
        WithScalars(_kernels.MultiplyScalar, basis, a, scalars, destination);

    /// <inheritdoc/>
    public void AddScalars(RnsBasis basis, IDevicePoly a, ReadOnlySpan<ulong> scalars, IDevicePoly destination) =>
        WithScalars(_kernels.AddScalar, basis, a, scalars, destination);

    /// <inheritdoc/>
    public void AutomorphismNtt(RnsBasis basis, IDevicePoly a, ulong galoisElement, IDevicePoly destination)
    {
        ArgumentNullException.ThrowIfNull(basis);
        _ = Limbs(basis);
        GpuPoly x = Own(a, basis, nameof(a)), d = Own(destination, basis, nameof(destination));
        if (ReferenceEquals(x, d)) throw new ArgumentException("Automorphism: destination aliases input.", nameof(destination));
        if (!_permutations.TryGetValue(galoisElement, out var permutation))
        {
            permutation = _device.Allocate1D(Ring.AutomorphismNttIndex(galoisElement).ToArray());   // validates g
            _permutations.Add(galoisElement, permutation);
            _owned.Add(permutation);
        }
        int count = basis.Count;
        _kernels.Permute(count * Ring.N, x.Limbs(0, count), permutation.View, d.Limbs(0, count), _logN);
    }

    /// <inheritdoc/>
    public void InnerProduct(RnsBasis basis, ReadOnlySpan<IDevicePoly> a, ReadOnlySpan<IDevicePoly> b, IDevicePoly destination)
    {
        var limbs = Limbs(basis);
        GpuPoly d = Own(destination, basis, nameof(destination));
        CpuRingBackend.CheckInnerProductShape(a.Length, b.Length);
        for (int j = 0; j < a.Length; j++)
        {
            GpuPoly aj = Own(a[j], basis, nameof(a)), bj = Own(b[j], basis, nameof(b));
            if (ReferenceEquals(aj, d) || ReferenceEquals(bj, d))
                throw new ArgumentException("InnerProduct: destination aliases an input.", nameof(destination));
        }
        int count = basis.Count, length = count * Ring.N;
        var lo = Scratch(ref _scratchA, length);
        var hi = Scratch(ref _scratchB, length);
        var output = d.Limbs(0, count);
        for (int start = 0; start < a.Length; start += TermsPerAccumulator)
        {
            int end = Math.Min(a.Length, start + TermsPerAccumulator);
            for (int j = start; j < end; j++)
                _kernels.MultiplyAccumulateWide(length, ((GpuPoly)a[j]).Limbs(0, count), ((GpuPoly)b[j]).Limbs(0, count), lo, hi, j == start ? 1 : 0);
            _kernels.ReduceWide(length, lo, hi, output, limbs, _logN, start == 0 ? 0 : 1);
        }
    }

    /// <summary>The fused NTT launch over <paramref name="basis"/>: one thread group per tile.</summary>
    private KernelConfig FusedConfig(RnsBasis basis) => new(_ntt.Tiles(basis.Count), _nttThreadsPerGroup);

    /// <summary>Uploads (c_i, Shoup(c_i)) per limb (the only host → device copy outside Upload) and launches.</summary>
    private void WithScalars(Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int> kernel,
        RnsBasis basis, IDevicePoly a, ReadOnlySpan<ulong> scalars, IDevicePoly destination)
    {
        var limbs = Limbs(basis);
        GpuPoly x = Own(a, basis, nameof(a)), d = Own(destination, basis, nameof(destination));
        CpuRingBackend.CheckScalars(basis, scalars);
        int count = basis.Count;
        if (_scalarStaging.Length < 2 * count) _scalarStaging = new ulong[2 * count];
        for (int i = 0; i < count; i++)
        {
            _scalarStaging[2 * i] = scalars[i];
            _scalarStaging[2 * i + 1] = basis.Moduli[i].ShoupPrecompute(scalars[i]);
        }
        var deviceScalars = Scratch(ref _scalars, 2 * count);
        deviceScalars.CopyFromCPU(new ReadOnlySpan<ulong>(_scalarStaging, 0, 2 * count));
        kernel(count * Ring.N, x.Limbs(0, count), deviceScalars, d.Limbs(0, count), limbs, _logN);
    }

    private void Binary(Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int> kernel,
        RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination)
    {
        var limbs = Limbs(basis);
        GpuPoly x = Own(a, basis, nameof(a)), y = Own(b, basis, nameof(b)), d = Own(destination, basis, nameof(destination));
        int count = basis.Count;
        kernel(count * Ring.N, x.Limbs(0, count), y.Limbs(0, count), d.Limbs(0, count), limbs, _logN);
    }
}
