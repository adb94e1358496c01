using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Vault.Ring;

/// <summary>The key-switching inner product Σ_j x_j ⊙ key_j for the two halves (b, a) of a switching key at once, with
/// lazy reduction: each 64×64-bit product is split into 32-bit partial products added into three 64-bit accumulators
/// per output, held in registers across all the terms of a coefficient block, and reduced once after up to
/// <see cref="MaxTerms"/> products. Bit-exact on every path (the sums are exact integers; the reduction is exact).</summary>
/// <remarks>
/// With x = x_h·2^32 + x_l and k = k_h·2^32 + k_l: x·k = x_l·k_l + (x_l·k_h + x_h·k_l)·2^32 + x_h·k_h·2^64. Per product
/// the accumulators get L += low32(x_l·k_l), M += high32(x_l·k_l) + x_l·k_h + x_h·k_l, H += x_h·k_h: four vpmuludq and
/// a few adds, against a full 64×64→128 product plus 128-bit carry handling. For b-bit residues each M term is below
/// 2^(b+1) + 2^32, which bounds how many terms fit (255 for 55-bit primes, 3 for 61-bit ones). The sum
/// H·2^64 + M·2^32 + L is reduced as hi·(2^64 mod q) + lo with two Shoup products.
/// The operands are addressed through pointers into pinned <see cref="RnsPoly"/> storage, so one pass over the
/// coefficients reads every term's limbs side by side and never stores a partial sum.
/// </remarks>
internal static unsafe class InnerProductKernels
{
    private const int PrefetchDistance = 256;

    /// <summary>How many products of two residues mod q one set of accumulators can take before it must be reduced.</summary>
    public static int MaxTerms(Modulus m)
    {
        ArgumentNullException.ThrowIfNull(m);
        UInt128 perTerm = (UInt128.One << (m.BitCount + 1)) + (1UL << 32) + 1;   // + 1: the carry of L folded into M
        return (int)Math.Min(int.MaxValue, (ulong)(ulong.MaxValue / perTerm));
    }

    /// <summary>out0[k] = Σ_j x_j[π(k)] · b_j[k] mod q and out1[k] = Σ_j x_j[π(k)] · a_j[k] mod q for k in [0, n), where π
    /// is <paramref name="permutation"/> (identity when empty). Then, when <paramref name="correction0"/> is not null,
    /// out = (out − correction) · w mod q (ModDown's last step; w &lt; q with Shoup companion <paramref name="wShoup"/>).
    /// Every x_j, b_j, a_j, correction points at n residues mod q; the outputs must not overlap the inputs.</summary>
    public static void MultiplyAccumulate(ReadOnlySpan<nint> x, ReadOnlySpan<nint> b, ReadOnlySpan<nint> a, ReadOnlySpan<int> permutation,
        int n, Modulus m, ulong* out0, ulong* out1, ulong* correction0, ulong* correction1, ulong w, ulong wShoup)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (x.Length == 0 || b.Length != x.Length || a.Length != x.Length) ThrowHelper.ThrowArgument(nameof(x), "MultiplyAccumulate: term counts differ or are zero.");
        if (!permutation.IsEmpty && permutation.Length < n) ThrowHelper.ThrowLengthMismatch(nameof(permutation), n, permutation.Length);
        int count = x.Length, perGroup = MaxTerms(m);
        fixed (nint* px = x, pb = b, pa = a)
        fixed (int* perm = permutation)
        {
            var pointers = new Pointers(px, pb, pa, perm, out0, out1, correction0, correction1);
            int k = Simd.Path switch
            {
                SimdPath.Vector512 => MultiplyAccumulate<V512, Vector512<ulong>>(pointers, count, perGroup, n, m, w, wShoup),
                SimdPath.Vector256 => MultiplyAccumulate<V256, Vector256<ulong>>(pointers, count, perGroup, n, m, w, wShoup),
                _ => 0,
            };
            ulong q = m.Value;
            for (; k < n; k++)
            {
                ulong sum0 = 0, sum1 = 0;
                for (int group = 0; group < count; group += perGroup)
                {
                    ulong l0 = 0, m0 = 0, h0 = 0, l1 = 0, m1 = 0, h1 = 0;
                    int end = Math.Min(count, group + perGroup);
                    for (int j = group; j < end; j++)
                    {
                        ulong xv = ((ulong*)px[j])[perm == null ? k : perm[k]];
                        Accumulate(xv, ((ulong*)pb[j])[k], ref l0, ref m0, ref h0);
                        Accumulate(xv, ((ulong*)pa[j])[k], ref l1, ref m1, ref h1);
                    }
                    sum0 = Modulus.Add(sum0, ReduceScalar(l0, m0, h0, m), q);
                    sum1 = Modulus.Add(sum1, ReduceScalar(l1, m1, h1, m), q);
                }
                if (correction0 != null)
                {
                    sum0 = Modulus.MulShoup(Modulus.Sub(sum0, correction0[k], q), w, wShoup, q);
                    sum1 = Modulus.MulShoup(Modulus.Sub(sum1, correction1[k], q), w, wShoup, q);
                }
                out0[k] = sum0;
                out1[k] = sum1;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ulong x, ulong k, ref ulong low, ref ulong middle, ref ulong high)
    {
        ulong xl = (uint)x, xh = x >> 32, kl = (uint)k, kh = k >> 32;
        ulong ll = xl * kl;
        low += (uint)ll;
        middle += (ll >> 32) + xl * kh + xh * kl;
        high += xh * kh;
    }

    /// <summary>(H·2^64 + M·2^32 + L) mod q: the carry of L into M first, then hi·(2^64 mod q) + lo, both Shoup products.</summary>
    private static ulong ReduceScalar(ulong low, ulong middle, ulong high, Modulus m)
    {
        ulong q = m.Value;
        middle += low >> 32;
        ulong lo = (middle << 32) | (uint)low, hi = high + (middle >> 32);
        ulong sum = Modulus.MulShoupLazy(hi, m.Radix, m.RadixShoup, q) + Modulus.MulShoupLazy(lo, 1, m.BarrettHi, q);   // [0, 4q)
        return Modulus.SubtractIfAtLeast(Modulus.SubtractIfAtLeast(sum, 2 * q), q);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MultiplyAccumulate<TOps, TV>(Pointers p, int count, int perGroup, int n, Modulus m, ulong w, ulong wShoup)
        where TOps : struct, IVectorOps<TV> where TV : struct
    {
        var mask = TOps.Create(0xFFFF_FFFFUL);
        var q = TOps.Create(m.Value);
        var twoQ = TOps.Create(2 * m.Value);
        var radix = TOps.Create(m.Radix);
        var radixShoup = TOps.Create(m.RadixShoup);
        var radixShoupHigh = TOps.Create(m.RadixShoup >> 32);
        var one = TOps.Create(1);
        var barrett = TOps.Create(m.BarrettHi);
        var barrettHigh = TOps.Create(m.BarrettHi >> 32);
        var vw = TOps.Create(w);
        var vwShoup = TOps.Create(wShoup);
        var vwShoupHigh = TOps.Create(wShoup >> 32);
        bool permuted = p.Permutation != null;
        int k = 0;
        for (; k <= n - TOps.Lanes; k += TOps.Lanes)
        {
            var sum0 = TOps.Create(0);
            var sum1 = TOps.Create(0);
            for (int group = 0; group < count; group += perGroup)
            {
                TV l0 = TOps.Create(0), m0 = l0, h0 = l0, l1 = l0, m1 = l0, h1 = l0;
                int end = Math.Min(count, group + perGroup);
                for (int j = group; j < end; j++)
                {
                    ulong* xj = (ulong*)p.X[j];
                    System.Runtime.Intrinsics.X86.Sse.Prefetch0(xj + k + PrefetchDistance);
                    System.Runtime.Intrinsics.X86.Sse.Prefetch0((ulong*)p.B[j] + k + PrefetchDistance);
                    System.Runtime.Intrinsics.X86.Sse.Prefetch0((ulong*)p.A[j] + k + PrefetchDistance);
                    var xv = permuted ? TOps.Gather(xj, ref p.Permutation[k]) : TOps.Load(ref xj[k]);
                    var xh = TOps.ShiftRight32(xv);
                    var kv = TOps.Load(ref ((ulong*)p.B[j])[k]);
                    var kh = TOps.ShiftRight32(kv);
                    var ll = TOps.MultiplyLow32(xv, kv);
                    l0 = TOps.Add(l0, TOps.And(ll, mask));
                    m0 = TOps.Add(m0, TOps.Add(TOps.Add(TOps.ShiftRight32(ll), TOps.MultiplyLow32(xv, kh)), TOps.MultiplyLow32(xh, kv)));
                    h0 = TOps.Add(h0, TOps.MultiplyLow32(xh, kh));
                    kv = TOps.Load(ref ((ulong*)p.A[j])[k]);
                    kh = TOps.ShiftRight32(kv);
                    ll = TOps.MultiplyLow32(xv, kv);
                    l1 = TOps.Add(l1, TOps.And(ll, mask));
                    m1 = TOps.Add(m1, TOps.Add(TOps.Add(TOps.ShiftRight32(ll), TOps.MultiplyLow32(xv, kh)), TOps.MultiplyLow32(xh, kv)));
                    h1 = TOps.Add(h1, TOps.MultiplyLow32(xh, kh));
                }
                sum0 = VectorMath.AddMod<TOps, TV>(sum0, Reduce<TOps, TV>(l0, m0, h0, mask, q, twoQ, radix, radixShoup, radixShoupHigh, one, barrett, barrettHigh), q);
                sum1 = VectorMath.AddMod<TOps, TV>(sum1, Reduce<TOps, TV>(l1, m1, h1, mask, q, twoQ, radix, radixShoup, radixShoupHigh, one, barrett, barrettHigh), q);
            }
            if (p.Correction0 != null)
            {
                sum0 = TOps.SubtractIfAtLeast(VectorMath.MulShoupLazy<TOps, TV>(VectorMath.SubMod<TOps, TV>(sum0, TOps.Load(ref p.Correction0[k]), q), vw, vwShoup, vwShoupHigh, q), q);
                sum1 = TOps.SubtractIfAtLeast(VectorMath.MulShoupLazy<TOps, TV>(VectorMath.SubMod<TOps, TV>(sum1, TOps.Load(ref p.Correction1[k]), q), vw, vwShoup, vwShoupHigh, q), q);
            }
            TOps.Store(sum0, ref p.Out0[k]);
            TOps.Store(sum1, ref p.Out1[k]);
        }
        return k;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Reduce<TOps, TV>(TV low, TV middle, TV high, TV mask, TV q, TV twoQ, TV radix, TV radixShoup, TV radixShoupHigh, TV one, TV barrett, TV barrettHigh)
        where TOps : struct, IVectorOps<TV> where TV : struct
    {
        middle = TOps.Add(middle, TOps.ShiftRight32(low));
        var lo = TOps.Or(TOps.ShiftLeft32(middle), TOps.And(low, mask));
        var hi = TOps.Add(high, TOps.ShiftRight32(middle));
        var sum = TOps.Add(VectorMath.MulShoupLazy<TOps, TV>(hi, radix, radixShoup, radixShoupHigh, q),
            VectorMath.MulShoupLazy<TOps, TV>(lo, one, barrett, barrettHigh, q));
        return TOps.SubtractIfAtLeast(TOps.SubtractIfAtLeast(sum, twoQ), q);
    }

    /// <summary>The operands' addresses.</summary>
    private readonly struct Pointers(nint* x, nint* b, nint* a, int* permutation, ulong* out0, ulong* out1, ulong* correction0, ulong* correction1)
    {
        public nint* X { get; } = x;

        public nint* B { get; } = b;

        public nint* A { get; } = a;

        public int* Permutation { get; } = permutation;

        public ulong* Out0 { get; } = out0;

        public ulong* Out1 { get; } = out1;

        public ulong* Correction0 { get; } = correction0;

        public ulong* Correction1 { get; } = correction1;
    }
}
