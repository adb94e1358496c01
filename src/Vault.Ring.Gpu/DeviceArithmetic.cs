using System.Runtime.CompilerServices;
using ILGPU.Runtime.Cuda;

namespace Vault.Ring.Gpu;

/// <summary>The scalar modular arithmetic of <see cref="Modulus"/>, written so ILGPU can compile it: no
/// <see cref="UInt128"/> and no <see cref="Math.BigMul(ulong, ulong, out ulong)"/>, which ILGPU 1.5 rejects in kernels.
/// The 64×64→128 high product is <c>mul.hi.u64</c> (inline PTX) on CUDA and four 32×32→64 products elsewhere; every
/// other formula is the one in <see cref="Modulus"/>, so results are bit-exact with the CPU reference.</summary>
internal static class DeviceArithmetic
{
    /// <summary>⌊a·b / 2^64⌋: one PTX instruction on CUDA, the portable product elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MultiplyHigh(ulong a, ulong b)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("mul.hi.u64 %0, %1, %2;", out ulong high, a, b);
            return high;
        }
        return MultiplyHighPortable(a, b);
    }

    /// <summary>⌊a·b / 2^64⌋ from the four 32×32→64 partial products (schoolbook, carries through the middle word).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MultiplyHighPortable(ulong a, ulong b)
    {
        ulong aLo = a & 0xFFFF_FFFFUL, aHi = a >> 32, bLo = b & 0xFFFF_FFFFUL, bHi = b >> 32;
        ulong lowLow = aLo * bLo, lowHigh = aLo * bHi, highLow = aHi * bLo, highHigh = aHi * bHi;
        ulong middle = (lowLow >> 32) + (lowHigh & 0xFFFF_FFFFUL) + (highLow & 0xFFFF_FFFFUL);   // < 3 · 2^32
        return highHigh + (lowHigh >> 32) + (highLow >> 32) + (middle >> 32);
    }

    /// <summary>acc + x · y with the product and the sum each rounded to nearest (never fused into an FMA, which would
    /// round once and could change the centred conversion's overflow count). .NET never contracts; on CUDA, ptxas may
    /// fuse <c>mul.f64</c> and <c>add.f64</c> unless they carry an explicit rounding mode, so they are emitted as
    /// <c>mul.rn.f64</c> and <c>add.rn.f64</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AddProductUnfused(double acc, double x, double y)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("mul.rn.f64 %0, %1, %2;", out double product, x, y);
            CudaAsm.Emit("add.rn.f64 %0, %1, %2;", out double sum, acc, product);
            return sum;
        }
        return acc + x * y;
    }

    /// <summary><see cref="Math.Round(double, MidpointRounding)"/> with <see cref="MidpointRounding.ToEven"/> for
    /// 0 ≤ x &lt; 2^52, from integer operations only (portable to every ILGPU backend).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong RoundHalfEven(double x)
    {
        ulong v = (ulong)x;                                  // truncation = floor for x ≥ 0
        double rest = x - v;                                 // exact (Sterbenz): v ≤ x < v + 1
        if (rest > 0.5 || (rest == 0.5 && (v & 1) != 0)) v++;
        return v;
    }

    /// <summary>x − m when x ≥ m, else x, branch-free (<see cref="Modulus.SubtractIfAtLeast"/>). Requires x, m &lt; 2^63.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubtractIfAtLeast(ulong x, ulong m) => x - (m & ~(ulong)((long)(x - m) >> 63));

    /// <summary>(a + b) mod q for a, b &lt; q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong a, ulong b, ulong q) => SubtractIfAtLeast(a + b, q);

    /// <summary>(a − b) mod q for a, b &lt; q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Sub(ulong a, ulong b, ulong q)
    {
        ulong d = a - b;
        return d + (q & (ulong)((long)d >> 63));
    }

    /// <summary>(−a) mod q for a &lt; q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Negate(ulong a, ulong q) => SubtractIfAtLeast(q - a, q);

    /// <summary>x mod q for any 64-bit x (<see cref="Modulus.Reduce(ulong, ulong, ulong)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Reduce(ulong x, ulong q, ulong barrettHi) => SubtractIfAtLeast(x - MultiplyHigh(x, barrettHi) * q, q);

    /// <summary>(hi · 2^64 + lo) mod q for an input below q · 2^64 (<see cref="Modulus.Reduce128"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Reduce128(ulong hi, ulong lo, ulong q, ulong barrettHi, ulong barrettLo)
    {
        ulong carry = MultiplyHigh(lo, barrettLo);
        ulong t2Hi = MultiplyHigh(lo, barrettHi), t2Lo = lo * barrettHi;
        ulong t1 = t2Lo + carry;
        ulong t3 = t2Hi + (t1 < carry ? 1UL : 0UL);
        t2Hi = MultiplyHigh(hi, barrettLo);
        t2Lo = hi * barrettLo;
        ulong sum = t1 + t2Lo;
        carry = t2Hi + (sum < t1 ? 1UL : 0UL);
        ulong quotient = hi * barrettHi + t3 + carry;
        return SubtractIfAtLeast(lo - quotient * q, q);
    }

    /// <summary>(a · b) mod q for a · b &lt; q · 2^64 (<see cref="Modulus.Mul(ulong, ulong, ulong, ulong, ulong)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mul(ulong a, ulong b, ulong q, ulong barrettHi, ulong barrettLo) =>
        Reduce128(MultiplyHigh(a, b), a * b, q, barrettHi, barrettLo);

    /// <summary>x · w mod q up to one multiple of q, output in [0, 2q) (<see cref="Modulus.MulShoupLazy"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulShoupLazy(ulong x, ulong w, ulong wShoup, ulong q) => x * w - MultiplyHigh(x, wShoup) * q;

    /// <summary>x · w mod q, fully reduced (<see cref="Modulus.MulShoup"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulShoup(ulong x, ulong w, ulong wShoup, ulong q) => SubtractIfAtLeast(MulShoupLazy(x, w, wShoup, q), q);
}
