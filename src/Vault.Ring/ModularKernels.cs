using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vault.Ring;

/// <summary>Element-wise modular kernels over spans with an AVX-512 body and a scalar tail (and a scalar path when
/// AVX-512 is absent or <see cref="Simd.Path"/> is lowered). Bit-exact with the scalar definitions.</summary>
internal static class ModularKernels
{
    private static bool UseVector512 => Simd.Path == SimdPath.Vector512;

    /// <summary>x ↦ x mod q for x in [0, 4q), in place.</summary>
    public static void ReduceFrom4Q(Span<ulong> a, ulong q)
    {
        int i = 0;
        ref ulong r = ref MemoryMarshal.GetReference(a);
        if (UseVector512)
        {
            var vq = Vector512.Create(q);
            var vTwoQ = Vector512.Create(2 * q);
            for (; i <= a.Length - 8; i += 8)
            {
                var x = Vector512.LoadUnsafe(ref r, (nuint)i);
                x = Avx512F.Min(x, x - vTwoQ);
                Avx512F.Min(x, x - vq).StoreUnsafe(ref r, (nuint)i);
            }
        }
        ulong twoQ = 2 * q;
        for (; i < a.Length; i++)
        {
            ulong x = Unsafe.Add(ref r, i);
            x -= twoQ & ~(ulong)((long)(x - twoQ) >> 63);
            x -= q & ~(ulong)((long)(x - q) >> 63);
            Unsafe.Add(ref r, i) = x;
        }
    }

    /// <summary>x ↦ x mod q for x in [0, 2q), in place.</summary>
    public static void ReduceFrom2Q(Span<ulong> a, ulong q)
    {
        int i = 0;
        ref ulong r = ref MemoryMarshal.GetReference(a);
        if (UseVector512)
        {
            var vq = Vector512.Create(q);
            for (; i <= a.Length - 8; i += 8)
            {
                var x = Vector512.LoadUnsafe(ref r, (nuint)i);
                Avx512F.Min(x, x - vq).StoreUnsafe(ref r, (nuint)i);
            }
        }
        for (; i < a.Length; i++)
        {
            ulong x = Unsafe.Add(ref r, i);
            Unsafe.Add(ref r, i) = x - (q & ~(ulong)((long)(x - q) >> 63));
        }
    }

    /// <summary>d = (x + y) mod q for x, y in [0, q). d may alias x or y.</summary>
    public static void Add(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> d, ulong q)
    {
        int i = 0, n = d.Length;
        ref ulong rx = ref MemoryMarshal.GetReference(x);
        ref ulong ry = ref MemoryMarshal.GetReference(y);
        ref ulong rd = ref MemoryMarshal.GetReference(d);
        if (UseVector512)
        {
            var vq = Vector512.Create(q);
            for (; i <= n - 8; i += 8)
            {
                var s = Vector512.LoadUnsafe(ref rx, (nuint)i) + Vector512.LoadUnsafe(ref ry, (nuint)i);
                Avx512F.Min(s, s - vq).StoreUnsafe(ref rd, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref rd, i) = Modulus.Add(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i), q);
    }

    /// <summary>d = (x − y) mod q for x, y in [0, q). d may alias x or y.</summary>
    public static void Sub(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> d, ulong q)
    {
        int i = 0, n = d.Length;
        ref ulong rx = ref MemoryMarshal.GetReference(x);
        ref ulong ry = ref MemoryMarshal.GetReference(y);
        ref ulong rd = ref MemoryMarshal.GetReference(d);
        if (UseVector512)
        {
            var vq = Vector512.Create(q);
            for (; i <= n - 8; i += 8)
            {
                var diff = Vector512.LoadUnsafe(ref rx, (nuint)i) - Vector512.LoadUnsafe(ref ry, (nuint)i);
                Avx512F.Min(diff, diff + vq).StoreUnsafe(ref rd, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref rd, i) = Modulus.Sub(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i), q);
    }
}
