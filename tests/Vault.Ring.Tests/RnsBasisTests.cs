using System.Numerics;
using Vault.Testing;

namespace Vault.Ring.Tests;

public class RnsBasisTests
{
    private const int LogN = 4;
    private const int N = 1 << LogN;

    /// <summary>Mixed sizes, the last one largest (the usual special-prime shape) and smallest.</summary>
    public static TheoryData<int[]> Shapes() =>
    [
        [30],
        [50, 40],
        [60, 40, 40, 60],
        [62, 61, 45, 30, 62],
        [40, 40, 40, 30],
        [62, 62, 62, 62, 62, 62],
    ];

    [Fact]
    public void Constructor_Empty_Throws() => Assert.Throws<ArgumentException>(() => new RnsBasis([]));

    [Fact]
    public void Constructor_Null_Throws() => Assert.Throws<ArgumentNullException>(() => new RnsBasis(null!));

    [Fact]
    public void Constructor_RepeatedModulus_Throws()
    {
        var t = Tables(LogN, [40, 50]);
        Assert.Throws<ArgumentException>(() => new RnsBasis([t[0], t[1], new NttTable(LogN, new Modulus(t[0].Modulus.Value))]));
    }

    [Fact]
    public void Constructor_DifferentDegrees_Throws()
    {
        ulong q = Primes.NttPrimes(5, [40])[0];     // ≡ 1 mod 64, so valid for N = 16 and N = 32
        var other = Primes.NttPrimes(5, [50])[0];
        Assert.Throws<ArgumentException>(() => new RnsBasis([new NttTable(4, new Modulus(q)), new NttTable(5, new Modulus(other))]));
    }

    [Fact]
    public void Constructor_ValidTables_ExposesModuliTablesAndProduct()
    {
        var tables = Tables(LogN, [60, 40, 30]);
        var basis = new RnsBasis(tables);
        Assert.Equal(3, basis.Count);
        Assert.Equal(N, basis.N);
        BigInteger product = 1;
        for (int i = 0; i < 3; i++)
        {
            Assert.Same(tables[i], basis.Tables[i]);
            Assert.Equal(tables[i].Modulus.Value, basis.Moduli[i].Value);
            product *= tables[i].Modulus.Value;
        }
        Assert.Equal(product, basis.Product);
    }

    [Fact]
    public void Slice_Range_HasThosePrimesInOrder()
    {
        var basis = Basis([60, 50, 40, 30]);
        var slice = basis.Slice(1, 2);
        Assert.Equal(2, slice.Count);
        Assert.Equal(basis.Moduli[1].Value, slice.Moduli[0].Value);
        Assert.Equal(basis.Moduli[2].Value, slice.Moduli[1].Value);
        Assert.Equal((BigInteger)basis.Moduli[1].Value * basis.Moduli[2].Value, slice.Product);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Add_RandomPolys_EqualsBigIntegerSumModQ(int[] bits) =>
        CheckBinary(bits, 1, (b, x, y, d) => b.Add(x, y, d), (x, y) => x + y);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Sub_RandomPolys_EqualsBigIntegerDifferenceModQ(int[] bits) =>
        CheckBinary(bits, 2, (b, x, y, d) => b.Sub(x, y, d), (x, y) => x - y);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MulCoefficients_RandomPolys_EqualsBigIntegerProductModQ(int[] bits) =>
        CheckBinary(bits, 3, (b, x, y, d) => b.MulCoefficients(x, y, d), (x, y) => x * y);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MulCoefficientsAdd_RandomPolys_AccumulatesProductModQ(int[] bits)
    {
        var basis = Basis(bits);
        var rng = TestSeed.Random(4);
        var x = RandomValues(rng, basis.Product);
        var y = RandomValues(rng, basis.Product);
        var z = RandomValues(rng, basis.Product);
        var d = ToPoly(basis, z);
        basis.MulCoefficientsAdd(ToPoly(basis, x), ToPoly(basis, y), d);
        AssertRepresents(basis, d, i => z[i] + x[i] * y[i]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Negate_RandomPoly_EqualsBigIntegerNegationModQ(int[] bits)
    {
        var basis = Basis(bits);
        var x = RandomValues(TestSeed.Random(5), basis.Product);
        x[0] = 0;
        x[1] = basis.Product - 1;
        var d = new RnsPoly(N, basis.Count);
        basis.Negate(ToPoly(basis, x), d);
        AssertRepresents(basis, d, i => -x[i]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MulScalar_AnySignAndSize_EqualsBigIntegerProductModQ(int[] bits)
    {
        var basis = Basis(bits);
        var rng = TestSeed.Random(6);
        var x = RandomValues(rng, basis.Product);
        BigInteger[] scalars = [0, 1, -1, 2, ulong.MaxValue, -(BigInteger.One << 130) + 12345, basis.Product, basis.Product + 7, rng.NextBelow(BigInteger.One << 300)];
        foreach (var c in scalars)
        {
            var d = new RnsPoly(N, basis.Count);
            basis.MulScalar(ToPoly(basis, x), c, d);
            AssertRepresents(basis, d, i => x[i] * c);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AddScalarNtt_AnySign_AddsToEveryResidue(int[] bits)
    {
        var basis = Basis(bits);
        var x = RandomValues(TestSeed.Random(7), basis.Product);
        foreach (var c in new BigInteger[] { 0, 5, -5, basis.Product - 1, -(BigInteger.One << 100) })
        {
            var d = new RnsPoly(N, basis.Count);
            basis.AddScalarNtt(ToPoly(basis, x), c, d);
            AssertRepresents(basis, d, i => x[i] + c);
        }
    }

    [Fact]
    public void AddScalarNtt_InNttForm_AddsConstantTermInCoefficientForm()
    {
        var basis = Basis([50, 40]);
        var x = RandomValues(TestSeed.Random(8), basis.Product);
        var p = ToPoly(basis, x);
        basis.Forward(p);
        basis.AddScalarNtt(p, 42, p);
        basis.Inverse(p);
        AssertRepresents(basis, p, i => i == 0 ? x[i] + 42 : x[i]);
    }

    [Fact]
    public void Operations_DestinationAliasesInputs_GiveSameResult()
    {
        var basis = Basis([60, 40, 30]);
        var rng = TestSeed.Random(9);
        var x = RandomValues(rng, basis.Product);
        var y = RandomValues(rng, basis.Product);

        var a = ToPoly(basis, x);
        basis.Add(a, ToPoly(basis, y), a);
        AssertRepresents(basis, a, i => x[i] + y[i]);

        var b = ToPoly(basis, y);
        basis.Sub(ToPoly(basis, x), b, b);
        AssertRepresents(basis, b, i => x[i] - y[i]);

        var c = ToPoly(basis, x);
        basis.MulCoefficients(c, c, c);
        AssertRepresents(basis, c, i => x[i] * x[i]);

        var d = ToPoly(basis, x);
        basis.MulCoefficientsAdd(d, d, d);
        AssertRepresents(basis, d, i => x[i] + x[i] * x[i]);

        var e = ToPoly(basis, x);
        basis.Negate(e, e);
        AssertRepresents(basis, e, i => -x[i]);

        var f = ToPoly(basis, x);
        basis.MulScalar(f, -3, f);
        AssertRepresents(basis, f, i => -3 * x[i]);
    }

    [Fact]
    public void Operations_PolyWithSpareLimbs_LeaveSpareLimbsUntouched()
    {
        var basis = Basis([50, 40]);
        var x = RandomValues(TestSeed.Random(10), basis.Product);
        var a = new RnsPoly(N, 4);
        for (int i = 0; i < 2; i++)
            for (int k = 0; k < N; k++) a.Limb(i)[k] = (ulong)(x[k] % basis.Moduli[i].Value);
        a.Limb(2).Fill(0xDEAD);
        a.Limb(3).Fill(0xBEEF);
        basis.Add(a, a, a);
        basis.MulScalar(a, 3, a);
        basis.Forward(a);
        basis.Inverse(a);
        AssertRepresents(basis, a, i => 6 * x[i]);
        Assert.All(a.Limb(2).ToArray(), v => Assert.Equal(0xDEADUL, v));
        Assert.All(a.Limb(3).ToArray(), v => Assert.Equal(0xBEEFUL, v));
    }

    [Fact]
    public void Operations_WrongDegreeOrTooFewLimbs_Throw()
    {
        var basis = Basis([50, 40, 30]);
        var good = new RnsPoly(N, 3);
        var shortPoly = new RnsPoly(N, 2);
        var wrongN = new RnsPoly(2 * N, 3);
        var limited = new RnsPoly(N, 3) { LimbCount = 2 };
        foreach (var bad in new[] { shortPoly, wrongN, limited })
        {
            Assert.Throws<ArgumentException>(() => basis.Add(bad, good, good));
            Assert.Throws<ArgumentException>(() => basis.Sub(good, bad, good));
            Assert.Throws<ArgumentException>(() => basis.MulCoefficients(good, good, bad));
            Assert.Throws<ArgumentException>(() => basis.MulCoefficientsAdd(good, bad, good));
            Assert.Throws<ArgumentException>(() => basis.Negate(bad, good));
            Assert.Throws<ArgumentException>(() => basis.MulScalar(good, 3, bad));
            Assert.Throws<ArgumentException>(() => basis.AddScalarNtt(bad, 3, good));
            Assert.Throws<ArgumentException>(() => basis.Forward(bad));
            Assert.Throws<ArgumentException>(() => basis.Inverse(bad));
            Assert.Throws<ArgumentException>(() => basis.LiftSigned(new long[N], bad));
            Assert.Throws<ArgumentException>(() => basis.LiftTernary(new sbyte[N], bad));
        }
        Assert.Throws<ArgumentNullException>(() => basis.Add(null!, good, good));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void LiftSigned_AnyInt64_ReconstructsToValueModQ(int[] bits)
    {
        var basis = Basis(bits);
        var rng = TestSeed.Random(11);
        var v = new long[N];
        long[] edges = [0, 1, -1, long.MaxValue, long.MinValue, long.MinValue + 1, 19, -19];
        for (int i = 0; i < N; i++) v[i] = i < edges.Length ? edges[i] : rng.NextInt64(long.MinValue, long.MaxValue);
        var d = new RnsPoly(N, basis.Count);
        basis.LiftSigned(v, d);
        AssertRepresents(basis, d, i => v[i]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void LiftTernary_MinusOneZeroOne_ReconstructsToValueModQ(int[] bits)
    {
        var basis = Basis(bits);
        var rng = TestSeed.Random(12);
        var v = new sbyte[N];
        for (int i = 0; i < N; i++) v[i] = (sbyte)(i < 3 ? i - 1 : rng.Next(-1, 2));
        var d = new RnsPoly(N, basis.Count);
        basis.LiftTernary(v, d);
        AssertRepresents(basis, d, i => v[i]);
    }

    [Fact]
    public void Lift_LengthMismatch_Throws()
    {
        var basis = Basis([40]);
        var d = new RnsPoly(N, 1);
        Assert.Throws<ArgumentException>(() => basis.LiftSigned(new long[N - 1], d));
        Assert.Throws<ArgumentException>(() => basis.LiftSigned(new long[N + 1], d));
        Assert.Throws<ArgumentException>(() => basis.LiftTernary(new sbyte[N - 1], d));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_ThenInverse_ReturnsInputAndMatchesPerLimbTables(int[] bits)
    {
        var basis = Basis(bits);
        var x = RandomValues(TestSeed.Random(13), basis.Product);
        var p = ToPoly(basis, x);
        basis.Forward(p);
        for (int i = 0; i < basis.Count; i++)
        {
            ulong[] limb = [.. x.Select(v => (ulong)(v % basis.Moduli[i].Value))];
            basis.Tables[i].Forward(limb);
            Assert.Equal(limb, p.Limb(i).ToArray());
        }
        basis.Inverse(p);
        AssertRepresents(basis, p, i => x[i]);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void DivideRoundByLastNtt_RandomValues_EqualsRoundedQuotient(int[] bits)
    {
        if (bits.Length < 2) return;
        var basis = Basis(bits);
        var rng = TestSeed.Random(14);
        for (int trial = 0; trial < 5; trial++)
            CheckDivideRound(basis, RandomValues(rng, basis.Product));
    }

    [Theory]
    [InlineData(new[] { 50, 40 })]
    [InlineData(new[] { 40, 60 })]
    [InlineData(new[] { 30, 62, 61 })]
    [InlineData(new[] { 62, 61, 30 })]
    public void DivideRoundByLastNtt_TiesAndBoundaries_EqualsFloorOfXPlusHalfOverQ(int[] bits)
    {
        var basis = Basis(bits);
        BigInteger q = basis.Moduli[^1].Value, h = q / 2, top = basis.Product;
        var rng = TestSeed.Random(15);
        var x = new BigInteger[N];
        BigInteger[] special =
        [
            0, 1, h - 1, h, h + 1, q - 1, q, q + h, q + h + 1, 5 * q - h - 1, 5 * q - h, top - 1, top - h, top - h - 1, top - q, top - 1 - h,
        ];
        for (int i = 0; i < N; i++)
            x[i] = i < special.Length ? special[i] : (rng.NextBelow(top / q) * q + h + (i & 1)) % top;
        CheckDivideRound(basis, x);
    }

    [Fact]
    public void DivideRoundByLastNtt_OneLimb_Throws()
    {
        var basis = Basis([40]);
        Assert.Throws<ArgumentException>(() => basis.DivideRoundByLastNtt(new RnsPoly(N, 1), new ulong[N]));
    }

    [Fact]
    public void DivideRoundByLastNtt_ScratchTooShort_Throws()
    {
        var basis = Basis([40, 40]);
        Assert.Throws<ArgumentException>(() => basis.DivideRoundByLastNtt(new RnsPoly(N, 2), new ulong[N - 1]));
    }

    [Fact]
    public void DivideRoundByLastNtt_RepeatedDownToOneLimb_EqualsNestedRounding()
    {
        var basis = Basis([60, 40, 40, 40]);
        var x = RandomValues(TestSeed.Random(16), basis.Product);
        var p = ToPoly(basis, x);
        basis.Forward(p);
        var scratch = new ulong[N];
        var expected = x;
        for (int k = basis.Count; k >= 2; k--)
        {
            var current = basis.Slice(0, k);
            BigInteger q = current.Moduli[^1].Value;
            expected = [.. expected.Select(v => (v + q / 2) / q % (current.Product / q))];
            current.DivideRoundByLastNtt(p, scratch);
            Assert.Equal(k - 1, p.LimbCount);
        }
        var last = basis.Slice(0, 1);
        last.Inverse(p);
        AssertRepresents(last, p, i => expected[i]);
    }

    private static void CheckDivideRound(RnsBasis basis, BigInteger[] x)
    {
        BigInteger q = basis.Moduli[^1].Value;
        var remaining = basis.Slice(0, basis.Count - 1);
        var p = ToPoly(basis, x);
        basis.Forward(p);
        basis.DivideRoundByLastNtt(p, new ulong[N + 3]);
        Assert.Equal(basis.Count - 1, p.LimbCount);
        remaining.Inverse(p);
        AssertRepresents(remaining, p, i => (x[i] + q / 2) / q);
    }

    private static void CheckBinary(int[] bits, int salt, Action<RnsBasis, RnsPoly, RnsPoly, RnsPoly> op, Func<BigInteger, BigInteger, BigInteger> expected)
    {
        var basis = Basis(bits);
        var rng = TestSeed.Random(salt);
        var x = RandomValues(rng, basis.Product);
        var y = RandomValues(rng, basis.Product);
        x[0] = 0; y[0] = basis.Product - 1;
        x[1] = basis.Product - 1; y[1] = basis.Product - 1;
        var d = new RnsPoly(N, basis.Count);
        op(basis, ToPoly(basis, x), ToPoly(basis, y), d);
        AssertRepresents(basis, d, i => expected(x[i], y[i]));
    }

    /// <summary>Every limb is reduced and the CRT reconstruction equals the expected integer mod Q.</summary>
    internal static void AssertRepresents(RnsBasis basis, RnsPoly p, Func<int, BigInteger> expected)
    {
        ulong[] moduli = [.. Enumerable.Range(0, basis.Count).Select(i => basis.Moduli[i].Value)];
        var residues = new ulong[basis.Count];
        for (int k = 0; k < basis.N; k++)
        {
            for (int i = 0; i < basis.Count; i++)
            {
                residues[i] = p.Limb(i)[k];
                Assert.True(residues[i] < moduli[i], $"coefficient {k} of limb {i} is {residues[i]}, not below {moduli[i]}");
            }
            var want = ReferenceMath.Mod(expected(k), basis.Product);
            Assert.True(want == ReferenceMath.Crt(residues, moduli), $"coefficient {k}: expected {want}, got {ReferenceMath.Crt(residues, moduli)} {TestSeed.Describe}");
        }
    }

    internal static BigInteger[] RandomValues(Random rng, BigInteger bound)
    {
        var x = new BigInteger[N];
        for (int i = 0; i < N; i++) x[i] = rng.NextBelow(bound);
        return x;
    }

    internal static RnsPoly ToPoly(RnsBasis basis, BigInteger[] x)
    {
        var p = new RnsPoly(basis.N, basis.Count);
        for (int i = 0; i < basis.Count; i++)
        {
            Span<ulong> limb = p.Limb(i);
            for (int k = 0; k < basis.N; k++) limb[k] = (ulong)ReferenceMath.Mod(x[k], basis.Moduli[i].Value);
        }
        return p;
    }

    internal static NttTable[] Tables(int logN, int[] bits) =>
        [.. Primes.NttPrimes(logN, bits).Select(q => new NttTable(logN, new Modulus(q)))];

    private static RnsBasis Basis(int[] bits) => new(Tables(LogN, bits));
}
