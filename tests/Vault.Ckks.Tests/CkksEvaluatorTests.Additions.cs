using System.Numerics;
using Vault.Rlwe;
using Vault.Testing;

namespace Vault.Ckks.Tests;

/// <summary>MultiplyConstantRescale, InnerSum and EvaluatePolynomial against plaintext references.</summary>
public sealed class CkksEvaluatorAdditionsTests : IClassFixture<LogN10Fixture>
{
    private readonly CkksTestContext _ctx;

    public CkksEvaluatorAdditionsTests(LogN10Fixture fixture) => _ctx = fixture.Context;

    private CkksEvaluator Evaluator => _ctx.Evaluator;

    [Fact]
    public void MultiplyConstantRescale_LandsOnTargetScaleOneLevelDown()
    {
        var values = SlotReference.RandomComplex(TestSeed.Random(1), _ctx.Parameters.Slots);
        var ct = _ctx.Encrypt(values);
        double target = _ctx.Parameters.DefaultScale * 1.37;
        var result = Evaluator.MultiplyConstantRescale(ct, -2.5, target);
        Assert.Equal(ct.Level - 1, result.Level);
        Assert.Equal(target, result.Scale);
        Precision.AssertBits(SlotReference.Map(values, v => -2.5 * v), _ctx.Decrypt(result), 25, "MultiplyConstantRescale");
    }

    [Fact]
    public void MultiplyConstantRescale_AtLevelZero_Throws()
    {
        var ct = _ctx.Encrypt(new Complex[4], level: 0);
        Assert.Throws<InvalidOperationException>(() => Evaluator.MultiplyConstantRescale(ct, 2, _ctx.Parameters.DefaultScale));
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluator.MultiplyConstantRescale(_ctx.Encrypt(new Complex[4]), 2, -1));
    }

    [Fact]
    public void MultiplyConstantRescale_DifferentPathsAddWithoutScaleMismatch()
    {
        var values = SlotReference.RandomComplex(TestSeed.Random(2), _ctx.Parameters.Slots);
        var ct = _ctx.Encrypt(values);
        var square = Evaluator.MultiplyRelinearize(ct, ct);
        Evaluator.Rescale(square, square);
        var scaled = Evaluator.MultiplyConstantRescale(ct, 3, square.Scale);
        var sum = Evaluator.Add(square, scaled);
        Precision.AssertBits(SlotReference.Map(values, v => v * v + 3 * v), _ctx.Decrypt(sum), 24, "x² + 3x");
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(4, 16)]
    [InlineData(1, 512)]
    public void InnerSum_MatchesStridedSum(int stride, int count)
    {
        var values = SlotReference.RandomComplex(TestSeed.Random(3), _ctx.Parameters.Slots);
        var result = _ctx.Decrypt(Evaluator.InnerSumOf(_ctx.Encrypt(values), stride, count));
        int n = values.Length;
        var expected = new Complex[n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i < count; i++) expected[j] += values[(j + i * stride) % n];
        Precision.AssertBits(expected, result, 20, "InnerSum");
        Assert.Equal(Enumerable.Range(0, BitOperations.Log2((uint)count)).Select(k => stride << k), CkksEvaluator.InnerSumSteps(stride, count));
    }

    [Fact]
    public void InnerSum_CountNotPowerOfTwo_Throws()
    {
        var ct = _ctx.Encrypt(new Complex[4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluator.InnerSum(ct, 1, 3, ct));
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluator.InnerSum(ct, 2, 512, ct));
    }

    [Theory]
    [InlineData(new[] { 0.5, 0.15, 0, -0.0015 }, 2)]
    [InlineData(new[] { 0.1, -0.7, 0.3, 0.2, -0.05, 0.01, 0.02, -0.03 }, 3)]
    [InlineData(new[] { 0.0, 0, 1 }, 2)]
    [InlineData(new[] { 0.25, -1.5 }, 1)]
    public void EvaluatePolynomial_MatchesHorner_AtMinimalDepth(double[] coefficients, int depth)
    {
        var random = TestSeed.Random(4);
        var values = Enumerable.Range(0, _ctx.Parameters.Slots).Select(_ => new Complex(random.NextDouble() * 2 - 1, 0)).ToArray();
        var ct = _ctx.Encrypt(values);
        double target = _ctx.Parameters.DefaultScale;
        var result = Evaluator.EvaluatePolynomial(ct, coefficients, target);
        Assert.Equal(depth, CkksEvaluator.PolynomialDepth(coefficients.Length - 1));
        Assert.Equal(ct.Level - depth, result.Level);
        Assert.Equal(target, result.Scale, 6);
        var expected = SlotReference.Map(values, v =>
        {
            Complex r = 0;
            for (int k = coefficients.Length - 1; k >= 0; k--) r = r * v + coefficients[k];
            return r;
        });
        Precision.AssertBits(expected, _ctx.Decrypt(result), 22, "EvaluatePolynomial");
    }

    [Fact]
    public void EvaluatePolynomial_TooDeep_Throws()
    {
        var ct = _ctx.Encrypt(new Complex[4], level: 1);
        Assert.Throws<InvalidOperationException>(() => Evaluator.EvaluatePolynomial(ct, [1, 1, 1, 1], _ctx.Parameters.DefaultScale));
        Assert.Throws<ArgumentException>(() => Evaluator.EvaluatePolynomial(ct, [double.NaN], _ctx.Parameters.DefaultScale));
    }
}

internal static class InnerSumExtensions
{
    public static Ciphertext InnerSumOf(this CkksEvaluator evaluator, Ciphertext ct, int stride, int count)
    {
        var d = evaluator.NewCiphertext(ct.Level, ct.Scale);
        evaluator.InnerSum(ct, stride, count, d);
        return d;
    }
}

/// <summary>InnerSumHoisted on a context holding exactly the keys its steps need.</summary>
public sealed class CkksEvaluatorInnerSumHoistedTests
{
    [Theory]
    [InlineData(1, 16)]
    [InlineData(4, 32)]
    [InlineData(2, 256)]
    public void InnerSumHoisted_EqualsInnerSum(int stride, int count)
    {
        using var ctx = new CkksTestContext(CkksParameterPresets.InsecureTestOnlyLogN10, salt: 77,
            rotationSteps: CkksEvaluator.InnerSumHoistedSteps(stride, count), conjugation: false);
        var values = SlotReference.RandomComplex(TestSeed.Random(9), ctx.Parameters.Slots);
        var ct = ctx.Encrypt(values);
        var hoisted = ctx.Evaluator.NewCiphertext(ct.Level, ct.Scale);
        ctx.Evaluator.InnerSumHoisted(ct, stride, count, hoisted);
        var reference = ctx.Evaluator.InnerSumOf(ct, stride, count);
        Precision.AssertBits(ctx.Decrypt(reference), ctx.Decrypt(hoisted), 20, "InnerSumHoisted");
        ctx.Evaluator.InnerSumHoisted(ct, stride, count, ct);      // in place
        Precision.AssertBits(ctx.Decrypt(reference), ctx.Decrypt(ct), 20, "InnerSumHoisted in place");
    }

    [Fact]
    public void InnerSumHoisted_MissingKey_Throws()
    {
        using var ctx = new CkksTestContext(CkksParameterPresets.InsecureTestOnlyLogN10, salt: 78, conjugation: false);
        var ct = ctx.Encrypt(new Complex[4]);
        Assert.Throws<InvalidOperationException>(() => ctx.Evaluator.InnerSumHoisted(ct, 1, 16, ct));
        Assert.Equal([1, 2, 3, 4, 8, 12, 16], CkksEvaluator.InnerSumHoistedSteps(1, 32));
    }
}
