using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using Vault.Ring;

namespace Vault.Benchmarks;

/// <summary>The multiply-high strategies for a 64-bit modular product on AVX-512 without IFMA, each computing 2^15
/// products x·y mod q (both below q) as 32 passes over 1024 residues that stay in the L1 cache (so the arithmetic, not
/// the memory, is timed), outputs checked equal to Vault's: Vault's kernel (64×64→128 emulated from four
/// 32×32→64 vpmuludq, Barrett), 64-bit Montgomery (the same emulated high product twice; inputs assumed already in
/// Montgomery form, so the conversions are not even counted), and scalar mulx + 128-bit Barrett. The double-precision
/// FMA strategy needs q &lt; 2^50 and is in <see cref="MultiplyHighDoubleBenchmarks"/>. An experiment for the README.</summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class MultiplyHighBenchmarks
{
    private MultiplyHighKernels _k = null!;

    /// <summary>Prime size (SEAL's 2^13, 2^14 and 2^15 chains use 43–44, 48–49 and 55–56 bits).</summary>
    [Params(44, 49, 55)]
    public int Bits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _k = new MultiplyHighKernels(Bits);
        _k.Verify(includeDouble: false);
    }

    [Benchmark(Baseline = true)]
    public void EmulatedBarrett() => _k.Vault();

    [Benchmark]
    public void EmulatedMontgomery() => _k.Montgomery();

    [Benchmark]
    public void ScalarMulx() => _k.Scalar();
}

/// <summary><see cref="MultiplyHighBenchmarks"/> for the primes below 2^50, with the double-precision FMA strategy:
/// exact product as h + l (two FMAs), quotient from h·(1/q), remainder by FMA, one correction each way.</summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class MultiplyHighDoubleBenchmarks
{
    private MultiplyHighKernels _k = null!;

    /// <summary>Prime size.</summary>
    [Params(44, 49)]
    public int Bits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _k = new MultiplyHighKernels(Bits);
        _k.Verify(includeDouble: true);
    }

    [Benchmark(Baseline = true)]
    public void EmulatedBarrett() => _k.Vault();

    [Benchmark]
    public void DoubleFma() => _k.Double();
}

/// <summary>The kernels of the multiply-high experiment: each call runs <see cref="Passes"/> passes over
/// <see cref="Length"/> residues.</summary>
internal sealed class MultiplyHighKernels
{
    public const int Length = 1024;
    public const int Passes = 32;

    private readonly RnsBasis _basis;
    private readonly RnsPoly _x, _y, _d;
    private readonly ulong[] _out;
    private readonly ulong _q, _qInverseNegated;    // −q^-1 mod 2^64 (Montgomery)

    public MultiplyHighKernels(int bits)
    {
        const int n = Length;
        int logN = System.Numerics.BitOperations.Log2((uint)n);
        _basis = new RnsBasis([new NttTable(logN, new Modulus(Primes.NttPrimes(logN, [bits])[0]))]);
        _q = _basis.Moduli[0].Value;
        ulong inverse = 1;
        for (int i = 0; i < 6; i++) inverse *= 2 - _q * inverse;    // Newton: q·inverse ≡ 1 mod 2^64
        _qInverseNegated = 0 - inverse;
        var random = new Random(bits);
        _x = new RnsPoly(n, 1);
        _y = new RnsPoly(n, 1);
        _d = new RnsPoly(n, 1);
        _out = new ulong[n];
        for (int k = 0; k < n; k++)
        {
            _x.Limb(0)[k] = (ulong)random.NextInt64((long)_q);
            _y.Limb(0)[k] = (ulong)random.NextInt64((long)_q);
        }
    }

    public void Vault()
    {
        for (int p = 0; p < Passes; p++) _basis.MulCoefficients(_x, _y, _d);
    }

    public void Scalar()
    {
        var m = _basis.Moduli[0];
        ReadOnlySpan<ulong> x = _x.Limb(0), y = _y.Limb(0);
        for (int p = 0; p < Passes; p++)
            for (int k = 0; k < x.Length; k++) _out[k] = Modulus.Mul(x[k], y[k], m.Value, m.BarrettHi, m.BarrettLo);
    }

    /// <summary>REDC(x·y) = (x·y + m·q) / 2^64 with m = lo(x·y)·(−q^-1): the full product and ⌊m·q / 2^64⌋ are both
    /// emulated 64×64→128 high products.</summary>
    public void Montgomery()
    {
        ref ulong x = ref MemoryMarshal.GetReference(_x.Limb(0));
        ref ulong y = ref MemoryMarshal.GetReference(_y.Limb(0));
        ref ulong d = ref MemoryMarshal.GetArrayDataReference(_out);
        var q = Vector512.Create(_q);
        var qHigh = Vector512.Create(_q >> 32);
        var qInverse = Vector512.Create(_qInverseNegated);
        for (int p = 0; p < Passes; p++)
            for (int k = 0; k < _out.Length; k += 8)
            {
                var a = Vector512.LoadUnsafe(ref x, (nuint)k);
                var b = Vector512.LoadUnsafe(ref y, (nuint)k);
                var high = MultiplyHigh(a, b, Avx512F.ShiftRightLogical(b, 32));
                var low = Avx512DQ.MultiplyLow(a, b);
                var m = Avx512DQ.MultiplyLow(low, qInverse);
                var mq = MultiplyHigh(m, q, qHigh);
                var carry = ~Vector512.Equals(low, Vector512<ulong>.Zero) & Vector512<ulong>.One;   // low + lo(m·q) ≡ 0: carries unless low = 0
                var u = high + mq + carry;
                Avx512F.Min(u, u - q).StoreUnsafe(ref d, (nuint)k);
            }
    }

    /// <summary>For q &lt; 2^50: h = fl(x·y), l = fma(x, y, −h) (so x·y = h + l exactly), c = ⌊h·(1/q)⌋, r = fma(−c, q, h) + l
    /// (exact: every value is an integer below 2^52), then r ∈ [−q, 2q) is corrected once each way.</summary>
    public void Double()
    {
        ref ulong x = ref MemoryMarshal.GetReference(_x.Limb(0));
        ref ulong y = ref MemoryMarshal.GetReference(_y.Limb(0));
        ref ulong d = ref MemoryMarshal.GetArrayDataReference(_out);
        var q = Vector512.Create((double)_q);
        var qInverse = Vector512.Create(1.0 / _q);
        for (int p = 0; p < Passes; p++)
            for (int k = 0; k < _out.Length; k += 8)
            {
                var a = Avx512DQ.ConvertToVector512Double(Vector512.LoadUnsafe(ref x, (nuint)k));
                var b = Avx512DQ.ConvertToVector512Double(Vector512.LoadUnsafe(ref y, (nuint)k));
                var h = a * b;
                var l = Avx512F.FusedMultiplyAdd(a, b, -h);
                var c = Avx512F.RoundScale(h * qInverse, 0x09);                         // floor
                var r = Avx512F.FusedMultiplyAddNegated(c, q, h) + l;
                r += Vector512.ConditionalSelect(Vector512.LessThan(r, Vector512<double>.Zero), q, Vector512<double>.Zero);
                r -= Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(r, q), q, Vector512<double>.Zero);
                Avx512DQ.ConvertToVector512UInt64WithTruncation(r).StoreUnsafe(ref d, (nuint)k);
            }
    }

    /// <summary>Throws unless every strategy gives Vault's residues (Montgomery's up to the factor 2^-64 it carries).</summary>
    public void Verify(bool includeDouble)
    {
        Vault();
        ulong[] expected = _d.Limb(0).ToArray();
        Scalar();
        if (!expected.AsSpan().SequenceEqual(_out)) throw new InvalidOperationException("scalar mulx differs from Vault's kernel");
        if (includeDouble)
        {
            Double();
            if (!expected.AsSpan().SequenceEqual(_out)) throw new InvalidOperationException("double FMA differs from Vault's kernel");
        }
        Montgomery();
        var m = _basis.Moduli[0];
        ulong rInverse = m.Inverse((ulong)(((UInt128)1 << 64) % _q));
        for (int k = 0; k < _out.Length; k++)
            if (m.Mul(expected[k], rInverse) != _out[k]) throw new InvalidOperationException("Montgomery differs from x·y·2^-64");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> MultiplyHigh(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> bHigh)
    {
        var aHigh = Avx512F.ShiftRightLogical(a, 32);
        var lowLow = Avx512F.Multiply(a.AsUInt32(), b.AsUInt32());
        var t = Avx512F.Multiply(aHigh.AsUInt32(), b.AsUInt32()) + Avx512F.ShiftRightLogical(lowLow, 32);
        var u = Avx512F.Multiply(a.AsUInt32(), bHigh.AsUInt32()) + (t & Vector512.Create(0xFFFF_FFFFUL));
        return Avx512F.Multiply(aHigh.AsUInt32(), bHigh.AsUInt32()) + Avx512F.ShiftRightLogical(t, 32) + Avx512F.ShiftRightLogical(u, 32);
    }
}
