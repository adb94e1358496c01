using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Vault.Ring;

/// <summary>Element-wise modular kernels over spans: a vector body (AVX-512 or AVX2, per <see cref="Simd.Path"/>) and
/// the scalar definitions for the tail, which are also the whole loop on the scalar path. Every vector body is
/// bit-exact with the scalar definition: the outputs are the same fully reduced residues. Destinations may alias
/// inputs (each vector step loads its operands before it stores).</summary>
/// <remarks>Products of two variables use Barrett's reduction with a b-bit prime (HAC 14.42): the 128-bit product P
/// is split from four 32×32→64 products, Q̂ = ⌊⌊P / 2^(b−1)⌋ · ⌊2^(2b)/q⌋ / 2^(b+1)⌋ is one more high product
/// (<see cref="Modulus.VectorBarrett"/> holds the constant pre-shifted so that the division is by 2^64), and
/// P − Q̂·q ∈ [0, 3q) needs two conditional subtractions. Products by a constant use Shoup's precomputed quotient.</remarks>
internal static class ModularKernels
{
    /// <summary>x ↦ x mod q for x in [0, 4q), in place.</summary>
    public static void ReduceFrom4Q(Span<ulong> a, ulong q)
    {
        ref ulong r = ref MemoryMarshal.GetReference(a);
        int i = Simd.Path switch
        {
            SimdPath.Vector512 => ReduceFrom4Q<V512, Vector512<ulong>>(ref r, a.Length, q),
            SimdPath.Vector256 => ReduceFrom4Q<V256, Vector256<ulong>>(ref r, a.Length, q),
            _ => 0,
        };
        for (; i < a.Length; i++) Unsafe.Add(ref r, i) = Modulus.SubtractIfAtLeast(Modulus.SubtractIfAtLeast(Unsafe.Add(ref r, i), 2 * q), q);
    }

    /// <summary>x ↦ x mod q for x in [0, 2q), in place.</summary>
    public static void ReduceFrom2Q(Span<ulong> a, ulong q)
    {
        ref ulong r = ref MemoryMarshal.GetReference(a);
        int i = Simd.Path switch
        {
            SimdPath.Vector512 => ReduceFrom2Q<V512, Vector512<ulong>>(ref r, a.Length, q),
            SimdPath.Vector256 => ReduceFrom2Q<V256, Vector256<ulong>>(ref r, a.Length, q),
            _ => 0,
        };
        for (; i < a.Length; i++) Unsafe.Add(ref r, i) = Modulus.SubtractIfAtLeast(Unsafe.Add(ref r, i), q);
    }

    /// <summary>d = (x + y) mod q for x, y in [0, q).</summary>
    public static void Add(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> d, ulong q)
    {
        ref ulong rx = ref MemoryMarshal.GetReference(x);
        ref ulong ry = ref MemoryMarshal.GetReference(y);
        ref ulong rd = ref MemoryMarshal.GetReference(d);
        int i = Simd.Path switch
        {
            SimdPath.Vector512 => Add<V512, Vector512<ulong>>(ref rx, ref ry, ref rd, d.Length, q),
            SimdPath.Vector256 => Add<V256, Vector256<ulong>>(ref rx, ref ry, ref rd, d.Length, q),
            _ => 0,
        };
        for (; i < d.Length; i++) Unsafe.Add(ref rd, i) = Modulus.Add(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i), q);
    }

    /// <summary>d = (x − y) mod q for x, y in [0, q).</summary>
    public static void Sub(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> d, ulong q)
    {
        ref ulong rx = ref MemoryMarshal.GetReference(x);
        ref ulong ry = ref MemoryMarshal.GetReference(y);
        ref ulong rd = ref MemoryMarshal.GetReference(d);
        int i = Simd.Path switch
        {
            SimdPath.Vector512 => Sub<V512, Vector512<ulong>>(ref rx, ref ry, ref rd, d.Length, q),
            SimdPath.Vector256 => Sub<V256, Vector256<ulong>>(ref rx, ref ry, ref rd, d.Length, q),
            _ => 0,
        };
        for (; i < d.Length; i++) Unsafe.Add(ref rd, i) = Modulus.Sub(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i), q);
    }

    /// <summary>d = (−x) mod q for x in [0, q).</summary>
    public static void Negate(ReadOnlySpan<ulong> x, Span<ulong> d, ulong q)
    {
        ref ulong rx = ref MemoryMarshal.GetReference(x);
        ref ulong rd = ref MemoryMarshal.GetReference(d);
        int i = Simd.Path switch
        {
            SimdPath.Vector512 => Negate<V512, Vector512<ulong>>(ref rx, ref rd, d.Length, q),
            SimdPath.Vector256 => Negate<V256, Vector256<ulong>>(ref rx, ref rd, d.Length, q),
            _ => 0,
        };
        for (; i < d.Length; i++) Unsafe.Add(ref rd, i) = Modulus.Negate(Unsafe.Add(ref rx, i), q);
    }

    /// <summary>d = (x + c) mod q for x in [0, q) and a constant c &lt; q.</summary>
    public static void AddScalar(ReadOnlySpan<ulong> x, ulong c, Span<ulong> d, ulong q)
    {
        ref ulong rx = ref MemoryMarshal.GetReference(x);
        ref ulong rd = ref MemoryMarshal.GetReference(d);
        int i = Simd.Path switch
        {
            SimdPath.Vector512 => AddScalar<V512, Vector512<ulong>>(ref rx, c, ref rd, d.Length, q),
            SimdPath.Vector256 => AddScalar<V256, Vector256<ulong>>(ref rx, c, ref rd, d.Length, q),
            _ => 0,
        };
        for (; i < d.Length; i++) Unsafe.Add(ref rd, i) = Modulus.Add(Unsafe.Add(ref rx, i), c, q);
    }

    /// <summary>d = x · w mod q for any x and a constant w &lt; q with Shoup companion <paramref name="wShoup"/>.</summary>
    public static void MulShoup(ReadOnlySpan<ulong> x, ulong w, ulong wShoup, Span<ulong> d, ulong q)
    {
        ref ulong rx = ref MemoryMarshal.GetReference(x);
        ref ulong rd = ref MemoryMarshal.GetReference(d);
        int i = Simd.Path switch
        {
            SimdPath.Vector512 => MulShoup<V512, Vector512<ulong>>(ref rx, w, wShoup, ref rd, d.Length, q),
            SimdPath.Vector256 => MulShoup<V256, Vector256<ulong>>(ref rx, w, wShoup, ref rd, d.Length, q),
            _ => 0,
        };
        for (; i < d.Length; i++) Unsafe.Add(ref rd, i) = Modulus.MulShoup(Unsafe.Add(ref rx, i), w, wShoup, q);
    }

    /// <summary>d = (x − y) · w mod q for x, y in [0, q) and a constant w &lt; q (Shoup): rescaling's and ModDown's
    /// last step.</summary>
    public static void SubMulShoup(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, ulong w, ulong wShoup, Span<ulong> d, ulong q)
    {
        ref ulong rx = ref MemoryMarshal.GetReference(x);
        ref ulong ry = ref MemoryMarshal.GetReference(y);
        ref ulong rd = ref MemoryMarshal.GetReference(d);
        int i = Simd.Path switch
        {
            SimdPath.Vector512 => SubMulShoup<V512, Vector512<ulong>>(ref rx, ref ry, w, wShoup, ref rd, d.Length, q),
            SimdPath.Vector256 => SubMulShoup<V256, Vector256<ulong>>(ref rx, ref ry, w, wShoup, ref rd, d.Length, q),
            _ => 0,
        };
        for (; i < d.Length; i++)
            Unsafe.Add(ref rd, i) = Modulus.MulShoup(Modulus.Sub(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i), q), w, wShoup, q);
    }

    /// <summary>d = (x mod q − c) mod q for any 64-bit x and a constant c &lt; q (rescaling's lift of the last limb).</summary>
    public static void ReduceSubScalar(ReadOnlySpan<ulong> x, ulong c, Span<ulong> d, Modulus m)
    {
        ref ulong rx = ref MemoryMarshal.GetReference(x);
        ref ulong rd = ref MemoryMarshal.GetReference(d);
        int i = Simd.Path switch
        {
            SimdPath.Vector512 => ReduceSubScalar<V512, Vector512<ulong>>(ref rx, c, ref rd, d.Length, m),
            SimdPath.Vector256 => ReduceSubScalar<V256, Vector256<ulong>>(ref rx, c, ref rd, d.Length, m),
            _ => 0,
        };
        ulong q = m.Value, bh = m.BarrettHi;
        for (; i < d.Length; i++) Unsafe.Add(ref rd, i) = Modulus.Sub(Modulus.Reduce(Unsafe.Add(ref rx, i), q, bh), c, q);
    }

    /// <summary>d = x · y mod q for x, y in [0, q).</summary>
    public static void Multiply(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> d, Modulus m)
    {
        ref ulong rx = ref MemoryMarshal.GetReference(x);
        ref ulong ry = ref MemoryMarshal.GetReference(y);
        ref ulong rd = ref MemoryMarshal.GetReference(d);
        int i = Simd.Path switch
        {
            SimdPath.Vector512 => Multiply<V512, Vector512<ulong>>(ref rx, ref ry, ref rd, d.Length, m, accumulate: false),
            SimdPath.Vector256 => Multiply<V256, Vector256<ulong>>(ref rx, ref ry, ref rd, d.Length, m, accumulate: false),
            _ => 0,
        };
        ulong q = m.Value, bh = m.BarrettHi, bl = m.BarrettLo;
        for (; i < d.Length; i++) Unsafe.Add(ref rd, i) = Modulus.Mul(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i), q, bh, bl);
    }

    /// <summary>d = (d + x · y) mod q for x, y, d in [0, q).</summary>
    public static void MultiplyAdd(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> d, Modulus m)
    {
        ref ulong rx = ref MemoryMarshal.GetReference(x);
        ref ulong ry = ref MemoryMarshal.GetReference(y);
        ref ulong rd = ref MemoryMarshal.GetReference(d);
        int i = Simd.Path switch
        {
            SimdPath.Vector512 => Multiply<V512, Vector512<ulong>>(ref rx, ref ry, ref rd, d.Length, m, accumulate: true),
            SimdPath.Vector256 => Multiply<V256, Vector256<ulong>>(ref rx, ref ry, ref rd, d.Length, m, accumulate: true),
            _ => 0,
        };
        ulong q = m.Value, bh = m.BarrettHi, bl = m.BarrettLo;
        for (; i < d.Length; i++)
            Unsafe.Add(ref rd, i) = Modulus.Add(Unsafe.Add(ref rd, i), Modulus.Mul(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i), q, bh, bl), q);
    }

    /// <summary>The coefficient-wise product of (a0 + a1·Y)(b0 + b1·Y): d0 = a0·b0, d1 = a0·b1 + a1·b0, d2 = a1·b1, all
    /// mod q, with Karatsuba's three products (d1 = (a0 + a1)(b0 + b1) − d0 − d2, the same residue).</summary>
    public static void Tensor(ReadOnlySpan<ulong> a0, ReadOnlySpan<ulong> a1, ReadOnlySpan<ulong> b0, ReadOnlySpan<ulong> b1,
        Span<ulong> d0, Span<ulong> d1, Span<ulong> d2, Modulus m)
    {
        ref ulong ra0 = ref MemoryMarshal.GetReference(a0);
        ref ulong ra1 = ref MemoryMarshal.GetReference(a1);
        ref ulong rb0 = ref MemoryMarshal.GetReference(b0);
        ref ulong rb1 = ref MemoryMarshal.GetReference(b1);
        ref ulong rd0 = ref MemoryMarshal.GetReference(d0);
        ref ulong rd1 = ref MemoryMarshal.GetReference(d1);
        ref ulong rd2 = ref MemoryMarshal.GetReference(d2);
        int n = d0.Length;
        int i = Simd.Path switch
        {
            SimdPath.Vector512 => Tensor<V512, Vector512<ulong>>(ref ra0, ref ra1, ref rb0, ref rb1, ref rd0, ref rd1, ref rd2, n, m),
            SimdPath.Vector256 => Tensor<V256, Vector256<ulong>>(ref ra0, ref ra1, ref rb0, ref rb1, ref rd0, ref rd1, ref rd2, n, m),
            _ => 0,
        };
        ulong q = m.Value, bh = m.BarrettHi, bl = m.BarrettLo;
        for (; i < n; i++)
        {
            ulong x0 = Unsafe.Add(ref ra0, i), x1 = Unsafe.Add(ref ra1, i), y0 = Unsafe.Add(ref rb0, i), y1 = Unsafe.Add(ref rb1, i);
            ulong cross = Modulus.Add(Modulus.Mul(x0, y1, q, bh, bl), Modulus.Mul(x1, y0, q, bh, bl), q);
            Unsafe.Add(ref rd0, i) = Modulus.Mul(x0, y0, q, bh, bl);
            Unsafe.Add(ref rd2, i) = Modulus.Mul(x1, y1, q, bh, bl);
            Unsafe.Add(ref rd1, i) = cross;
        }
    }

    /// <summary>d[k] = x[index[k]] for k in [0, d.Length); every index must be below x.Length. d must not overlap x.</summary>
    public static unsafe void Gather(ReadOnlySpan<ulong> x, ReadOnlySpan<int> index, Span<ulong> d)
    {
        if (index.Length < d.Length) ThrowHelper.ThrowLengthMismatch(nameof(index), d.Length, index.Length);
        ref int ri = ref MemoryMarshal.GetReference(index);
        ref ulong rd = ref MemoryMarshal.GetReference(d);
        fixed (ulong* px = x)
        {
            int i = Simd.Path switch
            {
                SimdPath.Vector512 => Gather<V512, Vector512<ulong>>(px, ref ri, ref rd, d.Length),
                SimdPath.Vector256 => Gather<V256, Vector256<ulong>>(px, ref ri, ref rd, d.Length),
                _ => 0,
            };
            for (; i < d.Length; i++) Unsafe.Add(ref rd, i) = x[Unsafe.Add(ref ri, i)];
        }
    }

    /// <summary>x·y mod q for x, y in [0, q) (Barrett, see the class remarks): bit-exact with <see cref="Modulus.Mul(ulong, ulong, ulong, ulong, ulong)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TV MultiplyMod<TOps, TV>(TV x, TV y, TV q, TV mu, TV muHigh, int lowShift, int highShift)
        where TOps : struct, IVectorOps<TV> where TV : struct
    {
        var mask = TOps.Create(0xFFFF_FFFFUL);
        var xHigh = TOps.ShiftRight32(x);
        var yHigh = TOps.ShiftRight32(y);
        var lowLow = TOps.MultiplyLow32(x, y);
        var t = TOps.Add(TOps.MultiplyLow32(xHigh, y), TOps.ShiftRight32(lowLow));
        var u = TOps.Add(TOps.MultiplyLow32(x, yHigh), TOps.And(t, mask));
        var high = TOps.Add(TOps.Add(TOps.MultiplyLow32(xHigh, yHigh), TOps.ShiftRight32(t)), TOps.ShiftRight32(u));
        var low = TOps.Or(TOps.ShiftLeft32(u), TOps.And(lowLow, mask));
        var top = TOps.Or(TOps.ShiftLeft(high, highShift), TOps.ShiftRight(low, lowShift));    // ⌊P / 2^(b−1)⌋
        var quotient = VectorMath.MultiplyHigh<TOps, TV>(top, mu, muHigh);
        var r = TOps.Subtract(low, TOps.MultiplyLow(quotient, q));                            // [0, 3q)
        return TOps.SubtractIfAtLeast(TOps.SubtractIfAtLeast(r, q), q);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int Gather<TOps, TV>(ulong* x, ref int index, ref ulong d, int n) where TOps : struct, IVectorOps<TV> where TV : struct
    {
        // Automorphism indices are local (8 neighbours usually share a cache line) but unpredictable for the hardware
        // prefetcher: fetch the line an index a little ahead points to.
        const int Ahead = 64;
        int i = 0;
        for (; i <= n - TOps.Lanes; i += TOps.Lanes)
        {
            if (i + Ahead < n) System.Runtime.Intrinsics.X86.Sse.Prefetch0(x + Unsafe.Add(ref index, i + Ahead));
            TOps.Store(TOps.Gather(x, ref Unsafe.Add(ref index, i)), ref Unsafe.Add(ref d, i));
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ReduceFrom4Q<TOps, TV>(ref ulong r, int n, ulong q) where TOps : struct, IVectorOps<TV> where TV : struct
    {
        var vq = TOps.Create(q);
        var vTwoQ = TOps.Create(2 * q);
        int i = 0;
        for (; i <= n - TOps.Lanes; i += TOps.Lanes)
        {
            ref ulong at = ref Unsafe.Add(ref r, i);
            TOps.Store(TOps.SubtractIfAtLeast(TOps.SubtractIfAtLeast(TOps.Load(ref at), vTwoQ), vq), ref at);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ReduceFrom2Q<TOps, TV>(ref ulong r, int n, ulong q) where TOps : struct, IVectorOps<TV> where TV : struct
    {
        var vq = TOps.Create(q);
        int i = 0;
        for (; i <= n - TOps.Lanes; i += TOps.Lanes)
        {
            ref ulong at = ref Unsafe.Add(ref r, i);
            TOps.Store(TOps.SubtractIfAtLeast(TOps.Load(ref at), vq), ref at);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Add<TOps, TV>(ref ulong x, ref ulong y, ref ulong d, int n, ulong q) where TOps : struct, IVectorOps<TV> where TV : struct
    {
        var vq = TOps.Create(q);
        int i = 0;
        for (; i <= n - TOps.Lanes; i += TOps.Lanes)
            TOps.Store(VectorMath.AddMod<TOps, TV>(TOps.Load(ref Unsafe.Add(ref x, i)), TOps.Load(ref Unsafe.Add(ref y, i)), vq), ref Unsafe.Add(ref d, i));
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Sub<TOps, TV>(ref ulong x, ref ulong y, ref ulong d, int n, ulong q) where TOps : struct, IVectorOps<TV> where TV : struct
    {
        var vq = TOps.Create(q);
        int i = 0;
        for (; i <= n - TOps.Lanes; i += TOps.Lanes)
            TOps.Store(VectorMath.SubMod<TOps, TV>(TOps.Load(ref Unsafe.Add(ref x, i)), TOps.Load(ref Unsafe.Add(ref y, i)), vq), ref Unsafe.Add(ref d, i));
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Negate<TOps, TV>(ref ulong x, ref ulong d, int n, ulong q) where TOps : struct, IVectorOps<TV> where TV : struct
    {
        var vq = TOps.Create(q);
        int i = 0;
        for (; i <= n - TOps.Lanes; i += TOps.Lanes)
            TOps.Store(TOps.SubtractIfAtLeast(TOps.Subtract(vq, TOps.Load(ref Unsafe.Add(ref x, i))), vq), ref Unsafe.Add(ref d, i));
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int AddScalar<TOps, TV>(ref ulong x, ulong c, ref ulong d, int n, ulong q) where TOps : struct, IVectorOps<TV> where TV : struct
    {
        var vq = TOps.Create(q);
        var vc = TOps.Create(c);
        int i = 0;
        for (; i <= n - TOps.Lanes; i += TOps.Lanes)
            TOps.Store(VectorMath.AddMod<TOps, TV>(TOps.Load(ref Unsafe.Add(ref x, i)), vc, vq), ref Unsafe.Add(ref d, i));
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MulShoup<TOps, TV>(ref ulong x, ulong w, ulong wShoup, ref ulong d, int n, ulong q) where TOps : struct, IVectorOps<TV> where TV : struct
    {
        var vq = TOps.Create(q);
        var vw = TOps.Create(w);
        var vs = TOps.Create(wShoup);
        var vsHigh = TOps.Create(wShoup >> 32);
        int i = 0;
        for (; i <= n - TOps.Lanes; i += TOps.Lanes)
        {
            var lazy = VectorMath.MulShoupLazy<TOps, TV>(TOps.Load(ref Unsafe.Add(ref x, i)), vw, vs, vsHigh, vq);
            TOps.Store(TOps.SubtractIfAtLeast(lazy, vq), ref Unsafe.Add(ref d, i));
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SubMulShoup<TOps, TV>(ref ulong x, ref ulong y, ulong w, ulong wShoup, ref ulong d, int n, ulong q)
        where TOps : struct, IVectorOps<TV> where TV : struct
    {
        var vq = TOps.Create(q);
        var vw = TOps.Create(w);
        var vs = TOps.Create(wShoup);
        var vsHigh = TOps.Create(wShoup >> 32);
        int i = 0;
        for (; i <= n - TOps.Lanes; i += TOps.Lanes)
        {
            var difference = VectorMath.SubMod<TOps, TV>(TOps.Load(ref Unsafe.Add(ref x, i)), TOps.Load(ref Unsafe.Add(ref y, i)), vq);
            TOps.Store(TOps.SubtractIfAtLeast(VectorMath.MulShoupLazy<TOps, TV>(difference, vw, vs, vsHigh, vq), vq), ref Unsafe.Add(ref d, i));
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ReduceSubScalar<TOps, TV>(ref ulong x, ulong c, ref ulong d, int n, Modulus m) where TOps : struct, IVectorOps<TV> where TV : struct
    {
        // x mod q = x·1 − ⌊x·⌊2^64/q⌋/2^64⌋·q, up to one q (Shoup with w = 1, w' = BarrettHi).
        var vq = TOps.Create(m.Value);
        var one = TOps.Create(1);
        var vs = TOps.Create(m.BarrettHi);
        var vsHigh = TOps.Create(m.BarrettHi >> 32);
        var vc = TOps.Create(c);
        int i = 0;
        for (; i <= n - TOps.Lanes; i += TOps.Lanes)
        {
            var reduced = TOps.SubtractIfAtLeast(VectorMath.MulShoupLazy<TOps, TV>(TOps.Load(ref Unsafe.Add(ref x, i)), one, vs, vsHigh, vq), vq);
            TOps.Store(VectorMath.SubMod<TOps, TV>(reduced, vc, vq), ref Unsafe.Add(ref d, i));
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Multiply<TOps, TV>(ref ulong x, ref ulong y, ref ulong d, int n, Modulus m, bool accumulate)
        where TOps : struct, IVectorOps<TV> where TV : struct
    {
        var vq = TOps.Create(m.Value);
        var mu = TOps.Create(m.VectorBarrett);
        var muHigh = TOps.Create(m.VectorBarrett >> 32);
        int lowShift = m.BitCount - 1, highShift = 65 - m.BitCount;
        int i = 0;
        for (; i <= n - TOps.Lanes; i += TOps.Lanes)
        {
            var product = MultiplyMod<TOps, TV>(TOps.Load(ref Unsafe.Add(ref x, i)), TOps.Load(ref Unsafe.Add(ref y, i)), vq, mu, muHigh, lowShift, highShift);
            if (accumulate) product = VectorMath.AddMod<TOps, TV>(TOps.Load(ref Unsafe.Add(ref d, i)), product, vq);
            TOps.Store(product, ref Unsafe.Add(ref d, i));
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Tensor<TOps, TV>(ref ulong a0, ref ulong a1, ref ulong b0, ref ulong b1, ref ulong d0, ref ulong d1, ref ulong d2, int n, Modulus m)
        where TOps : struct, IVectorOps<TV> where TV : struct
    {
        var vq = TOps.Create(m.Value);
        var mu = TOps.Create(m.VectorBarrett);
        var muHigh = TOps.Create(m.VectorBarrett >> 32);
        int lowShift = m.BitCount - 1, highShift = 65 - m.BitCount;
        int i = 0;
        for (; i <= n - TOps.Lanes; i += TOps.Lanes)
        {
            var x0 = TOps.Load(ref Unsafe.Add(ref a0, i));
            var x1 = TOps.Load(ref Unsafe.Add(ref a1, i));
            var y0 = TOps.Load(ref Unsafe.Add(ref b0, i));
            var y1 = TOps.Load(ref Unsafe.Add(ref b1, i));
            var low = MultiplyMod<TOps, TV>(x0, y0, vq, mu, muHigh, lowShift, highShift);
            var high = MultiplyMod<TOps, TV>(x1, y1, vq, mu, muHigh, lowShift, highShift);
            var sum = MultiplyMod<TOps, TV>(VectorMath.AddMod<TOps, TV>(x0, x1, vq), VectorMath.AddMod<TOps, TV>(y0, y1, vq), vq, mu, muHigh, lowShift, highShift);
            TOps.Store(low, ref Unsafe.Add(ref d0, i));
            TOps.Store(VectorMath.SubMod<TOps, TV>(VectorMath.SubMod<TOps, TV>(sum, low, vq), high, vq), ref Unsafe.Add(ref d1, i));
            TOps.Store(high, ref Unsafe.Add(ref d2, i));
        }
        return i;
    }
}
