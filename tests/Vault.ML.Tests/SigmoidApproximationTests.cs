namespace Vault.ML.Tests;

public sealed class SigmoidApproximationTests
{
    /// <summary>Max |σ − p| on [−8, 8] of the least-squares fits (measured, with a margin).</summary>
    [Theory]
    [InlineData(3, 0.12, 0.065)]
    [InlineData(5, 0.065, 0.03)]
    [InlineData(7, 0.035, 0.014)]
    public void LeastSquares_OnMinusEightEight_ErrorWithinBounds(int degree, double maxError, double rmsError)
    {
        var p = SigmoidApproximation.LeastSquares(degree, 8);
        Assert.True(p.MaxError() < maxError, $"max error {p.MaxError():F4} rms {p.RmsError():F4}");
        Assert.True(p.RmsError() < rmsError, $"max error {p.MaxError():F4} rms error {p.RmsError():F4}");
        Assert.Equal(0.5, p.Coefficients[0]);
        for (int k = 2; k <= degree; k += 2) Assert.Equal(0, p.Coefficients[k]);
    }

    /// <summary>Degree 3: p' is a downward parabola, so max |p'| is at 0 or at ±R: 0.15012 or |0.15012 − 3·0.001593·64| = 0.1557.</summary>
    [Fact]
    public void MaxSlope_Degree3OnMinusEightEight_IsTheSlopeAtTheEnds()
    {
        var p = SigmoidApproximation.LeastSquares(3, 8);
        double atZero = p.Coefficients[1], atEnd = Math.Abs(p.Coefficients[1] + 3 * p.Coefficients[3] * 64);
        Assert.Equal(Math.Max(atZero, atEnd), p.MaxSlope, 9);
        Assert.Equal(0.1557, p.MaxSlope, 4);
    }

    [Theory]
    [InlineData(5, 12)]
    [InlineData(7, 16)]
    public void MaxSlope_IsAtLeastEverySampledSlopeAndBelowAQuarterPlusTheFitError(int degree, double radius)
    {
        var p = SigmoidApproximation.LeastSquares(degree, radius);
        for (double x = -radius; x <= radius; x += radius / 997)
        {
            double slope = (p.Evaluate(x + 1e-6) - p.Evaluate(x - 1e-6)) / 2e-6;
            Assert.True(Math.Abs(slope) <= p.MaxSlope + 1e-6, $"|p'({x})| = {Math.Abs(slope)} > {p.MaxSlope}");
        }
        Assert.InRange(p.MaxSlope, 0.1, 0.25);
    }

    [Fact]
    public void LeastSquares_Degree3_MatchesPublishedCoefficients()
    {
        // Kim et al. (JMIR Med Inform 2018) give 0.5 + 0.15012x − 0.001593x³ for [−8, 8].
        var p = SigmoidApproximation.LeastSquares(3, 8);
        Assert.Equal(0.15012, p.Coefficients[1], 4);
        Assert.Equal(-0.001593, p.Coefficients[3], 5);
    }

    [Fact]
    public void LeastSquares_IsOptimal_PerturbingACoefficientRaisesTheError()
    {
        var p = SigmoidApproximation.LeastSquares(5, 8);
        double best = p.RmsError();
        var (nodes, weights) = SigmoidApproximation.GaussLegendre(64);
        foreach (int k in new[] { 1, 3, 5 })
            foreach (double delta in new[] { -1e-3, 1e-3 })
            {
                double sum = 0, bump = delta * Math.Pow(8, -k);
                for (int i = 0; i < nodes.Length; i++)
                {
                    double x = 8 * nodes[i], e = SigmoidApproximation.Sigmoid(x) - p.Evaluate(x) - bump * Math.Pow(x, k);
                    sum += weights[i] * e * e;
                }
                Assert.True(Math.Sqrt(sum / 2) > best);
            }
    }

    [Fact]
    public void ScaledCoefficients_EvaluateTheSamePolynomialOnXOverR()
    {
        var p = SigmoidApproximation.LeastSquares(7, 8);
        foreach (double x in new[] { -7.5, -1, 0.3, 6 })
        {
            double t = x / 8, r = 0;
            for (int k = p.ScaledCoefficients.Length - 1; k >= 0; k--) r = r * t + p.ScaledCoefficients[k];
            Assert.Equal(p.Evaluate(x), r, 12);
        }
    }

    [Theory]
    [InlineData(4, 8)]
    [InlineData(11, 8)]
    [InlineData(3, 0)]
    public void LeastSquares_BadArguments_Throw(int degree, double radius) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SigmoidApproximation.LeastSquares(degree, radius));
}
