using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Vault.Ring;

/// <summary>Fast (approximate) RNS base conversion from basis A = {a_i} to basis B = {b_j} (Bajard et al.;
/// Halevi–Polyakov–Shoup, eprint 2018/117): y_j = Σ_i [x_i · (A/a_i)^-1]_(a_i) · (A/a_i) mod b_j.</summary>
/// <remarks>For x ∈ [0, A) the output represents x + u·A with 0 ≤ u &lt; |A|, in coefficient form. This is the
/// fast conversion; <see cref="ConvertCentered"/> removes the u·A term exactly and is what hybrid key switching uses for
/// ModUp and ModDown.
/// Converting to a prime that is also in A returns the input residue exactly. Immutable and thread-safe.
/// The work is split in two steps that key switching calls separately: <see cref="Prepare"/> computes the
/// t_i = [x_i · (A/a_i)^-1]_(a_i) once, and the overflow count when centred, and <see cref="Emit"/> writes one target
/// limb as a multiply-accumulate over the source limbs with Shoup-precomputed (A/a_i) mod b_j (lazy: each sum stays in
/// [0, 2b_j)), so a converted limb can be produced right before it is transformed and used.</remarks>
public sealed class BasisConverter
{
    private readonly ulong[] _invPunctured;       // (A/a_i)^-1 mod a_i
    private readonly ulong[] _invPuncturedShoup;
    private readonly ulong[] _punctured;          // (A/a_i) mod b_j, at [j · |A| + i]
    private readonly ulong[] _puncturedShoup;
    private readonly ulong[] _productModTarget;   // A mod b_j
    private readonly ulong[] _productModTargetShoup;
    private readonly double[] _inverseSource;     // 1 / a_i
    private readonly bool _singleSourceBelowTwiceTargets;   // |A| = 1 and a_0 ≤ 2·b_j for every j: y_j is a conditional subtraction

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
        _puncturedShoup = new ulong[na * nb];
        _productModTarget = new ulong[nb];
        _productModTargetShoup = new ulong[nb];
        _inverseSource = new double[na];
        for (int j = 0; j < nb; j++)
        {
            _productModTarget[j] = to.Moduli[j].Reduce(from.Product);
            _productModTargetShoup[j] = to.Moduli[j].ShoupPrecompute(_productModTarget[j]);
        }
        for (int i = 0; i < na; i++) _inverseSource[i] = 1.0 / from.Moduli[i].Value;
        for (int i = 0; i < na; i++)
        {
            var ai = from.Moduli[i];
            BigInteger punctured = from.Product / ai.Value;
            _invPunctured[i] = ai.Inverse(ai.Reduce(punctured));
            _invPuncturedShoup[i] = ai.ShoupPrecompute(_invPunctured[i]);
            for (int j = 0; j < nb; j++)
            {
                _punctured[j * na + i] = to.Moduli[j].Reduce(punctured);
                _puncturedShoup[j * na + i] = to.Moduli[j].ShoupPrecompute(_punctured[j * na + i]);
            }
        }
        _singleSourceBelowTwiceTargets = na == 1;
        for (int j = 0; j < nb; j++) _singleSourceBelowTwiceTargets &= from.Moduli[0].Value <= 2 * to.Moduli[j].Value;
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
        byte[] rentedOverflow = ArrayPool<byte>.Shared.Rent(n);
        try
        {
            Span<ulong> t = rented.AsSpan(0, na * n);
            Span<byte> overflow = centered ? rentedOverflow.AsSpan(0, n) : default;
            source[..(na * n)].CopyTo(t);
            Prepare(t, overflow);
            for (int j = 0; j < nb; j++) Emit(t, overflow, default, j, destination.Slice(j * n, n));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
            ArrayPool<byte>.Shared.Return(rentedOverflow);
        }
    }

    /// <summary>First step, in place: x_i ↦ t_i = x_i · (A/a_i)^-1 mod a_i in <paramref name="values"/> (|A| limbs,
    /// coefficient form, in [0, a_i)), and, when <paramref name="overflow"/> is not empty (N entries), the overflow
    /// count v = round(Σ_i t_i / a_i) of the centred conversion, in exactly the double operations of the scalar
    /// definition (same order, no fused multiply-add), so every path gives the same v. v ≤ |A| fits a byte (a byte per
    /// coefficient keeps the conversion's memory traffic down); bases of more than 255 primes are refused.</summary>
    internal void Prepare(Span<ulong> values, Span<byte> overflow)
    {
        int n = From.N, na = From.Count;
        if (values.Length < na * n) ThrowHelper.ThrowLengthMismatch(nameof(values), na * n, values.Length);
        if (!overflow.IsEmpty && overflow.Length < n) ThrowHelper.ThrowLengthMismatch(nameof(overflow), n, overflow.Length);
        for (int i = 0; i < na; i++)
        {
            if (_invPunctured[i] == 1) continue;    // one-prime digits: (A/a_0)^-1 = 1
            Span<ulong> limb = values.Slice(i * n, n);
            ModularKernels.MulShoup(limb, _invPunctured[i], _invPuncturedShoup[i], limb, From.Moduli[i].Value);
        }
        if (overflow.IsEmpty) return;
        if (na > byte.MaxValue) ThrowHelper.ThrowArgument(nameof(overflow), "BasisConverter: centred conversion from more than 255 primes.");
        ref ulong t = ref MemoryMarshal.GetReference(values);
        ref byte v = ref MemoryMarshal.GetReference(overflow);
        int c = Simd.Path switch
        {
            SimdPath.Vector512 => Overflow<V512, Vector512<ulong>>(ref t, ref v, n, na),
            SimdPath.Vector256 => Overflow<V256, Vector256<ulong>>(ref t, ref v, n, na),
            _ => 0,
        };
        for (; c < n; c++)
        {
            double fraction = 0;
            for (int i = 0; i < na; i++) fraction += Unsafe.Add(ref t, i * n + c) * _inverseSource[i];
            Unsafe.Add(ref v, c) = (byte)Math.Round(fraction, MidpointRounding.ToEven);
        }
    }

    /// <summary>Second step: writes target limb <paramref name="target"/> (b_j) of the conversion of the prepared
    /// <paramref name="values"/>: Σ_i t_i · (A/a_i) mod b_j, minus v · A mod b_j when <paramref name="overflow"/> is not
    /// empty, and negated mod b_j where <paramref name="negate"/> (when not empty) holds all ones: with values and
    /// overflow counts gathered through a signed permutation, this is the conversion of an automorphism's image.
    /// <paramref name="destination"/> (N entries) must not overlap the inputs.</summary>
    internal void Emit(ReadOnlySpan<ulong> values, ReadOnlySpan<byte> overflow, ReadOnlySpan<ulong> negate, int target, Span<ulong> destination)
    {
        int n = From.N, na = From.Count;
        if (values.Length < na * n) ThrowHelper.ThrowLengthMismatch(nameof(values), na * n, values.Length);
        if (!overflow.IsEmpty && overflow.Length < n) ThrowHelper.ThrowLengthMismatch(nameof(overflow), n, overflow.Length);
        if (!negate.IsEmpty && negate.Length < n) ThrowHelper.ThrowLengthMismatch(nameof(negate), n, negate.Length);
        if (destination.Length < n) ThrowHelper.ThrowLengthMismatch(nameof(destination), n, destination.Length);
        var bj = To.Moduli[target];
        ref ulong t = ref MemoryMarshal.GetReference(values);
        ref byte v = ref MemoryMarshal.GetReference(overflow);
        ref ulong y = ref MemoryMarshal.GetReference(destination);
        ref ulong sign = ref MemoryMarshal.GetReference(negate);
        bool centered = !overflow.IsEmpty, negated = !negate.IsEmpty;
        int c = Simd.Path switch
        {
            SimdPath.Vector512 => EmitVector<V512, Vector512<ulong>>(ref t, ref v, ref sign, ref y, n, target, centered, negated),
            SimdPath.Vector256 => EmitVector<V256, Vector256<ulong>>(ref t, ref v, ref sign, ref y, n, target, centered, negated),
            _ => 0,
        };
        ulong b = bj.Value, bh = bj.BarrettHi, bl = bj.BarrettLo;
        ReadOnlySpan<ulong> punctured = _punctured.AsSpan(target * na, na);
        ulong productMod = _productModTarget[target], productShoup = _productModTargetShoup[target];
        for (; c < n; c++)
        {
            // Σ_i t_i · (A/a_i) as 128-bit sums of at most 15 products (15 · 2^124 < 2^128), each group reduced once.
            ulong result = 0;
            for (int start = 0; start < na; start += 15)
            {
                int end = Math.Min(na, start + 15);
                ulong lo = 0, hi = 0;
                for (int i = start; i < end; i++)
                {
                    ulong pHi = Math.BigMul(Unsafe.Add(ref t, i * n + c), punctured[i], out ulong pLo);
                    lo += pLo;
                    hi += pHi + (lo < pLo ? 1UL : 0UL);
                }
                result = Modulus.Add(result, Modulus.Reduce128(Modulus.Reduce(hi, b, bh), lo, b, bh, bl), b);
            }
            if (centered) result = Modulus.Sub(result, Modulus.MulShoup(Unsafe.Add(ref v, c), productMod, productShoup, b), b);
            if (negated && Unsafe.Add(ref sign, c) != 0) result = Modulus.Negate(result, b);
            Unsafe.Add(ref y, c) = result;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Overflow<TOps, TV>(ref ulong t, ref byte v, int n, int na) where TOps : struct, IVectorOps<TV> where TV : struct
    {
        ref double inverse = ref MemoryMarshal.GetArrayDataReference(_inverseSource);
        int c = 0;
        for (; c <= n - TOps.Lanes; c += TOps.Lanes)
        {
            var fraction = TOps.Create(0);   // +0.0
            for (int i = 0; i < na; i++)
            {
                var term = TOps.MultiplyDouble(TOps.ToDouble(TOps.Load(ref Unsafe.Add(ref t, i * n + c))),
                    TOps.Create(BitConverter.DoubleToUInt64Bits(Unsafe.Add(ref inverse, i))));
                fraction = TOps.AddDouble(fraction, term);
            }
            TOps.StoreBytes(TOps.RoundToUInt64(fraction), ref Unsafe.Add(ref v, c));
        }
        return c;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int EmitVector<TOps, TV>(ref ulong t, ref byte v, ref ulong sign, ref ulong y, int n, int target, bool centered, bool negated)
        where TOps : struct, IVectorOps<TV> where TV : struct
    {
        int na = From.Count;
        ulong bValue = To.Moduli[target].Value;
        var b = TOps.Create(bValue);
        var twoB = TOps.Create(2 * bValue);
        var productMod = TOps.Create(_productModTarget[target]);
        var productShoup = TOps.Create(_productModTargetShoup[target]);
        var productShoupHigh = TOps.Create(_productModTargetShoup[target] >> 32);
        ref ulong punctured = ref _punctured[target * na];
        ref ulong puncturedShoup = ref _puncturedShoup[target * na];
        int c = 0;
        if (_singleSourceBelowTwiceTargets)
        {
            // y = t mod b − v·(a mod b) with t < a ≤ 2b and v ∈ {0, 1}.
            for (; c <= n - TOps.Lanes; c += TOps.Lanes)
            {
                var r = TOps.SubtractIfAtLeast(TOps.Load(ref Unsafe.Add(ref t, c)), b);
                if (centered) r = VectorMath.SubMod<TOps, TV>(r, TOps.And(TOps.Subtract(TOps.Create(0), TOps.LoadBytes(ref Unsafe.Add(ref v, c))), productMod), b);
                if (negated) r = TOps.Select(TOps.Load(ref Unsafe.Add(ref sign, c)), TOps.SubtractIfAtLeast(TOps.Subtract(b, r), b), r);
                TOps.Store(r, ref Unsafe.Add(ref y, c));
            }
            return c;
        }
        for (; c <= n - TOps.Lanes; c += TOps.Lanes)
        {
            var sum = TOps.Create(0);
            for (int i = 0; i < na; i++)
            {
                ulong wShoup = Unsafe.Add(ref puncturedShoup, i);
                var term = VectorMath.MulShoupLazy<TOps, TV>(TOps.Load(ref Unsafe.Add(ref t, i * n + c)), TOps.Create(Unsafe.Add(ref punctured, i)),
                    TOps.Create(wShoup), TOps.Create(wShoup >> 32), b);                               // [0, 2b)
                sum = TOps.SubtractIfAtLeast(TOps.Add(sum, term), twoB);                           // [0, 2b)
            }
            sum = TOps.SubtractIfAtLeast(sum, b);
            if (centered)
            {
                var correction = TOps.SubtractIfAtLeast(
                    VectorMath.MulShoupLazy<TOps, TV>(TOps.LoadBytes(ref Unsafe.Add(ref v, c)), productMod, productShoup, productShoupHigh, b), b);
                sum = VectorMath.SubMod<TOps, TV>(sum, correction, b);
            }
            if (negated) sum = TOps.Select(TOps.Load(ref Unsafe.Add(ref sign, c)), TOps.SubtractIfAtLeast(TOps.Subtract(b, sum), b), sum);
            TOps.Store(sum, ref Unsafe.Add(ref y, c));
        }
        return c;
    }
}
