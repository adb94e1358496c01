using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vault.Ring;

/// <summary>The lane-wise 64-bit primitives the vector kernels are written in, so one generic kernel body serves both
/// vector widths: <see cref="V512"/> (AVX-512F/DQ) and <see cref="V256"/> (AVX2 only). Kernels are generic over a
/// struct implementing this interface, which the JIT specializes and inlines per width.</summary>
/// <typeparam name="TV">The vector type (<see cref="Vector512{T}"/> or <see cref="Vector256{T}"/> of <see cref="ulong"/>).</typeparam>
/// <remarks>Doubles travel in the same vectors as their bit patterns (the conversion kernels need a few double
/// operations on the same lanes).</remarks>
internal interface IVectorOps<TV> where TV : struct
{
    /// <summary>64-bit lanes per vector.</summary>
    static abstract int Lanes { get; }

    static abstract TV Load(ref ulong source);

    static abstract void Store(TV value, ref ulong destination);

    static abstract TV Create(ulong value);

    static abstract TV Add(TV a, TV b);

    static abstract TV Subtract(TV a, TV b);

    static abstract TV And(TV a, TV b);

    static abstract TV Or(TV a, TV b);

    /// <summary>a where the mask lane is all ones, b where it is zero.</summary>
    static abstract TV Select(TV mask, TV a, TV b);

    static abstract TV ShiftRight32(TV a);

    static abstract TV ShiftLeft32(TV a);

    /// <summary>Logical right shift by a run-time count (the same for every lane).</summary>
    static abstract TV ShiftRight(TV a, int count);

    /// <summary>Logical left shift by a run-time count (the same for every lane).</summary>
    static abstract TV ShiftLeft(TV a, int count);

    /// <summary>(a mod 2^32) · (b mod 2^32), exact (vpmuludq).</summary>
    static abstract TV MultiplyLow32(TV a, TV b);

    /// <summary>a · b mod 2^64.</summary>
    static abstract TV MultiplyLow(TV a, TV b);

    /// <summary>x − m where x ≥ m (unsigned), else x.</summary>
    static abstract TV SubtractIfAtLeast(TV x, TV m);

    /// <summary>d + m where d is negative as a signed value, else d (the second half of a modular subtraction a − b
    /// with |a − b| &lt; 2^63).</summary>
    static abstract TV AddIfNegative(TV d, TV m);

    /// <summary>(double)x for x &lt; 2^62, correctly rounded, as the double's bits.</summary>
    static abstract TV ToDouble(TV x);

    /// <summary>Double product of two lanes of double bits.</summary>
    static abstract TV MultiplyDouble(TV a, TV b);

    /// <summary>Double sum of two lanes of double bits.</summary>
    static abstract TV AddDouble(TV a, TV b);

    /// <summary>Math.Round(x, MidpointRounding.ToEven) as an integer, for 0 ≤ x &lt; 2^52 given as double bits.</summary>
    static abstract TV RoundToUInt64(TV x);

    /// <summary>Zero-extends one byte per lane (the overflow counts of a centred conversion).</summary>
    static abstract TV LoadBytes(ref byte source);

    /// <summary>Stores the low byte of each lane.</summary>
    static abstract void StoreBytes(TV value, ref byte destination);

    /// <summary>source[index[k]] for the lanes' 32-bit indices at <paramref name="index"/>.</summary>
    static abstract unsafe TV Gather(ulong* source, ref int index);
}

/// <summary>Lane-wise helpers built from <see cref="IVectorOps{TV}"/> primitives.</summary>
internal static class VectorMath
{
    /// <summary>⌊a·b / 2^64⌋ exactly, from four 32×32→64 products; <paramref name="bHigh"/> = b &gt;&gt; 32 (often
    /// loop-invariant). Every partial sum stays below 2^64: (2^32 − 1)² + 2·(2^32 − 1) = 2^64 − 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV MultiplyHigh<TOps, TV>(TV a, TV b, TV bHigh) where TOps : struct, IVectorOps<TV> where TV : struct
    {
        var aHigh = TOps.ShiftRight32(a);
        var lowLow = TOps.MultiplyLow32(a, b);
        var highLow = TOps.MultiplyLow32(aHigh, b);
        var lowHigh = TOps.MultiplyLow32(a, bHigh);
        var highHigh = TOps.MultiplyLow32(aHigh, bHigh);
        var t = TOps.Add(highLow, TOps.ShiftRight32(lowLow));
        var u = TOps.Add(lowHigh, TOps.And(t, TOps.Create(0xFFFF_FFFFUL)));
        return TOps.Add(TOps.Add(highHigh, TOps.ShiftRight32(t)), TOps.ShiftRight32(u));
    }

    /// <summary>x·w − ⌊x·w'/2^64⌋·q mod 2^64: x·w mod q in [0, 2q) for any x (Shoup; <paramref name="wShoupHigh"/> =
    /// w' &gt;&gt; 32). Bit-exact with <see cref="Modulus.MulShoupLazy"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV MulShoupLazy<TOps, TV>(TV x, TV w, TV wShoup, TV wShoupHigh, TV q) where TOps : struct, IVectorOps<TV> where TV : struct
    {
        var quotient = MultiplyHigh<TOps, TV>(x, wShoup, wShoupHigh);
        return TOps.Subtract(TOps.MultiplyLow(x, w), TOps.MultiplyLow(quotient, q));
    }

    /// <summary>(a + b) mod q for a, b &lt; q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV AddMod<TOps, TV>(TV a, TV b, TV q) where TOps : struct, IVectorOps<TV> where TV : struct =>
        TOps.SubtractIfAtLeast(TOps.Add(a, b), q);

    /// <summary>(a − b) mod q for a, b &lt; q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV SubMod<TOps, TV>(TV a, TV b, TV q) where TOps : struct, IVectorOps<TV> where TV : struct =>
        TOps.AddIfNegative(TOps.Subtract(a, b), q);
}

/// <summary>AVX-512F/DQ primitives on 8 lanes.</summary>
internal readonly struct V512 : IVectorOps<Vector512<ulong>>
{
    public static int Lanes => 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Load(ref ulong source) => Vector512.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<ulong> value, ref ulong destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Create(ulong value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Add(Vector512<ulong> a, Vector512<ulong> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Subtract(Vector512<ulong> a, Vector512<ulong> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> And(Vector512<ulong> a, Vector512<ulong> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Or(Vector512<ulong> a, Vector512<ulong> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Select(Vector512<ulong> mask, Vector512<ulong> a, Vector512<ulong> b) => Vector512.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> ShiftRight32(Vector512<ulong> a) => Avx512F.ShiftRightLogical(a, 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> ShiftLeft32(Vector512<ulong> a) => Avx512F.ShiftLeftLogical(a, 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> ShiftRight(Vector512<ulong> a, int count) => Vector512.ShiftRightLogical(a, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> ShiftLeft(Vector512<ulong> a, int count) => Vector512.ShiftLeft(a, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> MultiplyLow32(Vector512<ulong> a, Vector512<ulong> b) => Avx512F.Multiply(a.AsUInt32(), b.AsUInt32());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> MultiplyLow(Vector512<ulong> a, Vector512<ulong> b) => Avx512DQ.MultiplyLow(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> SubtractIfAtLeast(Vector512<ulong> x, Vector512<ulong> m) => Avx512F.Min(x, x - m);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> AddIfNegative(Vector512<ulong> d, Vector512<ulong> m) => Avx512F.Min(d, d + m);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> ToDouble(Vector512<ulong> x) => Avx512DQ.ConvertToVector512Double(x).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> MultiplyDouble(Vector512<ulong> a, Vector512<ulong> b) => (a.AsDouble() * b.AsDouble()).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> AddDouble(Vector512<ulong> a, Vector512<ulong> b) => (a.AsDouble() + b.AsDouble()).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> RoundToUInt64(Vector512<ulong> x) =>
        Avx512DQ.ConvertToVector512UInt64WithTruncation(Avx512F.RoundScale(x.AsDouble(), 0x08));   // nearest, ties to even

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> LoadBytes(ref byte source) =>
        Avx512F.ConvertToVector512UInt64(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref source)).AsByte());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBytes(Vector512<ulong> value, ref byte destination) =>
        Unsafe.WriteUnaligned(ref destination, Avx512F.ConvertToVector128Byte(value).AsUInt64().ToScalar());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector512<ulong> Gather(ulong* source, ref int index) =>
        Vector512.Create(Avx2.GatherVector256(source, Vector128.LoadUnsafe(ref index), 8),
            Avx2.GatherVector256(source, Vector128.LoadUnsafe(ref Unsafe.Add(ref index, 4)), 8));   // .NET has no 512-bit gather
}

/// <summary>AVX2 primitives on 4 lanes (no AVX-512 instruction: unsigned minimum, 64-bit products and 64-bit ↔ double
/// conversions are built from AVX2 operations).</summary>
internal readonly struct V256 : IVectorOps<Vector256<ulong>>
{
    private const ulong TwoPow52Bits = 0x4330_0000_0000_0000UL;   // 2^52
    private const ulong TwoPow84Bits = 0x4530_0000_0000_0000UL;   // 2^84

    public static int Lanes => 4;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Load(ref ulong source) => Vector256.LoadUnsafe(ref source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<ulong> value, ref ulong destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Create(ulong value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Add(Vector256<ulong> a, Vector256<ulong> b) => Avx2.Add(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Subtract(Vector256<ulong> a, Vector256<ulong> b) => Avx2.Subtract(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> And(Vector256<ulong> a, Vector256<ulong> b) => Avx2.And(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Or(Vector256<ulong> a, Vector256<ulong> b) => Avx2.Or(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Select(Vector256<ulong> mask, Vector256<ulong> a, Vector256<ulong> b) =>
        Avx2.Or(Avx2.And(mask, a), Avx2.AndNot(mask, b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> ShiftRight32(Vector256<ulong> a) => Avx2.ShiftRightLogical(a, 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> ShiftLeft32(Vector256<ulong> a) => Avx2.ShiftLeftLogical(a, 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> ShiftRight(Vector256<ulong> a, int count) => Avx2.ShiftRightLogical(a, Vector128.CreateScalar((ulong)count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> ShiftLeft(Vector256<ulong> a, int count) => Avx2.ShiftLeftLogical(a, Vector128.CreateScalar((ulong)count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> MultiplyLow32(Vector256<ulong> a, Vector256<ulong> b) => Avx2.Multiply(a.AsUInt32(), b.AsUInt32());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> MultiplyLow(Vector256<ulong> a, Vector256<ulong> b)
    {
        var cross = Avx2.Add(Avx2.Multiply(Avx2.ShiftRightLogical(a, 32).AsUInt32(), b.AsUInt32()),
            Avx2.Multiply(a.AsUInt32(), Avx2.ShiftRightLogical(b, 32).AsUInt32()));
        return Avx2.Add(Avx2.Multiply(a.AsUInt32(), b.AsUInt32()), Avx2.ShiftLeftLogical(cross, 32));
    }

    /// <summary>Unsigned comparison through the signed one on sign-flipped values, so any x, m work.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> SubtractIfAtLeast(Vector256<ulong> x, Vector256<ulong> m)
    {
        var sign = Vector256.Create(0x8000_0000_0000_0000UL);
        var below = Avx2.CompareGreaterThan(Avx2.Xor(m, sign).AsInt64(), Avx2.Xor(x, sign).AsInt64()).AsUInt64();   // x < m
        return Avx2.Subtract(x, Avx2.AndNot(below, m));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> AddIfNegative(Vector256<ulong> d, Vector256<ulong> m) =>
        Avx.BlendVariable(d.AsDouble(), Avx2.Add(d, m).AsDouble(), d.AsDouble()).AsUInt64();

    /// <summary>(hi·2^32 − 2^52) + (2^52 + lo), each exact, so the one rounding is the sum's: correctly rounded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> ToDouble(Vector256<ulong> x)
    {
        var high = Avx2.Or(Avx2.ShiftRightLogical(x, 32), Vector256.Create(TwoPow84Bits)).AsDouble();
        var low = Avx2.Or(Avx2.And(x, Vector256.Create(0xFFFF_FFFFUL)), Vector256.Create(TwoPow52Bits)).AsDouble();
        var highValue = Avx.Subtract(high, Vector256.Create(BitConverter.UInt64BitsToDouble(TwoPow84Bits) + BitConverter.UInt64BitsToDouble(TwoPow52Bits)));
        return Avx.Add(highValue, low).AsUInt64();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> MultiplyDouble(Vector256<ulong> a, Vector256<ulong> b) => Avx.Multiply(a.AsDouble(), b.AsDouble()).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> AddDouble(Vector256<ulong> a, Vector256<ulong> b) => Avx.Add(a.AsDouble(), b.AsDouble()).AsUInt64();

    /// <summary>Rounds to nearest even, then adds 2^52 so the integer sits in the mantissa bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> RoundToUInt64(Vector256<ulong> x)
    {
        var shifted = Avx.Add(Avx.RoundToNearestInteger(x.AsDouble()), Vector256.Create(BitConverter.UInt64BitsToDouble(TwoPow52Bits)));
        return Avx2.Subtract(shifted.AsUInt64(), Vector256.Create(TwoPow52Bits));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> LoadBytes(ref byte source) =>
        Avx2.ConvertToVector256Int64(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref source)).AsByte()).AsUInt64();

    /// <summary>vpshufb gathers byte 0 of each lane into the low dword of its 128-bit half, then vpermd joins the halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreBytes(Vector256<ulong> value, ref byte destination)
    {
        var picked = Avx2.Shuffle(value.AsByte(), Vector256.Create((byte)0, 8, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
            0x80, 0x80, 0, 8, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80));
        var joined = Avx2.Or(picked.AsUInt32(), Avx2.PermuteVar8x32(picked.AsUInt32(), Vector256.Create(4u, 4, 4, 4, 4, 4, 4, 4)));
        Unsafe.WriteUnaligned(ref destination, joined.ToScalar());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector256<ulong> Gather(ulong* source, ref int index) =>
        Avx2.GatherVector256(source, Vector128.LoadUnsafe(ref index), 8);
}
