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
