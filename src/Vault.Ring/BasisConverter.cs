using System.Buffers;
using System.Numerics;

namespace Vault.Ring;

/// <summary>Fast (approximate) RNS base conversion from basis A = {a_i} to basis B = {b_j} (Bajard et al.;
/// Halevi–Polyakov–Shoup, eprint 2018/117): y_j = Σ_i [x_i · (A/a_i)^-1]_(a_i) · (A/a_i) mod b_j.</summary>
/// <remarks>For x ∈ [0, A) the output represents x + u·A with 0 ≤ u &lt; |A|, in coefficient form. This is the
/// ModUp/ModDown primitive of hybrid key switching, where the u·A term is absorbed by the gadget.
/// Converting to a prime that is also in A returns the input residue exactly. Immutable and thread-safe.</remarks>
public sealed class BasisConverter
{
    private const int TermsPerAccumulator = 15;   // 15 · 2^124 < 2^128

    private readonly ulong[] _invPunctured;       // (A/a_i)^-1 mod a_i
    private readonly ulong[] _invPuncturedShoup;
    private readonly ulong[] _punctured;          // (A/a_i) mod b_j, at [j · |A| + i]

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

    /// <summary>Converts <paramref name="source"/> (|A| limbs of N residues, coefficient form, values in [0, a_i))
    /// into <paramref name="destination"/> (|B| limbs). The spans must not overlap.</summary>
    public void Convert(ReadOnlySpan<ulong> source, Span<ulong> destination)
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
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }
}
