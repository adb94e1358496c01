using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vault.Ring;

/// <summary>AVX-512 butterflies: 8 coefficients per instruction for every stage whose half-size is at least 8; the
/// last three stages (forward) or first three (inverse) stay scalar. Bit-exact with the scalar path (same lazy ranges,
/// same reductions): the tests compare both on every preset prime.</summary>
/// <remarks>.NET 10 has no IFMA intrinsics, so the Shoup quotient ⌊x·w'/2^64⌋ is a 64×64→128 high product emulated
/// from four 32×32→64 products (vpmuludq); x·w and q·quotient only need the low 64 bits (vpmullq, AVX-512DQ).
/// Conditional subtractions use unsigned minimum: min(x, x − 2q) is x − 2q exactly when x ≥ 2q.</remarks>
public sealed partial class NttTable
{
    private const int VectorLanes = 8;

    /// <summary>True when the AVX-512 path runs for this table (hardware support and N ≥ 16); can be disabled
    /// with <see cref="DisableVectorPaths"/> to compare against the scalar reference.</summary>
    internal bool UseVector512 => Vector512Supported && N >= 2 * VectorLanes && !DisableVectorPaths;

    /// <summary>Hardware support for the AVX-512 kernels (AVX-512F and AVX-512DQ).</summary>
    internal static bool Vector512Supported { get; } = Avx512F.IsSupported && Avx512DQ.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>Forces the scalar reference path (tests and benchmarks). Process-wide.</summary>
    internal static bool DisableVectorPaths { get; set; }

    private void ForwardLazyVector512(ref ulong a)
    {
        ulong q = Modulus.Value;
        var vq = Vector512.Create(q);
        var vTwoQ = Vector512.Create(2 * q);
        int n = N;
        int k = 1;
        int half = n >> 1;
        for (; half >= VectorLanes; half >>= 1)
        {
            for (int start = 0; start < n; start += 2 * half, k++)
            {
                var w = Vector512.Create(_roots[k]);
                var wShoup = Vector512.Create(_rootsShoup[k]);
                ref ulong x = ref Unsafe.Add(ref a, start);
                ref ulong y = ref Unsafe.Add(ref a, start + half);
                for (int j = 0; j < half; j += VectorLanes)
                {
                    var xj = Vector512.LoadUnsafe(ref x, (nuint)j);
                    var yj = Vector512.LoadUnsafe(ref y, (nuint)j);
                    xj = Avx512F.Min(xj, xj - vTwoQ);                           // [0, 2q)
                    var t = MulShoupLazy(yj, w, wShoup, vq);                    // [0, 2q)
                    (xj + t).StoreUnsafe(ref x, (nuint)j);
                    (xj - t + vTwoQ).StoreUnsafe(ref y, (nuint)j);
                }
            }
        }
        ForwardLazyScalar(ref a, half, k);
    }

    private void InverseLazyVector512(ref ulong a)
    {
        int n = N;
        InverseLazyScalar(ref a, lastStageM: n / (2 * VectorLanes) * 2);     // stages with half-size 1, 2, 4
        ulong q = Modulus.Value;
        var vq = Vector512.Create(q);
        var vTwoQ = Vector512.Create(2 * q);
        ref ulong roots = ref MemoryMarshal.GetArrayDataReference(_invRoots);
        ref ulong rootsShoup = ref MemoryMarshal.GetArrayDataReference(_invRootsShoup);
        for (int m = n / (2 * VectorLanes), half = VectorLanes; m > 1; m >>= 1, half <<= 1)
        {
            for (int i = 0; i < m; i++)
            {
                var w = Vector512.Create(Unsafe.Add(ref roots, m + i));
                var wShoup = Vector512.Create(Unsafe.Add(ref rootsShoup, m + i));
                ref ulong x = ref Unsafe.Add(ref a, 2 * i * half);
                ref ulong y = ref Unsafe.Add(ref x, half);
                for (int j = 0; j < half; j += VectorLanes)
                {
                    var xj = Vector512.LoadUnsafe(ref x, (nuint)j);
                    var yj = Vector512.LoadUnsafe(ref y, (nuint)j);
                    var s = xj + yj;
                    Avx512F.Min(s, s - vTwoQ).StoreUnsafe(ref x, (nuint)j);
                    MulShoupLazy(xj - yj + vTwoQ, w, wShoup, vq).StoreUnsafe(ref y, (nuint)j);
                }
            }
        }
        // Last stage (m = 1) folds in N^-1.
        int h = n >> 1;
        var nInv = Vector512.Create(_nInv);
        var nInvShoup = Vector512.Create(_nInvShoup);
        var wn = Vector512.Create(_lastInvRootNInv);
        var wnShoup = Vector512.Create(_lastInvRootNInvShoup);
        for (int j = 0; j < h; j += VectorLanes)
        {
            var xj = Vector512.LoadUnsafe(ref a, (nuint)j);
            var yj = Vector512.LoadUnsafe(ref a, (nuint)(j + h));
            MulShoupLazy(xj + yj, nInv, nInvShoup, vq).StoreUnsafe(ref a, (nuint)j);
            MulShoupLazy(xj - yj + vTwoQ, wn, wnShoup, vq).StoreUnsafe(ref a, (nuint)(j + h));
        }
    }

    /// <summary>x·w − ⌊x·w'/2^64⌋·q (mod 2^64) lane-wise: x·w mod q up to one q, in [0, 2q).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> MulShoupLazy(Vector512<ulong> x, Vector512<ulong> w, Vector512<ulong> wShoup, Vector512<ulong> q)
    {
        var quotient = MultiplyHigh(x, wShoup);
        return Avx512DQ.MultiplyLow(x, w) - Avx512DQ.MultiplyLow(quotient, q);
    }

    /// <summary>⌊a·b / 2^64⌋ lane-wise from four 32×32→64 products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> MultiplyHigh(Vector512<ulong> a, Vector512<ulong> b)
    {
        var lowMask = Vector512.Create(0xFFFF_FFFFUL);
        var aHi = Avx512F.ShiftRightLogical(a, 32);
        var bHi = Avx512F.ShiftRightLogical(b, 32);
        var loLo = Avx512F.Multiply(a.AsUInt32(), b.AsUInt32());
        var hiLo = Avx512F.Multiply(aHi.AsUInt32(), b.AsUInt32());
        var loHi = Avx512F.Multiply(a.AsUInt32(), bHi.AsUInt32());
        var hiHi = Avx512F.Multiply(aHi.AsUInt32(), bHi.AsUInt32());
        var cross = Avx512F.ShiftRightLogical(loLo, 32) + (hiLo & lowMask) + (loHi & lowMask);
        return hiHi + Avx512F.ShiftRightLogical(hiLo, 32) + Avx512F.ShiftRightLogical(loHi, 32) + Avx512F.ShiftRightLogical(cross, 32);
    }
}
