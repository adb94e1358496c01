using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Vault.Ring;

/// <summary>A modulus q with 2 ≤ q &lt; 2^62 and its Barrett constant ⌊2^128 / q⌋.
/// Immutable; the static kernels take q and the constants as plain values so hot loops keep them in registers.</summary>
/// <remarks>The bound q &lt; 2^62 lets lazy values in [0, 4q) fit in a <see cref="ulong"/>.</remarks>
public sealed class Modulus : IEquatable<Modulus>
{
    /// <summary>Largest supported modulus bit count.</summary>
    public const int MaxBits = 62;

    /// <summary>Creates the modulus and its Barrett constant.</summary>
    /// <exception cref="ArgumentOutOfRangeException">q is below 2 or not below 2^62.</exception>
    public Modulus(ulong value)
    {
        if (value < 2 || value >= 1UL << MaxBits)
            throw new ArgumentOutOfRangeException(nameof(value), value, "Modulus: q must be in [2, 2^62).");
        Value = value;
        BitCount = 64 - BitOperations.LeadingZeroCount(value);
        var ratio = (BigInteger.One << 128) / value;
        BarrettHi = (ulong)(ratio >> 64);
        BarrettLo = (ulong)(ratio & ulong.MaxValue);
        VectorBarrett = (ulong)((UInt128.One << (2 * BitCount)) / value) << (63 - BitCount);
        Radix = (ulong)((UInt128.One << 64) % value);
        RadixShoup = ShoupPrecompute(Radix);
    }

    /// <summary>q.</summary>
    public ulong Value { get; }

    /// <summary>⌈log2(q + 1)⌉: the number of significant bits of q.</summary>
    public int BitCount { get; }

    /// <summary>High word of ⌊2^128 / q⌋.</summary>
    public ulong BarrettHi { get; }

    /// <summary>Low word of ⌊2^128 / q⌋.</summary>
    public ulong BarrettLo { get; }

    /// <summary>⌊2^(2b) / q⌋ · 2^(63 − b) for b = <see cref="BitCount"/>: the vector kernels' Barrett constant, shifted so
    /// that ⌊X · ⌊2^(2b)/q⌋ / 2^(b+1)⌋ is the high word of X times it (it is below 2^(b+1), so it fits).</summary>
    internal ulong VectorBarrett { get; }

    /// <summary>2^64 mod q (to fold the high word of a 128-bit sum).</summary>
    internal ulong Radix { get; }

    /// <summary>Shoup companion of <see cref="Radix"/>.</summary>
    internal ulong RadixShoup { get; }

    /// <summary>x mod q for any 64-bit x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Reduce(ulong x) => Reduce(x, Value, BarrettHi);

    /// <summary>(a · b) mod q for a, b &lt; 2^64 with a · b &lt; q · 2^64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Mul(ulong a, ulong b) => Mul(a, b, Value, BarrettHi, BarrettLo);

    /// <summary>(a + b) mod q for a, b &lt; q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Add(ulong a, ulong b) => Add(a, b, Value);

    /// <summary>(a − b) mod q for a, b &lt; q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Sub(ulong a, ulong b) => Sub(a, b, Value);

    /// <summary>(−a) mod q for a &lt; q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Negate(ulong a) => Negate(a, Value);

    /// <summary>a^e mod q.</summary>
    public ulong Pow(ulong a, ulong e)
    {
        ulong result = 1 % Value, b = Reduce(a);
        while (e != 0)
        {
            if ((e & 1) != 0) result = Mul(result, b);
            b = Mul(b, b);
            e >>= 1;
        }
        return result;
    }

    /// <summary>a^-1 mod q.</summary>
    /// <exception cref="ArithmeticException">a is not invertible mod q.</exception>
    public ulong Inverse(ulong a)
    {
        // Extended Euclid (cold path).
        long r0 = (long)Value, r1 = (long)(a % Value), t0 = 0, t1 = 1;
        while (r1 != 0)
        {
            long quotient = r0 / r1;
            (r0, r1) = (r1, r0 - quotient * r1);
            (t0, t1) = (t1, t0 - quotient * t1);
        }
        if (r0 != 1)
            throw new ArithmeticException($"Inverse: {a} is not invertible mod {Value}.");
        return (ulong)(t0 < 0 ? t0 + (long)Value : t0);
    }

    /// <summary>Integer x (any sign, any size) reduced to [0, q).</summary>
    public ulong Reduce(BigInteger x)
    {
        var r = BigInteger.Remainder(x, Value);
        if (r.Sign < 0) r += Value;
        return (ulong)r;
    }

    /// <summary>Signed 64-bit x reduced to [0, q), without branching on x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReduceSigned(long x)
    {
        ulong negMask = (ulong)(x >> 63);                        // all ones when x < 0
        ulong magnitude = Reduce(((ulong)x ^ negMask) - negMask); // |x| mod q, no branch on the sign
        ulong negated = Value - magnitude;                        // in (0, q]
        ulong r = (magnitude & ~negMask) | (negated & negMask);
        return Reduce(r, Value, BarrettHi);                       // maps q to 0 without a branch
    }

    /// <summary>Shoup companion ⌊w · 2^64 / q⌋ of a constant w &lt; q.</summary>
    public ulong ShoupPrecompute(ulong w)
    {
        Debug.Assert(w < Value);
        return (ulong)(((UInt128)w << 64) / Value);
    }

    /// <summary>x mod q for any 64-bit x, with the high Barrett word <paramref name="barrettHi"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Reduce(ulong x, ulong q, ulong barrettHi)
    {
        ulong quotient = MultiplyHigh(x, barrettHi);
        ulong r = x - quotient * q;                                // [0, 2q)
        return SubtractIfAtLeast(r, q);
    }

    /// <summary>⌊a·b / 2^64⌋ (mulx when BMI2 is available, so the low half is not stored).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MultiplyHigh(ulong a, ulong b) =>
        Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);

    /// <summary>x − m when x ≥ m, else x, without a branch (the JIT would emit a conditional jump that mispredicts
    /// on random data). Requires x, m &lt; 2^63.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubtractIfAtLeast(ulong x, ulong m) => x - (m & ~(ulong)((long)(x - m) >> 63));

    /// <summary>(hi · 2^64 + lo) mod q for an input below q · 2^64 (SEAL's barrett_reduce_128).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Reduce128(ulong hi, ulong lo, ulong q, ulong barrettHi, ulong barrettLo)
    {
        ulong carry = Math.BigMul(lo, barrettLo, out _);
        ulong t2Hi = Math.BigMul(lo, barrettHi, out ulong t2Lo);
        ulong t1 = t2Lo + carry;
        ulong t3 = t2Hi + (t1 < carry ? 1UL : 0UL);
        t2Hi = Math.BigMul(hi, barrettLo, out t2Lo);
        ulong sum = t1 + t2Lo;
        carry = t2Hi + (sum < t1 ? 1UL : 0UL);
        ulong quotient = hi * barrettHi + t3 + carry;             // ⌊x · ⌊2^128/q⌋ / 2^128⌋ ≥ ⌊x/q⌋ − 1
        ulong r = lo - quotient * q;                               // [0, 2q)
        return SubtractIfAtLeast(r, q);
    }

    /// <summary>(a · b) mod q for a · b &lt; q · 2^64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mul(ulong a, ulong b, ulong q, ulong barrettHi, ulong barrettLo)
    {
        ulong hi = Math.BigMul(a, b, out ulong lo);
        return Reduce128(hi, lo, q, barrettHi, barrettLo);
    }

    /// <summary>(a + b) mod q for a, b &lt; q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong a, ulong b, ulong q)
    {
        return SubtractIfAtLeast(a + b, q);
    }

    /// <summary>(a − b) mod q for a, b &lt; q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Sub(ulong a, ulong b, ulong q)
    {
        ulong d = a - b;
        return d + (q & (ulong)((long)d >> 63));                   // a − b + q when a < b (|a − b| < 2^62)
    }

    /// <summary>(−a) mod q for a &lt; q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Negate(ulong a, ulong q) => SubtractIfAtLeast(q - a, q);

    /// <summary>x · w mod q up to one multiple of q: output in [0, 2q) for any x &lt; 2^64.
    /// <paramref name="wShoup"/> = ⌊w · 2^64 / q⌋ (Shoup; Harvey, arXiv:1205.2926).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulShoupLazy(ulong x, ulong w, ulong wShoup, ulong q)
    {
        return x * w - MultiplyHigh(x, wShoup) * q;
    }

    /// <summary>x · w mod q, fully reduced, for any x &lt; 2^64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulShoup(ulong x, ulong w, ulong wShoup, ulong q)
    {
        return SubtractIfAtLeast(MulShoupLazy(x, w, wShoup, q), q);
    }

    /// <inheritdoc/>
    public bool Equals(Modulus? other) => other is not null && other.Value == Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Modulus);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
