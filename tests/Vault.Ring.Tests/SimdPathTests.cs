using System.Numerics;
using Vault.Testing;

namespace Vault.Ring.Tests;

/// <summary>Every vector path (AVX-512, AVX2) of every non-NTT kernel against the scalar reference, bit for bit, for
/// every length around the vector widths and every prime size the presets and SEAL's chains use (plus the ends of the
/// allowed range, 20 and 62 bits); and the scalar results against exact integer arithmetic.</summary>
[Collection(nameof(ScalarSwitchTests))]
public class SimdPathTests
{
    /// <summary>Presets: 40, 46, 55, 56, 60; SEAL's default chains: 43, 44, 48, 49, 55, 56; test presets: 45; range: 20..61
    /// (CKKS) and 62 (<see cref="Modulus.MaxBits"/>).</summary>
    public static readonly int[] PrimeBits = [20, 30, 40, 43, 44, 45, 46, 48, 49, 50, 55, 56, 60, 61, 62];

    public static readonly int[] Lengths = [0, 1, 2, 3, 4, 5, 7, 8, 9, 11, 15, 16, 17, 23, 31, 32, 33, 64, 100, 1024];

    public static TheoryData<int> Bits => [.. PrimeBits];

    /// <summary>The paths this machine can run, scalar first.</summary>
    internal static IEnumerable<SimdPath> Paths => Enum.GetValues<SimdPath>().Where(p => p <= Simd.Supported);

    [Theory]
    [MemberData(nameof(Bits))]
    public void ElementWiseKernels_EveryPathAndLength_EqualScalarAndExactArithmetic(int bits)
    {
        var m = new Modulus(Primes.NttPrimes(4, [bits])[0]);
        ulong q = m.Value;
        foreach (int n in Lengths)
        {
            var random = TestSeed.Random(bits * 4096 + n);
            ulong[] x = Residues(random, n, q), y = Residues(random, n, q), z = Residues(random, n, q), w = Residues(random, n, q);
            ulong[] any = Words(random, n);
            ulong[] lazy2 = [.. x.Select((v, i) => i % 2 == 0 ? v + q : v)], lazy4 = [.. x.Select((v, i) => v + (ulong)(i % 4) * q)];
            ulong c = q > 3 ? q - 2 : 1, cShoup = m.ShoupPrecompute(c);
            ulong[] index = [.. Enumerable.Range(0, n).Select(i => (ulong)((i * 7 + 3) % Math.Max(n, 1)))];

            var results = ForEachPath(() =>
            {
                ulong[] add = new ulong[n], sub = new ulong[n], negate = new ulong[n], addScalar = new ulong[n], mulShoup = new ulong[n];
                ulong[] subMulShoup = new ulong[n], reduceSub = new ulong[n], product = new ulong[n], gather = new ulong[n];
                ulong[] productAdd = (ulong[])z.Clone(), reduced2 = (ulong[])lazy2.Clone(), reduced4 = (ulong[])lazy4.Clone();
                ulong[] d0 = (ulong[])x.Clone(), d1 = new ulong[n], d2 = new ulong[n];
                ModularKernels.Add(x, y, add, q);
                ModularKernels.Sub(x, y, sub, q);
                ModularKernels.Negate(x, negate, q);
                ModularKernels.AddScalar(x, c, addScalar, q);
                ModularKernels.MulShoup(any, c, cShoup, mulShoup, q);
                ModularKernels.SubMulShoup(x, y, c, cShoup, subMulShoup, q);
                ModularKernels.ReduceSubScalar(any, c, reduceSub, m);
                ModularKernels.Multiply(x, y, product, m);
                ModularKernels.MultiplyAdd(x, y, productAdd, m);
                ModularKernels.ReduceFrom2Q(reduced2, q);
                ModularKernels.ReduceFrom4Q(reduced4, q);
                ModularKernels.Tensor(d0, y, z, w, d0, d1, d2, m);          // d0 aliases a0
                ModularKernels.Gather(x, [.. index.Select(i => (int)i)], gather);
                return new[] { add, sub, negate, addScalar, mulShoup, subMulShoup, reduceSub, product, productAdd, reduced2, reduced4, d0, d1, d2, gather };
            });

            var r = results[SimdPath.Scalar];
            for (int i = 0; i < n; i++)
            {
                UInt128 xi = x[i], yi = y[i], zi = z[i], wi = w[i];
                Assert.Equal((x[i] + y[i]) % q, r[0][i]);
                Assert.Equal((x[i] + q - y[i]) % q, r[1][i]);
                Assert.Equal((q - x[i]) % q, r[2][i]);
                Assert.Equal((x[i] + c) % q, r[3][i]);
                Assert.Equal((ulong)(any[i] * (UInt128)c % q), r[4][i]);
                Assert.Equal((ulong)((x[i] + q - y[i]) % q * (UInt128)c % q), r[5][i]);
                Assert.Equal((any[i] % q + q - c) % q, r[6][i]);
                Assert.Equal((ulong)(xi * yi % q), r[7][i]);
                Assert.Equal((ulong)((xi * yi + zi) % q), r[8][i]);
                Assert.Equal(x[i], r[9][i]);
                Assert.Equal(x[i], r[10][i]);
                Assert.Equal((ulong)(xi * zi % q), r[11][i]);
                Assert.Equal((ulong)((xi * wi + yi * zi) % q), r[12][i]);
                Assert.Equal((ulong)(yi * wi % q), r[13][i]);
                Assert.Equal(x[(int)index[i]], r[14][i]);
            }
            AssertSameOnEveryPath(results, $"{bits}-bit prime, length {n}");
        }
    }

    public static TheoryData<int[], int[]> ConverterShapes() => new()
    {
        { [55], [55, 55, 55, 56] },      // SEAL's 2^15 chain: one prime per digit, a ≤ 2b (the single-source shortcut)
        { [61], [20, 40, 61] },          // one source prime far above some targets (no shortcut)
        { [40, 40, 40], [46, 46, 46, 60] },
        { [60, 40], [55, 55, 55, 55] },
        { [62, 62, 62, 62], [30, 62] },
        { [44, 43, 48, 49, 55], [56] },
    };

    [Theory]
    [MemberData(nameof(ConverterShapes))]
    public void BasisConverterSteps_EveryPathAndDegree_EqualScalar(int[] fromBits, int[] toBits)
    {
        foreach (int logN in new[] { 1, 2, 3, 4, 5, 6 })
        {
            int n = 1 << logN;
            var all = Primes.NttPrimes(logN, [.. fromBits, .. toBits]);
            var from = Basis(logN, all.AsSpan(0, fromBits.Length));
            var to = Basis(logN, all.AsSpan(fromBits.Length));
            var converter = new BasisConverter(from, to);
            var random = TestSeed.Random(fromBits.Sum() * 97 + toBits.Sum() + logN);
            var values = new ulong[from.Count * n];
            for (int c = 0; c < n; c++)
            {
                // Half the coefficients near A/2, where the overflow count is decided by the last bits of the double sum.
                BigInteger x = c % 2 == 0 ? RnsBasisTests.RandomValues(random, from.Product)[0] : from.Product / 2 + (c % 8) - 4;
                for (int i = 0; i < from.Count; i++) values[i * n + c] = from.Moduli[i].Reduce(x);
            }
            ulong[] negate = [.. Enumerable.Range(0, n).Select(c => c % 3 == 0 ? ulong.MaxValue : 0UL)];

            var results = ForEachPath(() =>
            {
                var prepared = (ulong[])values.Clone();
                var overflow = new byte[n];
                converter.Prepare(prepared, overflow);
                var outputs = new List<ulong[]> { prepared, overflow.Select(v => (ulong)v).ToArray() };
                for (int j = 0; j < to.Count; j++)
                {
                    foreach (bool centered in new[] { false, true })
                    {
                        foreach (bool negated in new[] { false, true })
                        {
                            var y = new ulong[n];
                            converter.Emit(prepared, centered ? overflow : default, negated ? negate : default, j, y);
                            outputs.Add(y);
                        }
                    }
                }
                return outputs.ToArray();
            });
            AssertSameOnEveryPath(results, $"{string.Join(',', fromBits)} → {string.Join(',', toBits)}, N = {n}");

            // The scalar path against exact arithmetic: (Σ_i t_i · A/a_i − v·A) mod b_j (the centred value when v is the
            // rounded overflow), negated where asked; without v, the plain sum.
            var r = results[SimdPath.Scalar];
            for (int c = 0; c < n; c++)
            {
                BigInteger sum = 0;
                for (int i = 0; i < from.Count; i++) sum += (BigInteger)r[0][i * n + c] * (from.Product / from.Moduli[i].Value);
                for (int j = 0; j < to.Count; j++)
                {
                    ulong b = to.Moduli[j].Value;
                    ulong plain = (ulong)(sum % b), centred = (ulong)(((sum - r[1][c] * from.Product) % b + b) % b);
                    Assert.Equal(plain, r[2 + 4 * j][c]);
                    Assert.Equal(negate[c] != 0 ? (b - plain) % b : plain, r[2 + 4 * j + 1][c]);
                    Assert.Equal(centred, r[2 + 4 * j + 2][c]);
                    Assert.Equal(negate[c] != 0 ? (b - centred) % b : centred, r[2 + 4 * j + 3][c]);
                }
            }
        }
    }

    public static TheoryData<int, int> InnerProductCases()
    {
        var data = new TheoryData<int, int>();
        foreach (int bits in new[] { 20, 44, 55, 56, 60, 61, 62 })
            foreach (int terms in new[] { 1, 2, 3, 4, 5, 15, 16 })
                data.Add(bits, terms);
        return data;
    }

    [Theory]
    [MemberData(nameof(InnerProductCases))]
    public void InnerProduct_EveryPathLengthAndPermutation_EqualsExactSum(int bits, int terms)
    {
        var m = new Modulus(Primes.NttPrimes(4, [bits])[0]);
        ulong q = m.Value, w = q / 3, wShoup = m.ShoupPrecompute(q / 3);
        foreach (int n in new[] { 1, 4, 7, 8, 9, 16, 33, 64 })
        {
            var random = TestSeed.Random(bits * 1000 + terms * 10 + n);
            var x = new RnsPoly[terms];
            var b = new RnsPoly[terms];
            var a = new RnsPoly[terms];
            for (int j = 0; j < terms; j++)
            {
                x[j] = Poly(random, n, q, edge: j % 2 == 0);
                b[j] = Poly(random, n, q, edge: j % 3 == 0);
                a[j] = Poly(random, n, q, edge: false);
            }
            var correction = Poly(random, n, q, edge: false);
            int[] permutation = [.. Enumerable.Range(0, n).Select(k => (k * 5 + 1) % n)];
            foreach (bool permuted in new[] { false, true })
            {
                foreach (bool combined in new[] { false, true })
                {
                    var results = ForEachPath(() =>
                    {
                        var out0 = new RnsPoly(n, 1);
                        var out1 = new RnsPoly(n, 1);
                        Run(x, b, a, permuted ? permutation : null, n, m, out0, out1, combined ? correction : null, w, wShoup);
                        return new[] { out0.Limb(0).ToArray(), out1.Limb(0).ToArray() };
                    });
                    var r = results[SimdPath.Scalar];
                    for (int k = 0; k < n; k++)
                    {
                        BigInteger s0 = 0, s1 = 0;
                        int source = permuted ? permutation[k] : k;
                        for (int j = 0; j < terms; j++)
                        {
                            s0 += (BigInteger)x[j].Limb(0)[source] * b[j].Limb(0)[k];
                            s1 += (BigInteger)x[j].Limb(0)[source] * a[j].Limb(0)[k];
                        }
                        if (combined)
                        {
                            s0 = (s0 - correction.Limb(0)[k]) * w;
                            s1 = (s1 - correction.Limb(0)[k]) * w;
                        }
                        Assert.Equal((ulong)(((s0 % q) + q) % q), r[0][k]);
                        Assert.Equal((ulong)(((s1 % q) + q) % q), r[1][k]);
                    }
                    AssertSameOnEveryPath(results, $"{bits} bits, {terms} terms, n = {n}, permuted {permuted}, combined {combined}");
                }
            }
        }
    }

    [Fact]
    public void MaxTerms_GrowsAsPrimesShrink_AndLeavesRoomForTheCarry()
    {
        Assert.Equal(1, InnerProductKernels.MaxTerms(new Modulus(Primes.NttPrimes(4, [62])[0])));
        Assert.Equal(3, InnerProductKernels.MaxTerms(new Modulus(Primes.NttPrimes(4, [61])[0])));
        Assert.Equal(255, InnerProductKernels.MaxTerms(new Modulus(Primes.NttPrimes(4, [55])[0])));
        foreach (int bits in PrimeBits)
        {
            var m = new Modulus(Primes.NttPrimes(4, [bits])[0]);
            int terms = InnerProductKernels.MaxTerms(m);
            BigInteger perTerm = ((BigInteger.One << 32) - 1) * (1 + 2 * ((m.Value - 1) >> 32));   // high32(x_l·k_l) + x_l·k_h + x_h·k_l
            BigInteger worstMiddle = terms * perTerm + terms;                                         // + the carry of L
            Assert.True(worstMiddle < BigInteger.One << 64, $"{bits} bits: {terms} terms overflow the middle accumulator");
        }
    }

    [Fact]
    public void Path_WiderThanSupported_IsRefused()
    {
        if (Simd.Supported == SimdPath.Vector512) return;
        Assert.Throws<ArgumentOutOfRangeException>(() => Simd.Path = SimdPath.Vector512);
    }

    /// <summary>Runs <paramref name="compute"/> on every supported path, restoring the path afterwards.</summary>
    internal static Dictionary<SimdPath, T> ForEachPath<T>(Func<T> compute)
    {
        var results = new Dictionary<SimdPath, T>();
        var saved = Simd.Path;
        try
        {
            foreach (var path in Paths)
            {
                Simd.Path = path;
                results[path] = compute();
            }
        }
        finally
        {
            Simd.Path = saved;
        }
        return results;
    }

    private static void AssertSameOnEveryPath(Dictionary<SimdPath, ulong[][]> results, string what)
    {
        var reference = results[SimdPath.Scalar];
        foreach (var (path, outputs) in results)
        {
            Assert.Equal(reference.Length, outputs.Length);
            for (int o = 0; o < outputs.Length; o++)
                Assert.True(reference[o].AsSpan().SequenceEqual(outputs[o]), $"{path} differs from scalar in output {o} ({what})");
        }
    }

    private static unsafe void Run(RnsPoly[] x, RnsPoly[] b, RnsPoly[] a, int[]? permutation, int n, Modulus m, RnsPoly out0, RnsPoly out1,
        RnsPoly? correction, ulong w, ulong wShoup)
    {
        Span<nint> px = stackalloc nint[x.Length], pb = stackalloc nint[x.Length], pa = stackalloc nint[x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            px[j] = (nint)x[j].Pointer(0);
            pb[j] = (nint)b[j].Pointer(0);
            pa[j] = (nint)a[j].Pointer(0);
        }
        ulong* c = correction is null ? null : correction.Pointer(0);
        InnerProductKernels.MultiplyAccumulate(px, pb, pa, permutation, n, m, out0.Pointer(0), out1.Pointer(0), c, c, w, wShoup);
    }

    private static RnsPoly Poly(Random random, int n, ulong q, bool edge)
    {
        var p = new RnsPoly(n, 1);
        var limb = p.Limb(0);
        for (int k = 0; k < n; k++) limb[k] = edge && k % 2 == 0 ? q - 1 : (ulong)random.NextInt64(0, (long)Math.Min(q, long.MaxValue));
        return p;
    }

    private static RnsBasis Basis(int logN, ReadOnlySpan<ulong> primes)
    {
        var tables = new NttTable[primes.Length];
        for (int i = 0; i < primes.Length; i++) tables[i] = new NttTable(logN, new Modulus(primes[i]));
        return new RnsBasis(tables);
    }

    /// <summary>Residues in [0, q) with the edges 0, 1, q − 1 at the front.</summary>
    private static ulong[] Residues(Random random, int n, ulong q)
    {
        var v = new ulong[n];
        for (int i = 0; i < n; i++) v[i] = (ulong)random.NextInt64(0, (long)Math.Min(q, long.MaxValue));
        ulong[] edges = [0, 1, q - 1, q / 2];
        for (int i = 0; i < Math.Min(n, edges.Length); i++) v[i] = edges[i];
        return v;
    }

    /// <summary>Any 64-bit words, with 0 and 2^64 − 1 at the front.</summary>
    private static ulong[] Words(Random random, int n)
    {
        var v = new ulong[n];
        for (int i = 0; i < n; i++) v[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
        if (n > 0) v[0] = ulong.MaxValue;
        if (n > 1) v[1] = 0;
        return v;
    }
}
