using System.Buffers;
using System.Numerics;

namespace Vault.Ring;

/// <summary>Fast (approximate) RNS base conversion from basis A = {a_i} to basis B = {b_j} (Bajard et al.;
/// Halevi–Polyakov–Shoup, eprint 2018/117): y_j = Σ_i [x_i · (A/a_i)^-1]_(a_i) · (A/a_i) mod b_j.</summary>
/// <remarks>For x ∈ [0, A) the output represents x + u·A with 0 ≤ u &lt; |A|, in coefficient form. This is the
/// fast conversion; <see cref="ConvertCentered"/> removes the u·A term exactly and is what hybrid key switching uses for
/// ModUp and ModDown.
/// Converting to a prime that is also in A returns the input residue exactly. Immutable and thread-safe.</remarks>
public sealed class BasisConverter
{
    private const int TermsPerAccumulator = 15;   // 15 · 2^124 < 2^128

    private readonly ulong[] _invPunctured;       // (A/a_i)^-1 mod a_i
    private readonly ulong[] _invPuncturedShoup;
    private readonly ulong[] _punctured;          // (A/a_i) mod b_j, at [j · |A| + i]
    private readonly ulong[] _productModTarget;   // A mod b_j
    private readonly double[] _inverseSource;     // 1 / a_i

    /// <summary>Precomputes the conversion constants.</summary>
    public BasisConverter(RnsBasis from, RnsBasis to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.N != to.N) ThrowHelper.ThrowArgument(nameof(to), "BasisConverter: bases of different degree.");
        From = from;
        To = to;
        int na = from.Count, nb = to.Count;
        _invPunctured = new ulong[na];
        _invPuncturedShoup = new ulong[na];
        _punctured = new ulong[na * nb];
        _productModTarget = new ulong[nb];
        _inverseSource = new double[na];
        for (int j = 0; j < nb; j++) _productModTarget[j] = to.Moduli[j].Reduce(from.Product);
        for (int i = 0; i < na; i++) _inverseSource[i] = 1.0 / from.Moduli[i].Value;
        for (int i = 0; i < na; i++)
        {
            var ai = from.Moduli[i];
            BigInteger punctured = from.Product / ai.Value;
            _invPunctured[i] = ai.Inverse(ai.Reduce(punctured));
            _invPuncturedShoup[i] = ai.ShoupPrecompute(_invPunctured[i]);
            for (int j = 0; j < nb; j++) _punctured[j * na + i] = to.Moduli[j].Reduce(punctured);
        }
    }

    /// <summary>Source basis A.</summary>
    public RnsBasis From { get; }

    /// <summary>Target basis B.</summary>
    public RnsBasis To { get; }

    /// <summary>(A/a_i)^-1 mod a_i, one per source prime (for backends that run the same conversion).</summary>
    public ReadOnlySpan<ulong> InversePunctured => _invPunctured;

    /// <summary>Shoup companions of <see cref="InversePunctured"/>.</summary>
    public ReadOnlySpan<ulong> InversePuncturedShoup => _invPuncturedShoup;

    /// <summary>(A/a_i) mod b_j at index j · |A| + i.</summary>
    public ReadOnlySpan<ulong> PuncturedModTarget => _punctured;

    /// <summary>A mod b_j, one per target prime.</summary>
    public ReadOnlySpan<ulong> ProductModTarget => _productModTarget;

    /// <summary>Converts <paramref name="source"/> (|A| limbs of N residues, coefficient form, values in [0, a_i))
    /// into <paramref name="destination"/> (|B| limbs), approximately: the result represents x + u·A, 0 ≤ u &lt; |A|.
    /// The spans must not overlap.</summary>
    public void Convert(ReadOnlySpan<ulong> source, Span<ulong> destination) => Convert(source, destination, centered: false);

    /// <summary>Exact conversion of the centred value: for x ∈ [0, A) with representative x̃ ∈ [−A/2, A/2),
    /// writes x̃ mod b_j. The overflow count v = round(Σ_i t_i / a_i) is computed in double precision
    /// (Halevi–Polyakov–Shoup, eprint 2018/117, §2.3); it is wrong only when x/A lies within ~2^-50 of 1/2.
    /// Used by hybrid key switching so gadget digits are centred (no noise bias) and ModDown rounds.</summary>
    public void ConvertCentered(ReadOnlySpan<ulong> source, Span<ulong> destination) => Convert(source, destination, centered: true);

    private void Convert(ReadOnlySpan<ulong> source, Span<ulong> destination, bool centered)
    {
        int n = From.N, na = From.Count, nb = To.Count;
        if (source.Length < na * n) ThrowHelper.ThrowLengthMismatch(nameof(source), na * n, source.Length);
        if (destination.Length < nb * n) ThrowHelper.ThrowLengthMismatch(nameof(destination), nb * n, destination.Length);

        ulong[] rented = ArrayPool<ulong>.Shared.Rent(na * n);
        try
        {
            Span<ulong> t = rented.AsSpan(0, na * n);
            for (int i = 0; i < na; i++)
            {
                ulong a = From.Moduli[i].Value, w = _invPunctured[i], ws = _invPuncturedShoup[i];
                ReadOnlySpan<ulong> x = source.Slice(i * n, n);
                Span<ulong> ti = t.Slice(i * n, n);
                for (int c = 0; c < n; c++) ti[c] = Modulus.MulShoup(x[c], w, ws, a);
            }
            ulong[]? rentedOverflow = null;
            Span<ulong> overflow = default;
            if (centered)
            {
                rentedOverflow = ArrayPool<ulong>.Shared.Rent(n);
                overflow = rentedOverflow.AsSpan(0, n);
                for (int c = 0; c < n; c++)
                {
                    double fraction = 0;
                    for (int i = 0; i < na; i++) fraction += t[i * n + c] * _inverseSource[i];
                    overflow[c] = (ulong)Math.Round(fraction, MidpointRounding.ToEven);   // v: x + (v_floor)A → x̃ = Σ − v·A
                }
            }
            for (int j = 0; j < nb; j++)
            {
                var bj = To.Moduli[j];
                ulong b = bj.Value, bh = bj.BarrettHi, bl = bj.BarrettLo;
                ReadOnlySpan<ulong> punctured = _punctured.AsSpan(j * na, na);
                Span<ulong> y = destination.Slice(j * n, n);
                for (int c = 0; c < n; c++)
                {
                    ulong result = 0;
                    for (int start = 0; start < na; start += TermsPerAccumulator)
                    {
                        int end = Math.Min(na, start + TermsPerAccumulator);
                        ulong lo = 0, hi = 0;
                        for (int i = start; i < end; i++)
                        {
                            ulong pHi = Math.BigMul(t[i * n + c], punctured[i], out ulong pLo);
                            lo += pLo;
                            hi += pHi + (lo < pLo ? 1UL : 0UL);
                        }
                        ulong partial = Modulus.Reduce128(Modulus.Reduce(hi, b, bh), lo, b, bh, bl);
                        result = Modulus.Add(result, partial, b);
                    }
                    y[c] = result;
                }
                if (centered)
                {
                    ulong productMod = _productModTarget[j], productShoup = bj.ShoupPrecompute(productMod);
                    for (int c = 0; c < n; c++)
                        y[c] = Modulus.Sub(y[c], Modulus.MulShoup(overflow[c], productMod, productShoup, b), b);
                }
            }
            if (rentedOverflow is not null) ArrayPool<ulong>.Shared.Return(rentedOverflow);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }
}
