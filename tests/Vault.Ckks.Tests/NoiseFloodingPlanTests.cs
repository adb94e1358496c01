using Vault.Ring;

namespace Vault.Ckks.Tests;

/// <summary>The flooding formula: σ = Δ·2^-(p+1)/(8·√(N/2)) as large as the precision allows, σ ≥ √(24τ)·2^(λ_s/2)·B,
/// the largest releasable p, and the refusal.</summary>
public class NoiseFloodingPlanTests
{
    [Theory]
    [InlineData(10, 45, 5, 4096.0)]
    [InlineData(13, 60, 17, 40000.0)]
    [InlineData(16, 55, 3, 1000.0)]
    public void Create_Accepted_SigmaIsThePrecisionCeilingAboveTheFloor(int logN, int logScale, int bits, double bound)
    {
        double scale = Math.ScaleB(1.0, logScale);
        var plan = NoiseFloodingPlan.Create(logN, scale, bits, bound);
        double ceiling = scale * Math.Pow(2, -(bits + 1)) / (8 * Math.Sqrt(Math.Pow(2, logN) / 2));
        double floor = Math.Sqrt(24) * Math.Pow(2, 15) * bound;
        Assert.Equal(ceiling, plan.Sigma, ceiling * 1e-12);
        Assert.Equal(floor, plan.MinimumSigma, floor * 1e-12);
        Assert.True(plan.Sigma >= plan.MinimumSigma);
        Assert.Equal((logN, scale, bits, bound, 30, 1), (plan.LogN, plan.Scale, plan.PrecisionBits, plan.NoiseBound, plan.StatisticalSecurity, plan.Queries));
        // The flooding error per slot component, 8σ·√(N/2)/Δ, is exactly half the released 2^-p.
        Assert.Equal(Math.Pow(2, -(bits + 1)), 8 * plan.Sigma * Math.Sqrt(Math.Pow(2, logN) / 2) / scale, 1e-15);
    }

    [Theory]
    [InlineData(10, 45, 4731.0, 30, 1)]
    [InlineData(13, 40, 33290.0, 30, 1)]
    [InlineData(13, 60, 40000.0, 30, 1)]
    [InlineData(13, 60, 40000.0, 40, 1)]
    [InlineData(13, 60, 40000.0, 30, 64)]
    [InlineData(15, 50, 2.0, 20, 1)]
    public void MaxPrecisionBits_IsTheLargestAcceptedPrecision(int logN, int logScale, double bound, int lambda, int queries)
    {
        double scale = Math.ScaleB(1.0, logScale);
        int max = NoiseFloodingPlan.MaxPrecisionBitsFor(logN, scale, bound, lambda, queries);
        // Independent arithmetic in log2: p ≤ log Δ − 1 − log 8 − (log N − 1)/2 − log √(24τ) − λ/2 − log B.
        double expected = logScale - 1 - 3 - (logN - 1) / 2.0 - Math.Log2(Math.Sqrt(24.0 * queries)) - lambda / 2.0 - Math.Log2(bound);
        Assert.Equal((int)Math.Floor(expected), max);
        if (max >= 0) Assert.Equal(max, NoiseFloodingPlan.Create(logN, scale, max, bound, lambda, queries).PrecisionBits);
        if (max + 1 is >= 0 and <= NoiseFloodingPlan.MaxReleasedBits)
        {
            var e = Assert.Throws<NoiseFloodingException>(() => NoiseFloodingPlan.Create(logN, scale, max + 1, bound, lambda, queries));
            Assert.Equal(max, e.MaxPrecisionBits);
            Assert.Equal(max + 1, e.RequestedPrecisionBits);
        }
    }

    [Fact]
    public void MaxPrecisionBits_MoreSecurityOrQueries_FewerBits()
    {
        double scale = Math.ScaleB(1.0, 60);
        int baseline = NoiseFloodingPlan.MaxPrecisionBitsFor(13, scale, 40000);
        Assert.Equal(baseline - 5, NoiseFloodingPlan.MaxPrecisionBitsFor(13, scale, 40000, statisticalSecurity: 40));
        Assert.Equal(baseline - 3, NoiseFloodingPlan.MaxPrecisionBitsFor(13, scale, 40000, queries: 64));
        Assert.Equal(baseline - 1, NoiseFloodingPlan.MaxPrecisionBitsFor(13, scale, 80000));
    }

    [Fact]
    public void Create_SecurePresetScaleFreshNoise_NothingReleasable()
    {
        // N = 2^13, Δ = 2^40, fresh public-key noise ‖e‖₂ ≈ 2^15: flooding at λ_s = 30 swamps every bit.
        var e = Assert.Throws<NoiseFloodingException>(() => NoiseFloodingPlan.Create(13, Math.ScaleB(1.0, 40), 0, 33290));
        Assert.True(e.MaxPrecisionBits < 0);
        Assert.Contains("no precision can be released", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CeilingAboveTheSampler_SigmaCappedAt2To48()
    {
        var plan = NoiseFloodingPlan.Create(2, Math.ScaleB(1.0, 60), 0, 1);
        Assert.Equal(PolySampler.MaxRoundedGaussianSigma, plan.Sigma);
    }

    [Fact]
    public void Create_FloorAboveTheSampler_Refuses()
    {
        var e = Assert.Throws<NoiseFloodingException>(() => NoiseFloodingPlan.Create(2, Math.ScaleB(1.0, 60), 0, 1e12, statisticalSecurity: 60));
        Assert.Equal(-1, e.MaxPrecisionBits);
    }

    [Theory]
    [InlineData(0, 40.0, 0, 10.0, 30, 1)]
    [InlineData(17, 40.0, 0, 10.0, 30, 1)]
    [InlineData(10, 0.5, 0, 10.0, 30, 1)]
    [InlineData(10, double.PositiveInfinity, 0, 10.0, 30, 1)]
    [InlineData(10, 40.0, -1, 10.0, 30, 1)]
    [InlineData(10, 40.0, 53, 10.0, 30, 1)]
    [InlineData(10, 40.0, 0, 0.5, 30, 1)]
    [InlineData(10, 40.0, 0, double.NaN, 30, 1)]
    [InlineData(10, 40.0, 0, 10.0, 0, 1)]
    [InlineData(10, 40.0, 0, 10.0, 129, 1)]
    [InlineData(10, 40.0, 0, 10.0, 30, 0)]
    public void Create_ArgumentOutOfRange_Throws(int logN, double logScale, int bits, double bound, int lambda, int queries)
    {
        double scale = double.IsFinite(logScale) && logScale >= 1 ? Math.Pow(2, logScale) : logScale;
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseFloodingPlan.Create(logN, scale, bits, bound, lambda, queries));
    }
}
