using System.Buffers;

namespace Vault.Ring;

/// <summary>The reference <see cref="IRingBackend"/>: host memory and the existing <see cref="RnsBasis"/>,
/// <see cref="NttTable"/>, <see cref="BasisConverter"/> and <see cref="RingContext"/> kernels (AVX-512 where the CPU
/// has it), so it behaves exactly as calling them directly. No operation allocates.</summary>
public sealed class CpuRingBackend : IRingBackend
{
    private const int TermsPerAccumulator = 15;   // 15 products of two values below 2^62 fit in 128 bits

    /// <summary>Creates the backend for <paramref name="ring"/>.</summary>
    public CpuRingBackend(RingContext ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        Ring = ring;
    }

    /// <inheritdoc/>
    public RingContext Ring { get; }

    /// <inheritdoc/>
    public string DeviceName => "CPU (reference)";

    /// <inheritdoc/>
    public IDevicePoly Allocate(int capacity) => new CpuPoly(this, new RnsPoly(Ring.N, capacity));

    /// <inheritdoc/>
    public void Upload(RnsPoly source, IDevicePoly destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.CopyTo(Own(destination, nameof(destination)));
    }

    /// <inheritdoc/>
    public void Download(IDevicePoly source, RnsPoly destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Own(source, nameof(source)).CopyTo(destination);
    }

    /// <inheritdoc/>
    public void Copy(IDevicePoly source, int sourceLimb, IDevicePoly destination, int destinationLimb, int limbCount)
    {
        RnsPoly x = Own(source, nameof(source)), d = Own(destination, nameof(destination));
        CheckCopyRanges(x.LimbCount, sourceLimb, d.LimbCount, destinationLimb, limbCount, ReferenceEquals(x, d));
        x.Limbs(sourceLimb, limbCount).CopyTo(d.Limbs(destinationLimb, limbCount));
    }

    /// <inheritdoc/>
    public void Forward(RnsBasis basis, IDevicePoly a)
    {
        ArgumentNullException.ThrowIfNull(basis);
        basis.Forward(Own(a, nameof(a)));
    }

    /// <inheritdoc/>
    public void Inverse(RnsBasis basis, IDevicePoly a)
    {
        ArgumentNullException.ThrowIfNull(basis);
        basis.Inverse(Own(a, nameof(a)));
    }

    /// <inheritdoc/>
    public void Add(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination)
    {
        ArgumentNullException.ThrowIfNull(basis);
        basis.Add(Own(a, nameof(a)), Own(b, nameof(b)), Own(destination, nameof(destination)));
    }

    /// <inheritdoc/>
    public void Subtract(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination)
    {
        ArgumentNullException.ThrowIfNull(basis);
        basis.Sub(Own(a, nameof(a)), Own(b, nameof(b)), Own(destination, nameof(destination)));
    }

    /// <inheritdoc/>
    public void Negate(RnsBasis basis, IDevicePoly a, IDevicePoly destination)
    {
        ArgumentNullException.ThrowIfNull(basis);
        basis.Negate(Own(a, nameof(a)), Own(destination, nameof(destination)));
    }

    /// <inheritdoc/>
    public void MulCoefficients(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination)
    {
        ArgumentNullException.ThrowIfNull(basis);
        basis.MulCoefficients(Own(a, nameof(a)), Own(b, nameof(b)), Own(destination, nameof(destination)));
    }

    /// <inheritdoc/>
    public void MulCoefficientsAdd(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination)
    {
        ArgumentNullException.ThrowIfNull(basis);
        basis.MulCoefficientsAdd(Own(a, nameof(a)), Own(b, nameof(b)), Own(destination, nameof(destination)));
    }

    /// <inheritdoc/>
    public void MulScalars(RnsBasis basis, IDevicePoly a, ReadOnlySpan<ulong> scalars, IDevicePoly destination)
    {
        ArgumentNullException.ThrowIfNull(basis);
        RnsPoly x = Own(a, nameof(a)), d = Own(destination, nameof(destination));
        CheckLimbs(basis, x, nameof(a));
        CheckLimbs(basis, d, nameof(destination));
        CheckScalars(basis, scalars);
        for (int i = 0; i < basis.Count; i++)
        {
            var m = basis.Moduli[i];
            ModularKernels.MulShoup(x.Limb(i), scalars[i], m.ShoupPrecompute(scalars[i]), d.Limb(i), m.Value);
        }
    }

    /// <inheritdoc/>
    public void AddScalars(RnsBasis basis, IDevicePoly a, ReadOnlySpan<ulong> scalars, IDevicePoly destination)
    {
        ArgumentNullException.ThrowIfNull(basis);
        RnsPoly x = Own(a, nameof(a)), d = Own(destination, nameof(destination));
        CheckLimbs(basis, x, nameof(a));
        CheckLimbs(basis, d, nameof(destination));
        CheckScalars(basis, scalars);
        for (int i = 0; i < basis.Count; i++) ModularKernels.AddScalar(x.Limb(i), scalars[i], d.Limb(i), basis.Moduli[i].Value);
    }

    /// <inheritdoc/>
    public void AutomorphismNtt(RnsBasis basis, IDevicePoly a, ulong galoisElement, IDevicePoly destination)
    {
        ArgumentNullException.ThrowIfNull(basis);
        RnsPoly x = Own(a, nameof(a)), d = Own(destination, nameof(destination));
        CheckLimbs(basis, x, nameof(a));
        CheckLimbs(basis, d, nameof(destination));
        Ring.AutomorphismNtt(x, galoisElement, d, basis.Count);
    }

    /// <inheritdoc/>
    public void ConvertBasis(BasisConverter converter, IDevicePoly source, int sourceLimb, IDevicePoly destination, int destinationLimb, bool centered)
    {
        ArgumentNullException.ThrowIfNull(converter);
        RnsPoly x = Own(source, nameof(source)), d = Own(destination, nameof(destination));
        CheckConversionRanges(converter, x.N, x.LimbCount, sourceLimb, d.LimbCount, destinationLimb, ReferenceEquals(x, d));
        ReadOnlySpan<ulong> from = x.Limbs(sourceLimb, converter.From.Count);
        Span<ulong> to = d.Limbs(destinationLimb, converter.To.Count);
        if (centered) converter.ConvertCentered(from, to);
        else converter.Convert(from, to);
    }

    /// <inheritdoc/>
    public void InnerProduct(RnsBasis basis, ReadOnlySpan<IDevicePoly> a, ReadOnlySpan<IDevicePoly> b, IDevicePoly destination)
    {
        ArgumentNullException.ThrowIfNull(basis);
        RnsPoly d = Own(destination, nameof(destination));
        CheckLimbs(basis, d, nameof(destination));
        CheckInnerProductShape(a.Length, b.Length);
        for (int j = 0; j < a.Length; j++)
        {
            RnsPoly aj = Own(a[j], nameof(a)), bj = Own(b[j], nameof(b));
            CheckLimbs(basis, aj, nameof(a));
            CheckLimbs(basis, bj, nameof(b));
            if (ReferenceEquals(aj, d) || ReferenceEquals(bj, d))
                ThrowHelper.ThrowArgument(nameof(destination), "InnerProduct: destination aliases an input.");
        }
        int n = Ring.N;
        ulong[] rented = ArrayPool<ulong>.Shared.Rent(2 * n);
        try
        {
            Span<ulong> lo = rented.AsSpan(0, n), hi = rented.AsSpan(n, n);
            for (int i = 0; i < basis.Count; i++)
            {
                var m = basis.Moduli[i];
                ulong q = m.Value, bh = m.BarrettHi, bl = m.BarrettLo;
                Span<ulong> di = d.Limb(i);
                di.Clear();
                for (int start = 0; start < a.Length; start += TermsPerAccumulator)
                {
                    // Σ_j a_j · b_j as 128-bit sums (≤ 15 products of two 62-bit values), then one reduction.
                    lo.Clear();
                    hi.Clear();
                    int end = Math.Min(a.Length, start + TermsPerAccumulator);
                    for (int j = start; j < end; j++)
                    {
                        Span<ulong> x = ((CpuPoly)a[j]).Poly.Limb(i), y = ((CpuPoly)b[j]).Poly.Limb(i);
                        for (int k = 0; k < n; k++)
                        {
                            ulong pHi = Math.BigMul(x[k], y[k], out ulong pLo);
                            ulong l = lo[k] + pLo;
                            hi[k] += pHi + (l < pLo ? 1UL : 0UL);
                            lo[k] = l;
                        }
                    }
                    for (int k = 0; k < n; k++)
                        di[k] = Modulus.Add(di[k], Modulus.Reduce128(Modulus.Reduce(hi[k], q, bh), lo[k], q, bh, bl), q);
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    /// <summary>Nothing to release: host polynomials are wiped by their own <see cref="IDisposable.Dispose"/>.</summary>
    public void Dispose()
    {
    }

    /// <summary>Checks the shared argument rules of <see cref="IRingBackend.ConvertBasis"/> (used by every backend).</summary>
    /// <exception cref="ArgumentException">A range is outside the limbs in use, or the two ranges of one polynomial overlap.</exception>
    public static void CheckConversionRanges(BasisConverter converter, int n, int sourceLimbCount, int sourceLimb,
        int destinationLimbCount, int destinationLimb, bool samePoly)
    {
        ArgumentNullException.ThrowIfNull(converter);
        int na = converter.From.Count, nb = converter.To.Count;
        if (n != converter.From.N) ThrowHelper.ThrowLengthMismatch(nameof(converter), n, converter.From.N);
        if (sourceLimb < 0 || sourceLimb + na > sourceLimbCount)
            ThrowHelper.ThrowArgument(nameof(sourceLimb), $"ConvertBasis: source limbs [{sourceLimb}, {sourceLimb + na}) are not all in use ({sourceLimbCount}).");
        if (destinationLimb < 0 || destinationLimb + nb > destinationLimbCount)
            ThrowHelper.ThrowArgument(nameof(destinationLimb), $"ConvertBasis: destination limbs [{destinationLimb}, {destinationLimb + nb}) are not all in use ({destinationLimbCount}).");
        if (samePoly && sourceLimb < destinationLimb + nb && destinationLimb < sourceLimb + na)
            ThrowHelper.ThrowArgument(nameof(destinationLimb), "ConvertBasis: source and destination limbs overlap.");
    }

    /// <summary>Checks the shared argument rules of <see cref="IRingBackend.Copy"/> (used by every backend).</summary>
    /// <exception cref="ArgumentException">A range is outside the limbs in use, or the two ranges of one polynomial overlap.</exception>
    public static void CheckCopyRanges(int sourceLimbCount, int sourceLimb, int destinationLimbCount, int destinationLimb, int limbCount, bool samePoly)
    {
        if (limbCount < 1) ThrowHelper.ThrowArgument(nameof(limbCount), $"Copy: limb count {limbCount} is not positive.");
        if (sourceLimb < 0 || sourceLimb + limbCount > sourceLimbCount)
            ThrowHelper.ThrowArgument(nameof(sourceLimb), $"Copy: source limbs [{sourceLimb}, {sourceLimb + limbCount}) are not all in use ({sourceLimbCount}).");
        if (destinationLimb < 0 || destinationLimb + limbCount > destinationLimbCount)
            ThrowHelper.ThrowArgument(nameof(destinationLimb), $"Copy: destination limbs [{destinationLimb}, {destinationLimb + limbCount}) are not all in use ({destinationLimbCount}).");
        if (samePoly && sourceLimb < destinationLimb + limbCount && destinationLimb < sourceLimb + limbCount)
            ThrowHelper.ThrowArgument(nameof(destinationLimb), "Copy: source and destination limbs overlap.");
    }

    /// <summary>Checks that <paramref name="scalars"/> has one value below q_i per prime of <paramref name="basis"/>.</summary>
    /// <exception cref="ArgumentException">Wrong length, or a scalar is not reduced.</exception>
    public static void CheckScalars(RnsBasis basis, ReadOnlySpan<ulong> scalars)
    {
        ArgumentNullException.ThrowIfNull(basis);
        if (scalars.Length != basis.Count) ThrowHelper.ThrowLengthMismatch(nameof(scalars), basis.Count, scalars.Length);
        for (int i = 0; i < scalars.Length; i++)
            if (scalars[i] >= basis.Moduli[i].Value)
                ThrowHelper.ThrowArgument(nameof(scalars), $"RingBackend: scalar {i} is not below q_{i}.");
    }

    /// <summary>Checks that an inner product has as many digits as key parts, and at least one.</summary>
    /// <exception cref="ArgumentException">The lengths differ or are zero.</exception>
    public static void CheckInnerProductShape(int aLength, int bLength)
    {
        if (aLength == 0) ThrowHelper.ThrowArgument("a", "InnerProduct: no terms.");
        if (bLength != aLength) ThrowHelper.ThrowLengthMismatch("b", aLength, bLength);
    }

    private RnsPoly Own(IDevicePoly poly, string paramName)
    {
        ArgumentNullException.ThrowIfNull(poly, paramName);
        if (poly is not CpuPoly cpu || !ReferenceEquals(cpu.Owner, this))
            ThrowHelper.ThrowArgument(paramName, "CpuRingBackend: the polynomial was allocated by another backend.");
        return ((CpuPoly)poly).Poly;
    }

    private static void CheckLimbs(RnsBasis basis, RnsPoly p, string paramName)
    {
        if (p.N != basis.N) ThrowHelper.ThrowLengthMismatch(paramName, basis.N, p.N);
        if (p.LimbCount < basis.Count)
            ThrowHelper.ThrowArgument(paramName, $"RingBackend: poly has {p.LimbCount} limbs, basis needs {basis.Count}.");
    }
}
