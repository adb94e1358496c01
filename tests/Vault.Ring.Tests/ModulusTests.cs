using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Vault.Testing;

namespace Vault.Ring.Tests;

public class ModulusTests
{
    /// <summary>Small, medium, prime, composite, power-of-two and the largest admissible moduli.</summary>
    public static readonly ulong[] Moduli =
    [
        2, 3, 17, 65537, 1UL << 40, 1073741441, 2147483647,
        1152921504606830593,        // SEAL's 60-bit prime for N = 1024
        0xffffffffffc0001,          // SEAL's NTT test prime
        (1UL << 61) - 1,            // Mersenne prime
        4611686018427387617,        // largest 62-bit prime ≡ 1 mod 32
        (1UL << 62) - 57,           // largest prime below 2^62
        (1UL << 62) - 1,            // composite, largest admissible modulus
    ];

    public static TheoryData<ulong> AllModuli() => [.. Moduli];

    private static Gen<(Modulus M, ulong A, ulong B)> PairBelowQ =>
        from q in Gen.Elements(Moduli)
        from a in SeededProperty.Below(q)
        from b in SeededProperty.Below(q)
        select (new Modulus(q), a, b);

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(1UL << 62)]
    [InlineData((1UL << 62) + 1)]
    [InlineData(ulong.MaxValue)]
    public void Constructor_OutOfRange_Throws(ulong q) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Modulus(q));

    [Theory]
    [MemberData(nameof(AllModuli))]
    public void Constructor_ValidModulus_StoresValueBitCountAndBarrettConstant(ulong q)
    {
        var m = new Modulus(q);
        var ratio = (BigInteger.One << 128) / q;
        Assert.Equal(q, m.Value);
        Assert.Equal((int)new BigInteger(q).GetBitLength(), m.BitCount);
        Assert.Equal((ulong)(ratio >> 64), m.BarrettHi);
        Assert.Equal((ulong)(ratio & ulong.MaxValue), m.BarrettLo);
    }

    [Fact]
    public void Equals_SameValue_IsEqualWithSameHashAndText()
    {
        var a = new Modulus(17);
        var b = new Modulus(17);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.False(a.Equals(new Modulus(19)));
        Assert.False(a.Equals(null));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("17", a.ToString());
    }

    [Fact]
    public void Reduce_AnyUInt64_EqualsBigIntegerRemainder() =>
        SeededProperty.Check(
            from q in Gen.Elements(Moduli) from x in SeededProperty.AnyUInt64 select (q, x),
            t => Assert.Equal(t.x % t.q, new Modulus(t.q).Reduce(t.x)),
            maxTest: 2000);

    [Theory]
    [MemberData(nameof(AllModuli))]
    public void Reduce_EdgeValues_EqualsRemainder(ulong q)
    {
        var m = new Modulus(q);
        foreach (ulong x in EdgeValues(q))
        {
            Assert.Equal(x % q, m.Reduce(x));
            Assert.Equal(x % q, Modulus.Reduce(x, q, m.BarrettHi));
        }
    }

    [Fact]
    public void Reduce128_InputBelowQTimes2To64_EqualsBigIntegerRemainder() =>
        SeededProperty.Check(
            from q in Gen.Elements(Moduli) from hi in SeededProperty.Below(q) from lo in SeededProperty.AnyUInt64 select (q, hi, lo),
            t =>
            {
                var m = new Modulus(t.q);
                var expected = (ulong)((((BigInteger)t.hi << 64) + t.lo) % t.q);
                Assert.Equal(expected, Modulus.Reduce128(t.hi, t.lo, t.q, m.BarrettHi, m.BarrettLo));
            },
            maxTest: 2000);

    [Theory]
    [MemberData(nameof(AllModuli))]
    public void Reduce128_Boundary_EqualsBigIntegerRemainder(ulong q)
    {
        var m = new Modulus(q);
        foreach (ulong hi in new[] { 0UL, 1UL, q / 2, q - 1 }.Where(h => h < q))
        {
            foreach (ulong lo in EdgeValues(q))
            {
                var expected = (ulong)((((BigInteger)hi << 64) + lo) % q);
                Assert.Equal(expected, Modulus.Reduce128(hi, lo, q, m.BarrettHi, m.BarrettLo));
            }
        }
    }

    [Fact]
    public void Reduce_BigInteger_AnySign_ReturnsCanonicalResidue()
    {
        var rng = TestSeed.Random(101);
        foreach (ulong q in Moduli)
        {
            var m = new Modulus(q);
            for (int i = 0; i < 200; i++)
            {
                BigInteger x = rng.NextBelow(BigInteger.One << 200);
                if ((i & 1) == 1) x = -x;
                Assert.Equal((ulong)ReferenceMath.Mod(x, q), m.Reduce(x));
            }
            Assert.Equal(0UL, m.Reduce(BigInteger.Zero));
            Assert.Equal(0UL, m.Reduce(-(BigInteger)q));
            Assert.Equal(q - 1, m.Reduce(BigInteger.MinusOne));
        }
    }

    [Fact]
    public void Mul_OperandsBelowQ_EqualsBigIntegerProduct() =>
        SeededProperty.Check(PairBelowQ, t =>
        {
            ulong q = t.M.Value;
            Assert.Equal((ulong)((BigInteger)t.A * t.B % q), t.M.Mul(t.A, t.B));
            Assert.Equal((ulong)((BigInteger)t.A * t.B % q), Modulus.Mul(t.A, t.B, q, t.M.BarrettHi, t.M.BarrettLo));
        }, maxTest: 2000);

    [Fact]
    public void Mul_FirstOperandAnyUInt64_SecondBelowQ_EqualsBigIntegerProduct() =>
        SeededProperty.Check(
            from q in Gen.Elements(Moduli) from a in SeededProperty.AnyUInt64 from b in SeededProperty.Below(q) select (q, a, b),
            t => Assert.Equal((ulong)((BigInteger)t.a * t.b % t.q), new Modulus(t.q).Mul(t.a, t.b)),
            maxTest: 2000);

    [Theory]
    [MemberData(nameof(AllModuli))]
    public void Mul_EdgeValues_EqualsBigIntegerProduct(ulong q)
    {
        var m = new Modulus(q);
        ulong[] small = [0, 1, q / 2, q - 1, q > 2 ? q - 2 : 0];
        foreach (ulong a in EdgeValues(q))
            foreach (ulong b in small)
                Assert.Equal((ulong)((BigInteger)a * b % q), m.Mul(a, b));
    }

    [Fact]
    public void Add_OperandsBelowQ_EqualsBigIntegerSum() =>
        SeededProperty.Check(PairBelowQ, t =>
        {
            ulong q = t.M.Value;
            ulong expected = (ulong)(((BigInteger)t.A + t.B) % q);
            Assert.Equal(expected, t.M.Add(t.A, t.B));
            Assert.Equal(expected, Modulus.Add(t.A, t.B, q));
        }, maxTest: 2000);

    [Fact]
    public void Sub_OperandsBelowQ_EqualsBigIntegerDifference() =>
        SeededProperty.Check(PairBelowQ, t =>
        {
            ulong q = t.M.Value;
            ulong expected = (ulong)ReferenceMath.Mod((BigInteger)t.A - t.B, q);
            Assert.Equal(expected, t.M.Sub(t.A, t.B));
            Assert.Equal(expected, Modulus.Sub(t.A, t.B, q));
        }, maxTest: 2000);

    [Fact]
    public void Negate_OperandBelowQ_EqualsBigIntegerNegation() =>
        SeededProperty.Check(PairBelowQ, t =>
        {
            ulong expected = (ulong)ReferenceMath.Mod(-(BigInteger)t.A, t.M.Value);
            Assert.Equal(expected, t.M.Negate(t.A));
            Assert.Equal(expected, Modulus.Negate(t.A, t.M.Value));
        }, maxTest: 1000);

    [Theory]
    [MemberData(nameof(AllModuli))]
    public void AddSubNegate_EdgeValues_MatchBigInteger(ulong q)
    {
        var m = new Modulus(q);
        ulong[] values = [.. new[] { 0UL, 1UL, 2UL, q / 2, q - 2, q - 1 }.Where(v => v < q).Distinct()];
        foreach (ulong a in values)
        {
            Assert.Equal((ulong)ReferenceMath.Mod(-(BigInteger)a, q), m.Negate(a));
            foreach (ulong b in values)
            {
                Assert.Equal((ulong)(((BigInteger)a + b) % q), m.Add(a, b));
                Assert.Equal((ulong)ReferenceMath.Mod((BigInteger)a - b, q), m.Sub(a, b));
            }
        }
    }

    [Fact]
    public void Pow_AnyBaseAndExponent_EqualsModPow() =>
        SeededProperty.Check(
            from q in Gen.Elements(Moduli) from a in SeededProperty.AnyUInt64 from e in SeededProperty.AnyUInt64 select (q, a, e),
            t => Assert.Equal((ulong)BigInteger.ModPow(t.a, t.e, t.q), new Modulus(t.q).Pow(t.a, t.e)),
            maxTest: 1000);

    [Theory]
    [MemberData(nameof(AllModuli))]
    public void Pow_ZeroExponentAndZeroBase_FollowConvention(ulong q)
    {
        var m = new Modulus(q);
        Assert.Equal(1 % q, m.Pow(0, 0));
        Assert.Equal(1 % q, m.Pow(q - 1, 0));
        Assert.Equal(0UL, m.Pow(0, 5));
        Assert.Equal(0UL, m.Pow(q, 1));
        Assert.Equal((ulong)BigInteger.ModPow(q - 1, ulong.MaxValue, q), m.Pow(q - 1, ulong.MaxValue));
    }

    [Fact]
    public void Inverse_InvertibleValue_IsMultiplicativeInverse() =>
        SeededProperty.Check(
            from q in Gen.Elements(Moduli) from a in SeededProperty.AnyUInt64 select (q, a),
            t =>
            {
                var m = new Modulus(t.q);
                if (BigInteger.GreatestCommonDivisor(t.a, t.q) != 1)
                {
                    Assert.Throws<ArithmeticException>(() => m.Inverse(t.a));
                    return;
                }
                ulong inv = m.Inverse(t.a);
                Assert.True(inv < t.q);
                Assert.Equal(1 % t.q, (ulong)((BigInteger)inv * t.a % t.q));
            },
            maxTest: 2000);

    [Theory]
    [InlineData(17UL, 0UL)]
    [InlineData(17UL, 17UL)]
    [InlineData(17UL, 34UL)]
    [InlineData(1UL << 40, 2UL)]
    [InlineData(1UL << 40, 1UL << 39)]
    [InlineData((1UL << 62) - 1, 3UL)]          // 2^62 − 1 = 3 · 715827883 · 2147483647
    [InlineData((1UL << 62) - 1, 2147483647UL)]
    [InlineData(65537UL, 65537UL * 1000)]
    public void Inverse_NotInvertible_Throws(ulong q, ulong a) =>
        Assert.Throws<ArithmeticException>(() => new Modulus(q).Inverse(a));

    [Theory]
    [InlineData(19UL, 5UL, 4UL)]            // SEAL NumberTheoryTest.TryModInverse
    [InlineData(19UL, 4UL, 5UL)]
    [InlineData(2UL, 3UL, 1UL)]
    [InlineData(2UL, 0xFFFFFFUL, 1UL)]
    public void Inverse_KnownAnswers_Match(ulong q, ulong a, ulong expected) =>
        Assert.Equal(expected, new Modulus(q).Inverse(a));

    [Fact]
    public void ReduceSigned_AnyInt64_EqualsBigIntegerMod() =>
        SeededProperty.Check(
            from q in Gen.Elements(Moduli) from x in SeededProperty.AnyUInt64 select (q, x: (long)x),
            t => Assert.Equal((ulong)ReferenceMath.Mod(t.x, t.q), new Modulus(t.q).ReduceSigned(t.x)),
            maxTest: 2000);

    [Theory]
    [MemberData(nameof(AllModuli))]
    public void ReduceSigned_EdgeValues_EqualsBigIntegerMod(ulong q)
    {
        var m = new Modulus(q);
        long[] xs = [0, 1, -1, 2, -2, long.MaxValue, long.MinValue, long.MinValue + 1, 3, -3, 17, -17, 34, -34];
        foreach (long x in xs.Concat(q <= long.MaxValue ? [(long)q, -(long)q, (long)q - 1, -(long)q + 1, (long)q + 1, -(long)q - 1] : []))
            Assert.Equal((ulong)ReferenceMath.Mod(x, q), m.ReduceSigned(x));
    }

    [Fact]
    public void ShoupPrecompute_ValueBelowQ_IsFloorOfWTimes2To64OverQ() =>
        SeededProperty.Check(
            from q in Gen.Elements(Moduli) from w in SeededProperty.Below(q) select (q, w),
            t => Assert.Equal((ulong)(((BigInteger)t.w << 64) / t.q), new Modulus(t.q).ShoupPrecompute(t.w)),
            maxTest: 1000);

    [Fact]
    public void MulShoup_AnyX_EqualsBigIntegerProduct() =>
        SeededProperty.Check(
            from q in Gen.Elements(Moduli) from x in SeededProperty.AnyUInt64 from w in SeededProperty.Below(q) select (q, x, w),
            t =>
            {
                var m = new Modulus(t.q);
                ulong wShoup = m.ShoupPrecompute(t.w);
                Assert.Equal((ulong)((BigInteger)t.x * t.w % t.q), Modulus.MulShoup(t.x, t.w, wShoup, t.q));
            },
            maxTest: 2000);

    [Fact]
    public void MulShoupLazy_AnyX_IsBelowTwoQAndCongruent() =>
        SeededProperty.Check(
            from q in Gen.Elements(Moduli) from x in SeededProperty.AnyUInt64 from w in SeededProperty.Below(q) select (q, x, w),
            t =>
            {
                var m = new Modulus(t.q);
                ulong r = Modulus.MulShoupLazy(t.x, t.w, m.ShoupPrecompute(t.w), t.q);
                Assert.True(r < 2 * t.q, $"MulShoupLazy({t.x}, {t.w}) mod {t.q} = {r} is not below 2q");
                Assert.Equal((ulong)((BigInteger)t.x * t.w % t.q), r % t.q);
            },
            maxTest: 2000);

    [Theory]
    [MemberData(nameof(AllModuli))]
    public void MulShoupLazy_EdgeValues_IsBelowTwoQAndCongruent(ulong q)
    {
        var m = new Modulus(q);
        foreach (ulong w in new[] { 0UL, 1UL, q / 2, q - 1 }.Where(v => v < q))
        {
            ulong wShoup = m.ShoupPrecompute(w);
            foreach (ulong x in EdgeValues(q))
            {
                ulong r = Modulus.MulShoupLazy(x, w, wShoup, q);
                Assert.True(r < 2 * q);
                Assert.Equal((ulong)((BigInteger)x * w % q), r % q);
                Assert.Equal((ulong)((BigInteger)x * w % q), Modulus.MulShoup(x, w, wShoup, q));
            }
        }
    }

    /// <summary>0, 1, q−2, q−1, q, q+1, 2q−1, 4q−1, 2^62 ± 1, 2^63, 2^64 − 1 and neighbours.</summary>
    private static IEnumerable<ulong> EdgeValues(ulong q)
    {
        ulong[] candidates =
        [
            0, 1, 2, q - 1, q, q + 1, 2 * q - 1, 2 * q, 4 * q - 1, q > 2 ? q - 2 : 0,
            (1UL << 62) - 1, 1UL << 62, (1UL << 62) + 1, (1UL << 63) - 1, 1UL << 63,
            ulong.MaxValue - q, ulong.MaxValue - 1, ulong.MaxValue,
        ];
        return candidates.Distinct();
    }
}
