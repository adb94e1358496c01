using System.Collections.Concurrent;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Vault.Testing;

namespace Vault.Ring.Tests;

public class NttTableTests
{
    private static readonly ConcurrentDictionary<(int LogN, int Bits), NttTable> Tables = new();

    public static TheoryData<int> PrimeBitSizes() => [.. Enumerable.Range(30, 33)];

    /// <summary>(logN, bits, seed) with logN ∈ [4, 8] and every preset-like prime size 30..62.</summary>
    private static Gen<(int LogN, int Bits, int Seed)> SmallRings =>
        from logN in Gen.Choose(4, 8)
        from bits in Gen.Choose(30, 62)
        from seed in Gen.Choose(0, int.MaxValue)
        select (logN, bits, seed);

    [Theory]
    [InlineData(4, 30)]
    [InlineData(10, 50)]
    [InlineData(12, 61)]
    public void Forward_TimesPointwise_ThenInverse_EqualsSchoolbookNegacyclic(int logN, int bits)
    {
        var table = Table(logN, bits);
        ulong q = table.Modulus.Value;
        var rng = TestSeed.Random(logN);
        ulong[] a = RandomPoly(rng, table.N, q), b = RandomPoly(rng, table.N, q);
        Assert.Equal(ReferenceMath.NegacyclicProduct(a, b, q), MultiplyViaNtt(table, a, b));
    }

    [Fact]
    public void Forward_TimesPointwise_ThenInverse_EqualsSchoolbookNegacyclic_Property() =>
        SeededProperty.Check(SmallRings, t =>
        {
            var table = Table(t.LogN, t.Bits);
            ulong q = table.Modulus.Value;
            var rng = new Random(t.Seed);
            ulong[] a = RandomPoly(rng, table.N, q), b = RandomPoly(rng, table.N, q);
            Assert.Equal(ReferenceMath.NegacyclicProduct(a, b, q), MultiplyViaNtt(table, a, b));
        }, maxTest: 100);

    [Theory]
    [MemberData(nameof(PrimeBitSizes))]
    public void Forward_TimesPointwise_ThenInverse_EqualsSchoolbookNegacyclic_EveryPrimeSize(int bits)
    {
        foreach (int logN in new[] { 4, 6 })
        {
            var table = Table(logN, bits);
            ulong q = table.Modulus.Value;
            var rng = TestSeed.Random(bits * 100 + logN);
            ulong[] a = RandomPoly(rng, table.N, q), b = RandomPoly(rng, table.N, q);
            // Extreme operands too: all q − 1 times X^(N−1).
            ulong[] top = Enumerable.Repeat(q - 1, table.N).ToArray();
            ulong[] monomial = new ulong[table.N];
            monomial[^1] = 1;
            Assert.Equal(ReferenceMath.NegacyclicProduct(a, b, q), MultiplyViaNtt(table, a, b));
            Assert.Equal(ReferenceMath.NegacyclicProduct(top, monomial, q), MultiplyViaNtt(table, top, monomial));
            Assert.Equal(ReferenceMath.NegacyclicProduct(top, top, q), MultiplyViaNtt(table, top, top));
        }
    }

    [Fact]
    public void Forward_ThenInverse_ReturnsInput() =>
        SeededProperty.Check(SmallRings, t =>
        {
            var table = Table(t.LogN, t.Bits);
            ulong[] a = RandomPoly(new Random(t.Seed), table.N, table.Modulus.Value);
            ulong[] x = (ulong[])a.Clone();
            table.Forward(x);
            table.Inverse(x);
            Assert.Equal(a, x);
        }, maxTest: 200);

    [Fact]
    public void Inverse_ThenForward_ReturnsInput() =>
        SeededProperty.Check(SmallRings, t =>
        {
            var table = Table(t.LogN, t.Bits);
            ulong[] a = RandomPoly(new Random(t.Seed), table.N, table.Modulus.Value);
            ulong[] x = (ulong[])a.Clone();
            table.Inverse(x);
            table.Forward(x);
            Assert.Equal(a, x);
        }, maxTest: 200);

    [Fact]
    public void Forward_EqualsNaiveEvaluationAtOddPowersOfPsi() =>
        SeededProperty.Check(SmallRings, t =>
        {
            var table = Table(Math.Min(t.LogN, 6), t.Bits);
            ulong q = table.Modulus.Value;
            ulong[] a = RandomPoly(new Random(t.Seed), table.N, q);
            ulong[] x = (ulong[])a.Clone();
            table.Forward(x);
            Assert.Equal(ReferenceMath.NaiveNtt(a, table.Psi, q), x);
        }, maxTest: 60);

    [Theory]
    [InlineData(1, 17UL)]
    [InlineData(2, 17UL)]
    [InlineData(3, 17UL)]
    [InlineData(4, 97UL)]
    [InlineData(8, 7681UL)]
    public void Forward_SmallPrime_SlotKIsEvaluationAtPsiPower2BitrevKPlus1(int logN, ulong q)
    {
        var table = new NttTable(logN, new Modulus(q));
        int n = 1 << logN;
        var rng = TestSeed.Random(logN);
        ulong[] a = RandomPoly(rng, n, q);
        ulong[] x = (ulong[])a.Clone();
        table.Forward(x);
        for (int k = 0; k < n; k++)
        {
            ulong point = (ulong)BigInteger.ModPow(table.Psi, 2 * ReferenceMath.BitReverse(k, logN) + 1, q);
            Assert.Equal(ReferenceMath.Evaluate(a, point, q), x[k]);
        }
    }

    [Fact]
    public void ForwardLazy_InputBelowFourQ_OutputBelowFourQAndCongruentToForward() =>
        SeededProperty.Check(SmallRings, t =>
        {
            var table = Table(t.LogN, t.Bits);
            ulong q = table.Modulus.Value;
            var rng = new Random(t.Seed);
            ulong[] a = RandomLazy(rng, table.N, 4 * q);
            ulong[] reduced = [.. a.Select(v => v % q)];
            ulong[] lazy = (ulong[])a.Clone();
            table.ForwardLazy(lazy);
            table.Forward(reduced);
            for (int i = 0; i < lazy.Length; i++)
            {
                Assert.True(lazy[i] < 4 * q, $"ForwardLazy slot {i} = {lazy[i]} ≥ 4q (q = {q})");
                Assert.Equal(reduced[i], lazy[i] % q);
            }
        }, maxTest: 200);

    [Fact]
    public void Forward_InputBelowFourQ_EqualsForwardOfReducedInput() =>
        SeededProperty.Check(SmallRings, t =>
        {
            var table = Table(t.LogN, t.Bits);
            ulong q = table.Modulus.Value;
            ulong[] a = RandomLazy(new Random(t.Seed), table.N, 4 * q);
            ulong[] reduced = [.. a.Select(v => v % q)];
            table.Forward(a);
            table.Forward(reduced);
            Assert.Equal(reduced, a);
            Assert.All(a, v => Assert.True(v < q));
        }, maxTest: 100);

    [Fact]
    public void InverseLazy_InputBelowTwoQ_OutputBelowTwoQAndCongruentToInverse() =>
        SeededProperty.Check(SmallRings, t =>
        {
            var table = Table(t.LogN, t.Bits);
            ulong q = table.Modulus.Value;
            ulong[] a = RandomLazy(new Random(t.Seed), table.N, 2 * q);
            ulong[] reduced = [.. a.Select(v => v % q)];
            ulong[] lazy = (ulong[])a.Clone();
            ulong[] full = (ulong[])a.Clone();
            table.InverseLazy(lazy);
            table.Inverse(full);
            table.Inverse(reduced);
            for (int i = 0; i < lazy.Length; i++)
            {
                Assert.True(lazy[i] < 2 * q, $"InverseLazy slot {i} = {lazy[i]} ≥ 2q (q = {q})");
                Assert.Equal(reduced[i], lazy[i] % q);
                Assert.Equal(reduced[i], full[i]);
            }
        }, maxTest: 200);

    [Theory]
    [MemberData(nameof(PrimeBitSizes))]
    public void LazyTransforms_AllInputsAtUpperBound_StayInRange(int bits)
    {
        var table = Table(5, bits);
        ulong q = table.Modulus.Value;
        ulong[] a = Enumerable.Repeat(4 * q - 1, table.N).ToArray();
        ulong[] forward = Enumerable.Repeat(q - 1, table.N).ToArray();
        table.Forward(forward);
        table.ForwardLazy(a);
        Assert.All(a, v => Assert.True(v < 4 * q));
        Assert.Equal(forward, a.Select(v => v % q).ToArray());
        ulong[] b = Enumerable.Repeat(2 * q - 1, table.N).ToArray();
        ulong[] expected = Enumerable.Repeat(q - 1, table.N).ToArray();
        table.Inverse(expected);
        table.InverseLazy(b);
        Assert.All(b, v => Assert.True(v < 2 * q));
        Assert.Equal(expected, b.Select(v => v % q).ToArray());
    }

    [Fact]
    public void LazyTransforms_InputsFromBoundarySet_StayInRangeAndCongruent() =>
        SeededProperty.Check(SmallRings, t =>
        {
            // Sums that land exactly on 2q or 4q are where an off-by-one in a lazy comparison shows.
            var table = Table(t.LogN, t.Bits);
            ulong q = table.Modulus.Value;
            var rng = new Random(t.Seed);
            ulong[] forwardSet = [0, 1, q - 1, q, q + 1, 2 * q - 1, 2 * q, 2 * q + 1, 3 * q, 4 * q - 1];
            ulong[] inverseSet = [0, 1, q - 1, q, q + 1, 2 * q - 1];
            ulong[] a = [.. Enumerable.Range(0, table.N).Select(_ => forwardSet[rng.Next(forwardSet.Length)])];
            ulong[] b = [.. Enumerable.Range(0, table.N).Select(_ => inverseSet[rng.Next(inverseSet.Length)])];
            CheckLazyRanges(table, a, b);
        }, maxTest: 300);

    [Theory]
    [InlineData(4, 30)]
    [InlineData(6, 62)]
    [InlineData(8, 45)]
    public void LazyTransforms_HalvesAtTwoQAndZero_StayInRangeAndCongruent(int logN, int bits)
    {
        var table = Table(logN, bits);
        ulong q = table.Modulus.Value;
        int n = table.N;
        foreach (var (lo, hi) in new[] { (2 * q, 0UL), (2 * q, q), (2 * q, 2 * q), (2 * q, 3 * q), (0UL, 2 * q), (q, q) })
        {
            ulong[] a = [.. Enumerable.Range(0, n).Select(i => i < n / 2 ? lo : hi)];
            ulong[] b = [.. Enumerable.Range(0, n).Select(i => Math.Min(i < n / 2 ? lo : hi, 2 * q - 1))];
            CheckLazyRanges(table, a, b);
        }
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 62)]
    [InlineData(3, 40)]
    [InlineData(4, 62)]
    [InlineData(8, 30)]
    public void LazyTransforms_MonomialWithBoundaryCoefficient_StayInRangeAndCongruent(int logN, int bits)
    {
        // c·X^i with c ≡ 0 or ≡ −1 at the top of the input range: a butterfly whose x is exactly 2q and whose t is
        // exactly 0 produces 4q unless x is reduced first.
        var table = Table(logN, bits);
        ulong q = table.Modulus.Value;
        int n = table.N;
        foreach (int position in new[] { 0, 1, n / 2, n - 1 }.Distinct())
        {
            foreach (ulong c in new[] { q, 2 * q, 3 * q, 2 * q - 1, 4 * q - 1 })
            {
                var a = new ulong[n];
                var b = new ulong[n];
                a[position] = c;
                b[position] = Math.Min(c, 2 * q - 1);
                CheckLazyRanges(table, a, b);
            }
        }
    }

    [Fact]
    public void Forward_SharedTableAcrossThreads_GivesSameResults()
    {
        var table = Table(8, 50);
        ulong q = table.Modulus.Value;
        var inputs = Enumerable.Range(0, 32).Select(i => RandomPoly(TestSeed.Random(1000 + i), table.N, q)).ToArray();
        var sequential = inputs.Select(a => { var x = (ulong[])a.Clone(); table.Forward(x); return x; }).ToArray();
        var parallel = inputs.Select(a => (ulong[])a.Clone()).ToArray();
        Parallel.For(0, parallel.Length, i => { table.Forward(parallel[i]); table.Inverse(parallel[i]); table.Forward(parallel[i]); });
        for (int i = 0; i < inputs.Length; i++) Assert.Equal(sequential[i], parallel[i]);
    }

    [Theory]
    [MemberData(nameof(PrimeBitSizes))]
    public void Psi_EveryPrimeSize_IsPrimitive2NthRoot(int bits)
    {
        foreach (int logN in new[] { 1, 4, 8, 12 })
        {
            var table = Table(logN, bits);
            ulong q = table.Modulus.Value;
            ulong n = (ulong)table.N;
            Assert.Equal(q - 1, (ulong)BigInteger.ModPow(table.Psi, n, q));              // ψ^N = −1
            Assert.Equal(1UL, (ulong)BigInteger.ModPow(table.Psi, 2 * n, q));
        }
    }

    [Theory]
    [MemberData(nameof(PrimeBitSizes))]
    public void Psi_EveryPrimeSize_IsSmallestOddPowerOfItself(int bits)
    {
        // The primitive 2N-th roots are exactly the odd powers of any one of them.
        foreach (int logN in new[] { 2, 5, 8 })
        {
            var table = Table(logN, bits);
            ulong q = table.Modulus.Value;
            BigInteger square = (BigInteger)table.Psi * table.Psi % q, current = table.Psi;
            for (int i = 0; i < table.N; i++)
            {
                Assert.True(current >= table.Psi, $"ψ^{2 * i + 1} = {current} < ψ = {table.Psi} mod {q}");
                current = current * square % q;
            }
        }
    }

    [Theory]
    [InlineData(1, 5UL)]
    [InlineData(1, 13UL)]
    [InlineData(1, 17UL)]
    [InlineData(2, 17UL)]
    [InlineData(3, 17UL)]
    [InlineData(4, 97UL)]
    [InlineData(5, 193UL)]
    [InlineData(8, 7681UL)]
    [InlineData(11, 12289UL)]
    [InlineData(12, 40961UL)]
    [InlineData(15, 65537UL)]
    [InlineData(16, 786433UL)]
    public void Psi_SmallPrime_IsSmallestPrimitive2NthRootByBruteForce(int logN, ulong q)
    {
        var table = new NttTable(logN, new Modulus(q));
        BigInteger n = BigInteger.One << logN;
        ulong smallest = 0;
        for (ulong x = 2; x < q && smallest == 0; x++)
            if (BigInteger.ModPow(x, n, q) == q - 1) smallest = x;   // order divides 2N but not N: exactly 2N
        Assert.Equal(smallest, table.Psi);
    }

    [Fact]
    public void Psi_KnownAnswers_MatchPsiFile()
    {
        using var doc = TestVectors.Load("ntt", "psi.json");
        int count = 0;
        foreach (var e in doc.RootElement.GetProperty("entries").EnumerateArray())
        {
            int logN = e.GetProperty("logN").GetInt32();
            ulong q = TestVectors.UInt64(e.GetProperty("q"));
            Assert.Equal(TestVectors.UInt64(e.GetProperty("psi")), new NttTable(logN, new Modulus(q)).Psi);
            count++;
        }
        Assert.True(count >= 10);
    }

    [Theory]
    [InlineData(1, 29UL, 12UL)]                          // SEAL UIntArithSmallMod.TryMinimalPrimitiveRootMod
    [InlineData(2, 1234565441UL, 249725733UL)]
    [InlineData(1, 0xffffffffffc0001UL, 288794978602139552UL)]   // SEAL NTTTablesTest.NTTPrimitiveRootsTest
    [InlineData(2, 0xffffffffffc0001UL, 178930308976060547UL)]
    public void Psi_SealKnownAnswers_Match(int logN, ulong q, ulong psi) =>
        Assert.Equal(psi, new NttTable(logN, new Modulus(q)).Psi);

    [Fact]
    public void Roots_SealKnownAnswer_AreBitReversedPowersOfPsi()
    {
        // SEAL NTTTablesTest.NTTPrimitiveRootsTest, coeff_count_power = 2: root_powers = {1, ψ^2, ψ, ψ^3}.
        var table = new NttTable(2, new Modulus(0xffffffffffc0001UL));
        Assert.Equal([1UL, 288794978602139552UL, 178930308976060547UL, 748001537669050592UL], table.Roots.ToArray());
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(4, 40)]
    [InlineData(9, 62)]
    public void Roots_AnyTable_AreBitReversedPowersOfPsi(int logN, int bits)
    {
        var table = Table(logN, bits);
        ulong q = table.Modulus.Value;
        Assert.Equal(table.N, table.Roots.Length);
        for (int k = 0; k < table.N; k++)
            Assert.Equal((ulong)BigInteger.ModPow(table.Psi, ReferenceMath.BitReverse(k, logN), q), table.Roots[k]);
    }

    [Theory]
    [InlineData(0UL, 0UL, 0UL, 0UL)]                                    // SEAL NTTTablesTest.NegacyclicNTTTest (N = 2)
    [InlineData(1UL, 0UL, 1UL, 1UL)]
    [InlineData(1UL, 1UL, 288794978602139553UL, 864126526004445282UL)]
    public void Forward_SealKnownAnswers_Match(ulong a0, ulong a1, ulong e0, ulong e1)
    {
        var table = new NttTable(1, new Modulus(0xffffffffffc0001UL));
        ulong[] a = [a0, a1];
        table.Forward(a);
        Assert.Equal([e0, e1], a);
        table.Inverse(a);
        Assert.Equal([a0, a1], a);
    }

    [Theory]
    [InlineData("logn4-q1073741441.json")]
    [InlineData("logn10-q1152921504606830593.json")]
    public void Forward_KnownAnswerFile_MatchesNaiveNtt(string file)
    {
        using var doc = TestVectors.Load("ntt", file);
        var root = doc.RootElement;
        int logN = root.GetProperty("logN").GetInt32();
        ulong q = TestVectors.UInt64(root.GetProperty("q"));
        ulong[] input = TestVectors.UInt64Array(root.GetProperty("input"));
        ulong[] expected = TestVectors.UInt64Array(root.GetProperty("output"));
        var table = new NttTable(logN, new Modulus(q));
        Assert.Equal(1 << logN, input.Length);
        Assert.Equal(TestVectors.UInt64(root.GetProperty("psi")), table.Psi);

        ulong[] x = (ulong[])input.Clone();
        table.Forward(x);
        Assert.Equal(expected, x);
        table.Inverse(x);
        Assert.Equal(input, x);
        ulong[] lazy = (ulong[])input.Clone();
        table.ForwardLazy(lazy);
        Assert.Equal(expected, lazy.Select(v => v % q).ToArray());
    }

    [Fact]
    public void Forward_KnownAnswerFileInput_IsSplitMix64OfTheStatedSeed()
    {
        // Guards the README's description of how the input was derived.
        using var doc = TestVectors.Load("ntt", "logn4-q1073741441.json");
        var root = doc.RootElement;
        ulong q = TestVectors.UInt64(root.GetProperty("q"));
        ulong state = root.GetProperty("seed").GetUInt64();
        ulong[] input = TestVectors.UInt64Array(root.GetProperty("input"));
        foreach (ulong x in input)
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            Assert.Equal((z ^ (z >> 31)) % q, x);
        }
    }

    [Theory]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(0)]
    [InlineData(32)]
    public void Transforms_LengthMismatch_Throw(int length)
    {
        var table = Table(4, 30);
        var a = new ulong[length];
        Assert.Throws<ArgumentException>(() => table.Forward(a));
        Assert.Throws<ArgumentException>(() => table.ForwardLazy(a));
        Assert.Throws<ArgumentException>(() => table.Inverse(a));
        Assert.Throws<ArgumentException>(() => table.InverseLazy(a));
    }

    [Theory]
    [InlineData(4, 97UL)]      // 96 = 2^5 · 3, so 97 ≡ 1 mod 32 and the table exists; 5 is too big
    public void Constructor_PrimeNotOneMod2N_Throws(int logN, ulong q)
    {
        _ = new NttTable(logN, new Modulus(q));
        Assert.Throws<ArgumentException>(() => new NttTable(logN + 1, new Modulus(q)));
        Assert.Throws<ArgumentException>(() => new NttTable(1, new Modulus(7)));
        Assert.Throws<ArgumentException>(() => new NttTable(10, new Modulus(1152921504606830593UL + 2)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(18)]
    public void Constructor_LogNOutOfRange_Throws(int logN) =>
        Assert.Throws<ArgumentException>(() => new NttTable(logN, new Modulus(786433)));

    [Fact]
    public void Constructor_NullModulus_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new NttTable(4, null!));

    [Fact]
    public void Constructor_ValidPrime_ExposesDegreeAndModulus()
    {
        var m = new Modulus(1073741441);
        var table = new NttTable(4, m);
        Assert.Equal(16, table.N);
        Assert.Equal(4, table.LogN);
        Assert.Same(m, table.Modulus);
    }

    [Fact]
    public void BitReverse_AllSmallInputs_MatchesBitByBitReversal()
    {
        for (int bits = 0; bits <= 12; bits++)
            for (int v = 0; v < 1 << bits; v++)
            {
                int r = NttTable.BitReverse(v, bits);
                Assert.Equal(ReferenceMath.BitReverse(v, bits), r);
                Assert.Equal(v, NttTable.BitReverse(r, bits));
            }
        Assert.Equal(ReferenceMath.BitReverse(123457, 17), NttTable.BitReverse(123457, 17));
    }

    /// <summary>ForwardLazy on <paramref name="forwardInput"/> (in [0, 4q)) and InverseLazy on
    /// <paramref name="inverseInput"/> (in [0, 2q)) stay in range and agree mod q with the reduced transforms.</summary>
    private static void CheckLazyRanges(NttTable table, ulong[] forwardInput, ulong[] inverseInput)
    {
        ulong q = table.Modulus.Value;
        ulong[] lazy = (ulong[])forwardInput.Clone(), full = (ulong[])forwardInput.Clone();
        ulong[] expected = [.. forwardInput.Select(v => v % q)];
        table.ForwardLazy(lazy);
        table.Forward(full);
        table.Forward(expected);
        for (int i = 0; i < lazy.Length; i++)
        {
            Assert.True(lazy[i] < 4 * q, $"ForwardLazy slot {i} = {lazy[i]} ≥ 4q (q = {q})");
            Assert.Equal(expected[i], lazy[i] % q);
            Assert.Equal(expected[i], full[i]);
        }
        lazy = (ulong[])inverseInput.Clone();
        full = (ulong[])inverseInput.Clone();
        expected = [.. inverseInput.Select(v => v % q)];
        table.InverseLazy(lazy);
        table.Inverse(full);
        table.Inverse(expected);
        for (int i = 0; i < lazy.Length; i++)
        {
            Assert.True(lazy[i] < 2 * q, $"InverseLazy slot {i} = {lazy[i]} ≥ 2q (q = {q})");
            Assert.Equal(expected[i], lazy[i] % q);
            Assert.Equal(expected[i], full[i]);
        }
    }

    private static NttTable Table(int logN, int bits) =>
        Tables.GetOrAdd((logN, bits), k => new NttTable(k.LogN, new Modulus(Primes.NttPrimes(k.LogN, [k.Bits])[0])));

    private static ulong[] MultiplyViaNtt(NttTable table, ulong[] a, ulong[] b)
    {
        ulong q = table.Modulus.Value;
        ulong[] fa = (ulong[])a.Clone(), fb = (ulong[])b.Clone();
        table.Forward(fa);
        table.Forward(fb);
        var c = new ulong[a.Length];
        for (int i = 0; i < c.Length; i++) c[i] = (ulong)((UInt128)fa[i] * fb[i] % q);
        table.Inverse(c);
        return c;
    }

    private static ulong[] RandomPoly(Random rng, int n, ulong q)
    {
        var a = new ulong[n];
        for (int i = 0; i < n; i++) a[i] = rng.NextBelow(q);
        return a;
    }

    /// <summary>Values in [0, bound), a quarter of them pinned to bound − 1 to exercise the top of the lazy range.</summary>
    private static ulong[] RandomLazy(Random rng, int n, ulong bound)
    {
        var a = new ulong[n];
        for (int i = 0; i < n; i++) a[i] = rng.Next(4) == 0 ? bound - 1 : rng.NextBelow(bound);
        return a;
    }
}
