using System.Numerics;
using Vault.Rlwe;
using Vault.Testing;

namespace Vault.Ckks.Tests;

public sealed partial class CkksEvaluatorTests
{
    [Fact]
    public void Encrypt_PublicKey_DecryptsWithinFreshBound()
    {
        var x = RandomValues(1);
        var ct = Encrypt(x);
        Assert.Null(ct.Seed);
        AssertPrecision(x, ct, FreshBits, "fresh public-key encryption");
    }

    [Fact]
    public void Encrypt_SecretKeySeeded_DecryptsWithinFreshBound()
    {
        var x = RandomValues(2);
        using var prng = new Ring.Prng(TestSeed.PrngSeed(2));
        using var encryptor = new Encryptor(Parameters.Rlwe, null, _ctx.SecretKey, prng);
        var ct = encryptor.Encrypt(EncodePlain(x, Parameters.MaxLevel));
        Assert.NotNull(ct.Seed);
        AssertPrecision(x, ct, FreshBits, "fresh secret-key encryption");
    }

    [Fact]
    public void Encrypt_EveryLevel_DecryptsWithinFreshBound()
    {
        var x = RandomValues(3);
        for (int level = 0; level <= Parameters.MaxLevel; level++)
        {
            var ct = Encrypt(x, level);
            Assert.Equal(level, ct.Level);
            AssertPrecision(x, ct, FreshBits, $"fresh at level {level}");
        }
    }

    [Fact]
    public void Add_TwoCiphertexts_MatchesPlainSum()
    {
        var (x, y) = (RandomValues(4), RandomValues(5));
        var sum = Evaluator.Add(Encrypt(x), Encrypt(y));
        Assert.Null(sum.Seed);
        AssertPrecision(SlotReference.Zip(x, y, (a, b) => a + b), sum, FreshBits - 1, "add");
    }

    [Fact]
    public void Add_DifferentLevels_ResultAtLowerLevel()
    {
        var (x, y) = (RandomValues(6), RandomValues(7));
        var high = Encrypt(x, 4);
        var low = Encrypt(y, 2);
        var sum = Evaluator.Add(high, low);
        var reversed = Evaluator.Add(low, high);
        Assert.Equal(2, sum.Level);
        Assert.Equal(2, reversed.Level);
        AssertPrecision(SlotReference.Zip(x, y, (a, b) => a + b), sum, FreshBits - 1, "add across levels");
        AssertPrecision(SlotReference.Zip(x, y, (a, b) => a + b), reversed, FreshBits - 1, "add across levels, reversed");
    }

    [Fact]
    public void AddAndSub_ThreePartWithTwoPart_DecryptToSumAndDifference()
    {
        // (a·b) has parts (d0, d1, d2); adding a 2-part c must keep d2 (and negate it for c − a·b).
        var (x, y, z) = (RandomValues(8), RandomValues(9), RandomValues(10));
        var product = Evaluator.Multiply(Encrypt(x), Encrypt(y));
        var c = Encrypt(z, scale: product.Scale);
        var expectedProduct = SlotReference.Zip(x, y, (a, b) => a * b);

        var sum = Evaluator.Add(c, product);
        var difference = Evaluator.Sub(c, product);

        Assert.Equal(3, sum.Size);
        Assert.Equal(3, difference.Size);
        Evaluator.Rescale(sum, sum);
        Evaluator.Rescale(difference, difference);
        AssertPrecision(SlotReference.Zip(z, expectedProduct, (a, b) => a + b), sum, ProductBits, "2-part + 3-part");
        AssertPrecision(SlotReference.Zip(z, expectedProduct, (a, b) => a - b), difference, ProductBits, "2-part − 3-part");
    }

    [Fact]
    public void Add_ScalesDiffer_ThrowsParameterMismatch()
    {
        var a = Encrypt(RandomValues(11));
        var b = Encrypt(RandomValues(12), scale: Parameters.DefaultScale * 2);
        var ex = Assert.Throws<ParameterMismatchException>(() => Evaluator.Add(a, b));
        Assert.StartsWith("Add:", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ParameterMismatchException>(() => Evaluator.Sub(a, b));
    }

    [Fact]
    public void Sub_TwoCiphertexts_MatchesPlainDifference()
    {
        var (x, y) = (RandomValues(17), RandomValues(18));
        AssertPrecision(SlotReference.Zip(x, y, (a, b) => a - b), Evaluator.Sub(Encrypt(x), Encrypt(y)), FreshBits - 1, "sub");
        var self = Encrypt(x);
        AssertPrecision(new Complex[Parameters.Slots], Evaluator.Sub(self, self), 60, "x − x");
    }

    [Fact]
    public void Negate_MatchesPlainNegation()
    {
        var x = RandomValues(19);
        var ct = Encrypt(x, 3);
        var destination = Evaluator.NewCiphertext(4, 1.0);
        Evaluator.Negate(ct, destination);
        Assert.Equal(3, destination.Level);
        Assert.Equal(ct.Scale, destination.Scale);
        AssertPrecision(SlotReference.Map(x, a => -a), destination, FreshBits, "negate");
    }

    [Fact]
    public void AddPlainAndSubPlain_MatchPlainResult()
    {
        var (x, y) = (RandomValues(20), RandomValues(21));
        var ct = Encrypt(x, 3);
        var pt = EncodePlain(y, 4);                      // a plaintext above the ciphertext's level is fine
        var sum = Evaluator.NewCiphertext(3, 1.0);
        var difference = Evaluator.NewCiphertext(3, 1.0);
        Evaluator.AddPlain(ct, pt, sum);
        Evaluator.SubPlain(ct, pt, difference);
        Assert.Equal(3, sum.Level);
        AssertPrecision(SlotReference.Zip(x, y, (a, b) => a + b), sum, FreshBits, "add plain");
        AssertPrecision(SlotReference.Zip(x, y, (a, b) => a - b), difference, FreshBits, "sub plain");
    }

    [Fact]
    public void AddPlain_PlaintextBelowCiphertextLevel_Throws()
    {
        var ct = Encrypt(RandomValues(22), 4);
        var pt = EncodePlain(RandomValues(23), 2);
        var destination = Evaluator.NewCiphertext(4, 1.0);
        Assert.Throws<ArgumentException>(() => Evaluator.AddPlain(ct, pt, destination));
        Assert.Throws<ArgumentException>(() => Evaluator.SubPlain(ct, pt, destination));
        Assert.Throws<ArgumentException>(() => Evaluator.MultiplyPlain(ct, pt, destination));
    }

    [Fact]
    public void AddPlain_ScalesDiffer_ThrowsParameterMismatch()
    {
        var ct = Encrypt(RandomValues(24));
        var pt = EncodePlain(RandomValues(25), 4, Parameters.DefaultScale * 4);
        Assert.Throws<ParameterMismatchException>(() => Evaluator.AddPlain(ct, pt, Evaluator.NewCiphertext(4, 1.0)));
    }

    [Fact]
    public void MultiplyPlain_ThenRescale_MatchesPlainProduct()
    {
        var (x, y) = (RandomValues(26), RandomValues(27));
        var ct = Encrypt(x);
        var pt = EncodePlain(y, 4);
        var product = Evaluator.MultiplyPlain(ct, pt);
        Assert.Equal(ct.Scale * pt.Scale, product.Scale);
        Assert.Equal(4, product.Level);

        Evaluator.Rescale(product, product);

        Assert.Equal(3, product.Level);
        Assert.Equal(ct.Scale * pt.Scale / Parameters.Rlwe.QPrimes[4], product.Scale);
        AssertPrecision(SlotReference.Zip(x, y, (a, b) => a * b), product, ProductBits + 1, "multiply plain + rescale");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7071)]
    [InlineData(-3.25)]
    [InlineData(1000.5)]
    public void AddConstant_MatchesPlainSum(double c)
    {
        var x = RandomValues(28);
        var ct = Encrypt(x, 2);
        var destination = Evaluator.NewCiphertext(4, 1.0);
        Evaluator.AddConstant(ct, c, destination);
        Assert.Equal(2, destination.Level);
        Assert.Equal(ct.Scale, destination.Scale);
        AssertPrecision(SlotReference.Map(x, a => a + c), destination, FreshBits, $"add constant {c}");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-1.0 / 3)]
    [InlineData(12.75)]
    [InlineData(0.0)]
    public void MultiplyConstant_ThenRescale_ScaleReturnsExactly(double c)
    {
        var x = RandomValues(29);
        // At Δ = 2^45 (a power of two) and at Δ²/q_4 after a rescale (not a power of two).
        var rescaled = Evaluator.MultiplyPlain(Encrypt(x), EncodePlain([.. Enumerable.Repeat(Complex.One, Parameters.Slots)], 4));
        Evaluator.Rescale(rescaled, rescaled);
        Assert.NotEqual(Math.Round(Math.Log2(rescaled.Scale)), Math.Log2(rescaled.Scale));
        foreach (var ct in new[] { Encrypt(x), rescaled })
        {
            double inputScale = ct.Scale;
            var product = Evaluator.NewCiphertext(4, 1.0);
            Evaluator.MultiplyConstant(ct, c, product);
            Assert.Equal(inputScale * Parameters.Rlwe.QPrimes[ct.Level], product.Scale);

            Evaluator.Rescale(product, product);

            Assert.Equal(inputScale, product.Scale);                      // exactly, not approximately
            Assert.Equal(ct.Level - 1, product.Level);
            // Error: c·e_x plus c's rounding (≤ 1/(2q_ℓ)) and rescale rounding: at most ~|c|·2^-31.5 + 2^-37.
            double bits = FreshBits - Math.Max(0, Math.Log2(Math.Abs(c)));
            AssertPrecision(SlotReference.Map(x, a => a * c), product, bits, $"multiply constant {c} at level {ct.Level}");
        }
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(-3L)]
    [InlineData(16L)]
    public void MultiplyInteger_MatchesPlainProductWithoutLevelOrScaleChange(long k)
    {
        var x = RandomValues(30);
        var ct = Encrypt(x, 3);
        var destination = Evaluator.NewCiphertext(4, 1.0);
        Evaluator.MultiplyInteger(ct, k, destination);
        Assert.Equal(3, destination.Level);
        Assert.Equal(ct.Scale, destination.Scale);
        AssertPrecision(SlotReference.Map(x, a => a * k), destination, FreshBits - Math.Log2(Math.Abs(k)), $"multiply integer {k}");
    }

    [Fact]
    public void AddConstantAndMultiplyConstant_NonFinite_Throws()
    {
        var ct = Encrypt(RandomValues(31));
        var destination = Evaluator.NewCiphertext(4, 1.0);
        Assert.Throws<ArgumentException>(() => Evaluator.AddConstant(ct, double.NaN, destination));
        Assert.Throws<ArgumentException>(() => Evaluator.MultiplyConstant(ct, double.PositiveInfinity, destination));
    }

    [Fact]
    public void DropLevel_EveryLevel_SameValuesSameScale()
    {
        var x = RandomValues(32);
        var ct = Encrypt(x);
        for (int level = Parameters.MaxLevel; level >= 0; level--)
        {
            var dropped = Evaluator.NewCiphertext(4, 1.0);
            Evaluator.DropLevel(ct, level, dropped);
            Assert.Equal(level, dropped.Level);
            Assert.Equal(ct.Scale, dropped.Scale);
            for (int i = 0; i <= level; i++) Assert.True(dropped[0].Limb(i).SequenceEqual(ct[0].Limb(i)));
            AssertPrecision(x, dropped, FreshBits, $"dropped to level {level}");
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void DropLevel_TargetOutsideZeroToCurrent_Throws(int level)
    {
        var ct = Encrypt(RandomValues(33), 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluator.DropLevel(ct, level, Evaluator.NewCiphertext(4, 1.0)));
    }

    [Fact]
    public void Operations_ForeignCiphertext_ThrowParameterMismatch()
    {
        var other = _dnum.ForDnum(5);
        var foreign = other.Encrypt(RandomValues(34));
        var own = Encrypt(RandomValues(35));
        var destination = Evaluator.NewCiphertext(4, 1.0);
        var foreignDestination = other.Evaluator.NewCiphertext(4, 1.0);
        var foreignPlain = EncodePlain(RandomValues(36), 4, ctx: other);
        Assert.Throws<ParameterMismatchException>(() => Evaluator.Add(own, foreign, destination));
        Assert.Throws<ParameterMismatchException>(() => Evaluator.Add(own, own, foreignDestination));
        Assert.Throws<ParameterMismatchException>(() => Evaluator.Negate(foreign, destination));
        Assert.Throws<ParameterMismatchException>(() => Evaluator.AddPlain(own, foreignPlain, destination));
        Assert.Throws<ParameterMismatchException>(() => Evaluator.MultiplyPlain(own, foreignPlain, destination));
        Assert.Throws<ParameterMismatchException>(() => Evaluator.Multiply(foreign, own, destination));
        Assert.Throws<ParameterMismatchException>(() => Evaluator.Rescale(foreign, destination));
        Assert.Throws<ParameterMismatchException>(() => Evaluator.Rotate(foreign, 1, destination));
        Assert.Throws<ParameterMismatchException>(() => Evaluator.Conjugate(foreign, destination));
        Assert.Throws<ParameterMismatchException>(() => _ctx.Decryptor.Decrypt(foreign));
    }

    [Fact]
    public void Constructor_ForeignKeys_ThrowParameterMismatch()
    {
        var other = _dnum.ForDnum(5);
        Assert.Throws<ParameterMismatchException>(() => new CkksEvaluator(Parameters, other.RelinearizationKey));
        Assert.Throws<ParameterMismatchException>(() => new CkksEvaluator(Parameters, null, other.GaloisKeys));
    }

    [Fact]
    public void NewCiphertext_HasParametersLevelAndScale()
    {
        var ct = Evaluator.NewCiphertext(2, 123.0);
        Assert.Equal(Parameters.Id, ct.ParameterId);
        Assert.Equal(2, ct.Level);
        Assert.Equal(123.0, ct.Scale);
        Assert.Equal(2, ct.Size);
        Assert.Same(Parameters, Evaluator.Parameters);
    }
}
