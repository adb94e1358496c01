namespace Vault.ML.Tests;

/// <summary>The fixed-Hessian diagonal bound: diag(h) ≽ (1/n)·ZᵀZ, its step scales, and its refusals.</summary>
public sealed class DiagonalHessianBoundTests
{
    [Fact]
    public void RowSums_SmallExample_AreAbsoluteRowSumsOfTheSecondMoments()
    {
        // z = (1, 1, 1) and (1, 0, −1): B = (1/2)·Σ z zᵀ has B_00 = 1, B_01 = 0.5, B_02 = 0, B_11 = 0.5, B_12 = 0.5, B_22 = 1.
        double[][] rows = [[1.0, 1], [0, -1]];
        var h = DiagonalHessianBound.RowSums(rows);
        var p = DiagonalHessianBound.StepScales(rows);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(1.5, h[j], 14);
            Assert.Equal(1 / 1.5, p[j], 14);
        }
    }

    [Fact]
    public void RowSums_RandomRows_DominateTheGramMatrix()
    {
        var data = MLTestData.Logistic(60, 4, salt: 31);
        var rows = Enumerable.Range(0, data.Rows).Select(i => data.Row(i).ToArray()).ToArray();
        for (int i = 0; i < rows.Length; i++) rows[i][1] = 0.3 * rows[i][0] + 0.1 * rows[i][1];     // correlated, badly scaled columns
        var h = DiagonalHessianBound.RowSums(rows);
        var random = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            var v = Enumerable.Range(0, 5).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            double quadratic = rows.Average(x => Math.Pow(v[0] + x.Select((value, j) => value * v[j + 1]).Sum(), 2));
            double bound = h.Select((hj, j) => hj * v[j] * v[j]).Sum();
            Assert.True(quadratic <= bound + 1e-12, $"vᵀBv = {quadratic} > vᵀ diag(h) v = {bound}");
        }
    }

    [Fact]
    public void StepScales_ZeroColumn_GetsTheCap()
    {
        var p = DiagonalHessianBound.StepScales([[0.0, 1], [0, -1]]);
        Assert.Equal(TrainingOptions.MaxStepScale, p[1]);
        Assert.Equal(1, p[0]);
    }

    [Fact]
    public void RowSums_NoRowsOrRaggedRows_Throw()
    {
        Assert.Equal(DatasetProblem.Empty, Assert.Throws<DatasetException>(() => DiagonalHessianBound.RowSums([])).Problem);
        Assert.Equal(DatasetProblem.ColumnCountMismatch, Assert.Throws<DatasetException>(() => DiagonalHessianBound.RowSums([[1.0, 2], [1.0]])).Problem);
    }
}
