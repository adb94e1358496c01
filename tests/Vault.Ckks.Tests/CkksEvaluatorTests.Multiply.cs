using System.Numerics;
using Vault.Testing;

namespace Vault.Ckks.Tests;

public sealed partial class CkksEvaluatorTests
{
    [Fact]
    public void Multiply_WithoutRelinearize_ThreePartsDecryptToProduct()
    {
        var (x, y) = (RandomValues(40), RandomValues(41));
        var a = Encrypt(x);
        var b = Encrypt(y, 3);
        var product = Evaluator.Multiply(a, b);
        Assert.Equal(3, product.Size);
        Assert.Equal(3, product.Level);                       // the lower of the two levels
        Assert.Equal(a.Scale * b.Scale, product.Scale);
        Assert.Null(product.Seed);

        Evaluator.Rescale(product, product);                  // a 3-part ciphertext can be rescaled too

        Assert.Equal(3, product.Size);
        AssertPrecision(SlotReference.Zip(x, y, (p, q) => p * q), product, ProductBits, "multiply (3 parts) + rescale");
    }

    [Fact]
    public void Relinearize_ThreeParts_TwoPartsSameValues()
    {
        var (x, y) = (RandomValues(42), RandomValues(43));
        var three = Evaluator.Multiply(Encrypt(x), Encrypt(y));
        var two = Evaluator.NewCiphertext(4, 1.0);
        Evaluator.Relinearize(three, two);
        Assert.Equal(2, two.Size);
        Assert.Equal(three.Level, two.Level);
        Assert.Equal(three.Scale, two.Scale);

        // Key-switching noise, measured directly: Dec(relinearized) − Dec(3-part) = ks_0 + ks_1·s − c_2·s².
        var basis = Parameters.Rlwe.Ring.Q(three.Level);
        var noise = CrtLift.CenteredDifference(basis, _ctx.Decryptor.Decrypt(two).Poly, _ctx.Decryptor.Decrypt(three).Poly, ntt: true);
        double bound = NoiseBounds.KeySwitch(Parameters.Rlwe, three.Level);
        _output.WriteLine($"relinearization noise 2^{CrtLift.Log2MaxAbs(noise):F2}, bound 2^{Math.Log2(bound):F2}");
        Assert.True(CrtLift.MaxAbs(noise) <= bound);

        var expected = SlotReference.Zip(x, y, (p, q) => p * q);
        Evaluator.Rescale(three, three);
        Evaluator.Rescale(two, two);
        double unrelinearized = AssertPrecision(expected, three, ProductBits, "multiply, no relinearization");
        double relinearized = AssertPrecision(expected, two, ProductBits, "multiply + relinearize");
        Assert.True(relinearized >= unrelinearized - 1, "relinearization lost more than a bit");
    }

    [Fact]
    public void Relinearize_TwoParts_Copies()
    {
        var ct = Encrypt(RandomValues(44), 2);
        var destination = Evaluator.NewCiphertext(4, 1.0);
        Evaluator.Relinearize(ct, destination);
        AssertSameCiphertext(ct, destination, "relinearize of a 2-part ciphertext");
    }

    [Fact]
    public void Relinearize_NoKey_ThrowsInvalidOperation()
    {
        var evaluator = new CkksEvaluator(Parameters);
        var three = Evaluator.Multiply(Encrypt(RandomValues(45)), Encrypt(RandomValues(46)));
        Assert.Throws<InvalidOperationException>(() => evaluator.Relinearize(three, Evaluator.NewCiphertext(4, 1.0)));
        Assert.Throws<InvalidOperationException>(() => evaluator.MultiplyRelinearize(Encrypt(RandomValues(47)), Encrypt(RandomValues(48))));
    }

    [Fact]
    public void MultiplyRelinearize_ThenRescale_MatchesPlainProduct()
    {
        var (x, y) = (RandomValues(49), RandomValues(50));
        var product = Evaluator.MultiplyRelinearize(Encrypt(x), Encrypt(y));
        Assert.Equal(2, product.Size);
        Evaluator.Rescale(product, product);
        Assert.Equal(3, product.Level);
        Assert.Equal(Parameters.DefaultScale * Parameters.DefaultScale / Parameters.Rlwe.QPrimes[4], product.Scale);
        AssertPrecision(SlotReference.Zip(x, y, (p, q) => p * q), product, ProductBits, "mul + relin + rescale");
    }

    [Fact]
    public void Multiply_Square_MatchesPlainSquare()
    {
        var x = RandomValues(51);
        var ct = Encrypt(x);
        var square = Evaluator.NewCiphertext(4, 1.0);
        Evaluator.MultiplyRelinearize(ct, ct, square);
        Evaluator.Rescale(square, square);
        AssertPrecision(SlotReference.Map(x, p => p * p), square, ProductBits, "square");
    }

    [Fact]
    public void Multiply_ThreePartInput_Throws()
    {
        var three = Evaluator.Multiply(Encrypt(RandomValues(52)), Encrypt(RandomValues(53)));
        var ex = Assert.Throws<ArgumentException>(() => Evaluator.Multiply(three, Encrypt(RandomValues(54))));
        Assert.Contains("relinearize", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(3)]
    [InlineData(2)]
    [InlineData(1)]
    public void Rescale_DividesByLastPrime(int level)
    {
        // Encode at Δ·q_ℓ and rescale: the result is at Δ with the noise divided by q_ℓ plus the rounding error
        // τ_0 + τ_1·s (≈ 2^-37 in slots), so it is better than a fresh encryption at Δ.
        var x = RandomValues(55 + level);
        double qLast = Parameters.Rlwe.QPrimes[level];
        var ct = Encrypt(x, level, Parameters.DefaultScale * qLast);
        var rescaled = Evaluator.Rescale(ct);
        Assert.Equal(level - 1, rescaled.Level);
        Assert.Equal(ct.Scale / qLast, rescaled.Scale);
        Assert.Equal(Parameters.DefaultScale, rescaled.Scale, Parameters.DefaultScale * 1e-15);
        AssertPrecision(x, rescaled, FreshBits + 4, $"rescale from level {level}");
    }

    [Fact]
    public void Rescale_AtLevelZero_ThrowsInvalidOperation()
    {
        var ct = Encrypt(RandomValues(60), 0);
        var ex = Assert.Throws<InvalidOperationException>(() => Evaluator.Rescale(ct));
        Assert.StartsWith("Rescale:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiplicationChain_SquareDownToLevelZero_TracksPlainPowers()
    {
        // z with |z| ∈ [0.9, 1] so z^16 stays ≥ 0.18. Each squaring roughly doubles the absolute error
        // (e' ≈ 2|z|·e) and adds relinearization and rescale noise (≈ 2^-31 and 2^-37): after k squarings expect
        // ≈ 31 − k bits. Require FreshBits − k − 1 at each level.
        var random = TestSeed.Random(61);
        var z = new Complex[Parameters.Slots];
        for (int j = 0; j < z.Length; j++) z[j] = Complex.FromPolarCoordinates(0.9 + 0.1 * random.NextDouble(), 2 * Math.PI * random.NextDouble());
        var ct = Encrypt(z);
        var expected = z;
        for (int k = 1; ct.Level > 0; k++)
        {
            Evaluator.Multiply(ct, ct, ct);
            Evaluator.Relinearize(ct, ct);
            Evaluator.Rescale(ct, ct);
            expected = SlotReference.Map(expected, p => p * p);
            Assert.Equal(Parameters.MaxLevel - k, ct.Level);
            AssertPrecision(expected, ct, FreshBits - k - 1, $"z^{1 << k} at level {ct.Level}");
        }
        Assert.Equal(0, ct.Level);
        Assert.Throws<InvalidOperationException>(() => Evaluator.Rescale(ct, ct));
    }
}
