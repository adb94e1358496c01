using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vault.Ring;

/// <summary>AVX-512 butterflies, 8 coefficients per instruction in every stage. Stages whose half-size is at least 8
/// pair whole vectors; the three stages with half-size 4, 2 and 1 (the last three forward, the first three inverse)
/// run on 16-coefficient blocks held in two registers, regrouped between stages with permutes, so no stage is scalar.
/// Bit-exact with the scalar path (same lazy ranges, same reductions): the tests compare both on every preset prime.</summary>
/// <remarks>.NET 10 has no IFMA intrinsics, so the Shoup quotient ⌊x·w'/2^64⌋ is a 64×64→128 high product built from
/// four 32×32→64 products (vpmuludq, <see cref="VectorMath.MultiplyHigh{TOps, TV}"/>); x·w and q·quotient only need
/// the low 64 bits (vpmullq, AVX-512DQ). Conditional subtractions use unsigned minimum: min(x, x − 2q) is x − 2q exactly
/// when x ≥ 2q. The fully reduced transforms fold the final reduction into the last stage instead of a separate pass.</remarks>
public sealed partial class NttTable
{
    private const int VectorLanes = 8;

    /// <summary>True when the AVX-512 path runs for this table (<see cref="Simd.Path"/> and N ≥ 16).</summary>
    internal bool UseVector512 => Simd.Path == SimdPath.Vector512 && N >= 2 * VectorLanes;

    /// <summary>Forward transform; output in [0, 4q), or in [0, q) when <paramref name="reduce"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardVector512(ref ulong a, bool reduce)
    {
        ulong q = Modulus.Value;
        var vq = Vector512.Create(q);
        var vTwoQ = Vector512.Create(2 * q);
        ref ulong roots = ref MemoryMarshal.GetArrayDataReference(_roots);
        ref ulong rootsShoup = ref MemoryMarshal.GetArrayDataReference(_rootsShoup);
        int n = N;
        int k = 1;
        for (int half = n >> 1; half >= VectorLanes; half >>= 1)
        {
            for (int start = 0; start < n; start += 2 * half, k++)
            {
                var w = Vector512.Create(Unsafe.Add(ref roots, k));
                var wShoup = Vector512.Create(Unsafe.Add(ref rootsShoup, k));
                var wShoupHigh = Avx512F.ShiftRightLogical(wShoup, 32);
                ref ulong x = ref Unsafe.Add(ref a, start);
                ref ulong y = ref Unsafe.Add(ref a, start + half);
                for (int j = 0; j < half; j += VectorLanes)
                {
                    var xj = Vector512.LoadUnsafe(ref x, (nuint)j);
                    var yj = Vector512.LoadUnsafe(ref y, (nuint)j);
                    ForwardButterfly(ref xj, ref yj, w, wShoup, wShoupHigh, vq, vTwoQ);
                    xj.StoreUnsafe(ref x, (nuint)j);
                    yj.StoreUnsafe(ref y, (nuint)j);
                }
            }
        }

        // Half-sizes 4, 2, 1 on blocks of 16: groups use roots N/8 + g, N/4 + g, N/2 + g. The permutation vectors are
        // constants (locals, not static fields: this method is compiled fully optimized before any class initializer runs).
        var quadBroadcast = Vector512.Create(0UL, 0, 0, 0, 1, 1, 1, 1);
        var pairBroadcast = Vector512.Create(0UL, 0, 1, 1, 2, 2, 3, 3);
        var pairsLow = Vector512.Create(0UL, 1, 8, 9, 4, 5, 12, 13);
        var pairsHigh = Vector512.Create(2UL, 3, 10, 11, 6, 7, 14, 15);
        var interleaveLow = Vector512.Create(0UL, 8, 1, 9, 2, 10, 3, 11);
        var interleaveHigh = Vector512.Create(4UL, 12, 5, 13, 6, 14, 7, 15);
        int quarter = n >> 3, second = n >> 2, last = n >> 1;
        for (int b = 0; b < n >> 4; b++)
        {
            ref ulong block = ref Unsafe.Add(ref a, 16 * b);
            var v0 = Vector512.LoadUnsafe(ref block);
            var v1 = Vector512.LoadUnsafe(ref block, VectorLanes);

            var x = Avx512F.Shuffle4x128(v0, v1, 0x44);                 // a0..a3, a8..a11
            var y = Avx512F.Shuffle4x128(v0, v1, 0xEE);                 // a4..a7, a12..a15
            var ws = Avx512F.PermuteVar8x64(Vector512.LoadUnsafe(ref rootsShoup, (nuint)(quarter + 2 * b)), quadBroadcast);
            ForwardButterfly(ref x, ref y, Avx512F.PermuteVar8x64(Vector512.LoadUnsafe(ref roots, (nuint)(quarter + 2 * b)), quadBroadcast),
                ws, Avx512F.ShiftRightLogical(ws, 32), vq, vTwoQ);

            var x2 = Avx512F.PermuteVar8x64x2(x, pairsLow, y);          // a0,a1, a4,a5, a8,a9, a12,a13
            var y2 = Avx512F.PermuteVar8x64x2(x, pairsHigh, y);         // a2,a3, a6,a7, …
            ws = Avx512F.PermuteVar8x64(Vector512.LoadUnsafe(ref rootsShoup, (nuint)(second + 4 * b)), pairBroadcast);
            ForwardButterfly(ref x2, ref y2, Avx512F.PermuteVar8x64(Vector512.LoadUnsafe(ref roots, (nuint)(second + 4 * b)), pairBroadcast),
                ws, Avx512F.ShiftRightLogical(ws, 32), vq, vTwoQ);

            var x1 = Avx512F.UnpackLow(x2, y2);                         // even positions
            var y1 = Avx512F.UnpackHigh(x2, y2);                        // odd positions
            ws = Vector512.LoadUnsafe(ref rootsShoup, (nuint)(last + 8 * b));
            ForwardButterfly(ref x1, ref y1, Vector512.LoadUnsafe(ref roots, (nuint)(last + 8 * b)), ws, Avx512F.ShiftRightLogical(ws, 32), vq, vTwoQ);
            if (reduce)
            {
                x1 = Avx512F.Min(x1, x1 - vTwoQ);
                x1 = Avx512F.Min(x1, x1 - vq);
                y1 = Avx512F.Min(y1, y1 - vTwoQ);
                y1 = Avx512F.Min(y1, y1 - vq);
            }
            Avx512F.PermuteVar8x64x2(x1, interleaveLow, y1).StoreUnsafe(ref block);
            Avx512F.PermuteVar8x64x2(x1, interleaveHigh, y1).StoreUnsafe(ref block, VectorLanes);
        }
    }

    /// <summary>Inverse transform including N^-1; input in [0, 2q), output in [0, 2q), or [0, q) when <paramref name="reduce"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void InverseVector512(ref ulong a, bool reduce)
    {
        ulong q = Modulus.Value;
        var vq = Vector512.Create(q);
        var vTwoQ = Vector512.Create(2 * q);
        ref ulong roots = ref MemoryMarshal.GetArrayDataReference(_invRoots);
        ref ulong rootsShoup = ref MemoryMarshal.GetArrayDataReference(_invRootsShoup);
        int n = N;

        // Half-sizes 1, 2, 4 (m = N/2, N/4, N/8) on blocks of 16.
        var evens = Vector512.Create(0UL, 2, 4, 6, 8, 10, 12, 14);
        var odds = Vector512.Create(1UL, 3, 5, 7, 9, 11, 13, 15);
        var pairBroadcast = Vector512.Create(0UL, 0, 1, 1, 2, 2, 3, 3);
        var pairsLow = Vector512.Create(0UL, 1, 8, 9, 4, 5, 12, 13);
        var pairsHigh = Vector512.Create(2UL, 3, 10, 11, 6, 7, 14, 15);
        var quadBroadcast = Vector512.Create(0UL, 0, 0, 0, 1, 1, 1, 1);
        int last = n >> 1, second = n >> 2, quarter = n >> 3;
        for (int b = 0; b < n >> 4; b++)
        {
            ref ulong block = ref Unsafe.Add(ref a, 16 * b);
            var v0 = Vector512.LoadUnsafe(ref block);
            var v1 = Vector512.LoadUnsafe(ref block, VectorLanes);

            var x = Avx512F.PermuteVar8x64x2(v0, evens, v1);
            var y = Avx512F.PermuteVar8x64x2(v0, odds, v1);
            var ws = Vector512.LoadUnsafe(ref rootsShoup, (nuint)(last + 8 * b));
            InverseButterfly(ref x, ref y, Vector512.LoadUnsafe(ref roots, (nuint)(last + 8 * b)), ws, Avx512F.ShiftRightLogical(ws, 32), vq, vTwoQ);

            var x2 = Avx512F.UnpackLow(x, y);                           // a0,a1, a4,a5, …
            var y2 = Avx512F.UnpackHigh(x, y);                          // a2,a3, a6,a7, …
            ws = Avx512F.PermuteVar8x64(Vector512.LoadUnsafe(ref rootsShoup, (nuint)(second + 4 * b)), pairBroadcast);
            InverseButterfly(ref x2, ref y2, Avx512F.PermuteVar8x64(Vector512.LoadUnsafe(ref roots, (nuint)(second + 4 * b)), pairBroadcast),
                ws, Avx512F.ShiftRightLogical(ws, 32), vq, vTwoQ);

            var x4 = Avx512F.PermuteVar8x64x2(x2, pairsLow, y2);        // a0..a3, a8..a11
            var y4 = Avx512F.PermuteVar8x64x2(x2, pairsHigh, y2);       // a4..a7, a12..a15
            ws = Avx512F.PermuteVar8x64(Vector512.LoadUnsafe(ref rootsShoup, (nuint)(quarter + 2 * b)), quadBroadcast);
            InverseButterfly(ref x4, ref y4, Avx512F.PermuteVar8x64(Vector512.LoadUnsafe(ref roots, (nuint)(quarter + 2 * b)), quadBroadcast),
                ws, Avx512F.ShiftRightLogical(ws, 32), vq, vTwoQ);

            Avx512F.Shuffle4x128(x4, y4, 0x44).StoreUnsafe(ref block);
            Avx512F.Shuffle4x128(x4, y4, 0xEE).StoreUnsafe(ref block, VectorLanes);
        }

        for (int m = n / (2 * VectorLanes), half = VectorLanes; m > 1; m >>= 1, half <<= 1)
        {
            for (int i = 0; i < m; i++)
            {
                var w = Vector512.Create(Unsafe.Add(ref roots, m + i));
                var wShoup = Vector512.Create(Unsafe.Add(ref rootsShoup, m + i));
                var wShoupHigh = Avx512F.ShiftRightLogical(wShoup, 32);
                ref ulong x = ref Unsafe.Add(ref a, 2 * i * half);
                ref ulong y = ref Unsafe.Add(ref x, half);
                for (int j = 0; j < half; j += VectorLanes)
                {
                    var xj = Vector512.LoadUnsafe(ref x, (nuint)j);
                    var yj = Vector512.LoadUnsafe(ref y, (nuint)j);
                    InverseButterfly(ref xj, ref yj, w, wShoup, wShoupHigh, vq, vTwoQ);
                    xj.StoreUnsafe(ref x, (nuint)j);
                    yj.StoreUnsafe(ref y, (nuint)j);
                }
            }
        }

        // Last stage (m = 1) folds in N^-1.
        int h = n >> 1;
        var nInv = Vector512.Create(_nInv);
        var nInvShoup = Vector512.Create(_nInvShoup);
        var nInvShoupHigh = Avx512F.ShiftRightLogical(nInvShoup, 32);
        var wn = Vector512.Create(_lastInvRootNInv);
        var wnShoup = Vector512.Create(_lastInvRootNInvShoup);
        var wnShoupHigh = Avx512F.ShiftRightLogical(wnShoup, 32);
        for (int j = 0; j < h; j += VectorLanes)
        {
            var xj = Vector512.LoadUnsafe(ref a, (nuint)j);
            var yj = Vector512.LoadUnsafe(ref a, (nuint)(j + h));
            var sum = VectorMath.MulShoupLazy<V512, Vector512<ulong>>(xj + yj, nInv, nInvShoup, nInvShoupHigh, vq);
            var difference = VectorMath.MulShoupLazy<V512, Vector512<ulong>>(xj - yj + vTwoQ, wn, wnShoup, wnShoupHigh, vq);
            if (reduce)
            {
                sum = Avx512F.Min(sum, sum - vq);
                difference = Avx512F.Min(difference, difference - vq);
            }
            sum.StoreUnsafe(ref a, (nuint)j);
            difference.StoreUnsafe(ref a, (nuint)(j + h));
        }
    }

    /// <summary>Harvey's forward butterfly: x ∈ [0, 4q) → x mod 2q, t = y·w mod q up to q; (x + t, x − t + 2q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForwardButterfly(ref Vector512<ulong> x, ref Vector512<ulong> y, Vector512<ulong> w, Vector512<ulong> wShoup,
        Vector512<ulong> wShoupHigh, Vector512<ulong> q, Vector512<ulong> twoQ)
    {
        var xr = Avx512F.Min(x, x - twoQ);
        var t = VectorMath.MulShoupLazy<V512, Vector512<ulong>>(y, w, wShoup, wShoupHigh, q);
        x = xr + t;
        y = xr - t + twoQ;
    }

    /// <summary>Gentleman–Sande butterfly on [0, 2q): (x + y mod 2q, (x − y + 2q)·w mod q up to q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InverseButterfly(ref Vector512<ulong> x, ref Vector512<ulong> y, Vector512<ulong> w, Vector512<ulong> wShoup,
        Vector512<ulong> wShoupHigh, Vector512<ulong> q, Vector512<ulong> twoQ)
    {
        var s = x + y;
        var d = x - y + twoQ;
        x = Avx512F.Min(s, s - twoQ);
        y = VectorMath.MulShoupLazy<V512, Vector512<ulong>>(d, w, wShoup, wShoupHigh, q);
    }
}
