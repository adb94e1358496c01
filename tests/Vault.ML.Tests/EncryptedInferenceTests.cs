using Vault.Ring;
using Vault.Ring.Gpu;
using Vault.Rlwe;
using Vault.Testing;

namespace Vault.ML.Tests;

/// <summary>Inference, the MLP and statistics on ciphertext against the same arithmetic in doubles.</summary>
public sealed class EncryptedInferenceTests : IClassFixture<LogN10DeepFixture>
{
    private readonly CkksTestContext _ctx;

    public EncryptedInferenceTests(LogN10DeepFixture fixture) => _ctx = fixture.Context;

    private static readonly double[] Weights = [0.3, -1.2, 0.8, 2.0];

    [Fact]
    public void ScoreLinear_PlaintextWeights_MatchesDoubles()
    {
        var (rows, encrypted) = Rows(150, 3, salt: 31);
        var inference = new EncryptedInference(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys);
        AssertScores(rows, encrypted, inference.ScoreLinear(encrypted, Weights), x => Metrics.LinearScore(x, Weights), 1e-6);
    }

    [Fact]
    public void ScoreLinear_EncryptedWeights_MatchesDoubles()
    {
        var (rows, encrypted) = Rows(100, 3, salt: 32);
        var layout = encrypted.Layout;
        var weights = MLTestData.Encrypt(_ctx, [layout.Replicate(Weights)])[0];
        var inference = new EncryptedInference(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys);
        AssertScores(rows, encrypted, inference.ScoreLinear(encrypted, weights), x => Metrics.LinearScore(x, Weights), 1e-6);
    }

    [Fact]
    public void ScoreLogistic_PlaintextAndEncryptedWeights_MatchPolynomialSigmoid()
    {
        var (rows, encrypted) = Rows(100, 3, salt: 33);
        var sigmoid = SigmoidApproximation.LeastSquares(5, 8);
        var inference = new EncryptedInference(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys);
        AssertScores(rows, encrypted, inference.ScoreLogistic(encrypted, Weights, sigmoid), x => sigmoid.Evaluate(Metrics.LinearScore(x, Weights)), 1e-6);
        var scaled = Weights.Select(w => w / sigmoid.Radius).ToArray();
        var weights = MLTestData.Encrypt(_ctx, [encrypted.Layout.Replicate(scaled)])[0];
        AssertScores(rows, encrypted, inference.ScoreLogistic(encrypted, weights, sigmoid), x => sigmoid.Evaluate(Metrics.LinearScore(x, Weights)), 1e-6);
    }

    /// <summary>Scoring on a ring backend (each row ciphertext uploaded once, product, sum, mask and sigmoid on the device,
    /// the scores downloaded) gives the host's bytes, for plaintext and encrypted weights, linear and logistic; on the
    /// CPU backend and on the GPU kernels (ILGPU's CPU accelerator, one ciphertext).</summary>
    [Theory]
    [InlineData(false, 150)]
    [InlineData(true, 40)]
    public void Score_OnRingBackend_BitIdenticalWithHost(bool gpuKernels, int rowCount)
    {
        var (_, encrypted) = Rows(rowCount, 3, salt: 38);
        var sigmoid = SigmoidApproximation.LeastSquares(5, 8);
        var weights = MLTestData.Encrypt(_ctx, [encrypted.Layout.Replicate([.. Weights.Select(w => w / sigmoid.Radius)])])[0];
        var host = new EncryptedInference(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys);
        using var accelerator = gpuKernels ? GpuAccelerator.Create(GpuDevice.Cpu) : null;
        using var inner = accelerator is null ? (IRingBackend)new CpuRingBackend(_ctx.Parameters.Rlwe.Ring) : GpuRingBackend.Create(_ctx.Parameters.Rlwe.Ring, accelerator);
        using var backend = new CountingRingBackend(inner);
        var device = new EncryptedInference(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys, backend);
        var cases = new (string What, Func<EncryptedInference, IReadOnlyList<Ciphertext>> Score)[]
        {
            ("linear, plaintext weights", e => e.ScoreLinear(encrypted, Weights)),
            ("linear, encrypted weights", e => e.ScoreLinear(encrypted, weights)),
            ("logistic, plaintext weights", e => e.ScoreLogistic(encrypted, Weights, sigmoid)),
            ("logistic, encrypted weights", e => e.ScoreLogistic(encrypted, weights, sigmoid)),
        };
        foreach (var (what, score) in cases)
        {
            var expected = score(host);
            backend.ResetCounts();
            var actual = score(device);
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++) CiphertextAssert.Identical(expected[i], actual[i], $"{what}, ciphertext {i}");
            Assert.Equal(2 * expected.Count, backend.Downloads);      // the scores' two parts, nothing else
        }
    }

    [Fact]
    public void ScoreLinear_WrongWidth_ThrowsDatasetException()
    {
        var (_, encrypted) = Rows(10, 3, salt: 34);
        var inference = new EncryptedInference(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys);
        var e = Assert.Throws<DatasetException>(() => inference.ScoreLinear(encrypted, [1.0, 2]));
        Assert.Equal(DatasetProblem.ColumnCountMismatch, e.Problem);
    }

    [Fact]
    public void ScoreLogistic_WeightsBeyondInterval_ThrowBeforeWork()
    {
        var (_, encrypted) = Rows(10, 3, salt: 35);
        var inference = new EncryptedInference(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys);
        var e = Assert.Throws<DatasetException>(() => inference.ScoreLogistic(encrypted, [5.0, 5, 5, 5], SigmoidApproximation.LeastSquares(3, 8)));
        Assert.Equal(DatasetProblem.OutsideNormalisation, e.Problem);
    }

    [Fact]
    public void Mlp_SquareActivation_MatchesDoubles()
    {
        var (rows, encrypted) = Rows(80, 3, salt: 36);
        var mlp = new PolynomialMlp(
            [[0.1, 0.5, -0.3, 0.2], [-0.2, 0.1, 0.4, -0.6], [0.3, -0.2, 0.1, 0.5]],
            [1.5, -0.7, 0.9], 0.05, [0.1, 0.5, 0.25, -0.05]);
        var outputs = mlp.Evaluate(encrypted, _ctx.Parameters, _ctx.Evaluator);
        AssertScores(rows, encrypted, outputs, x => mlp.Evaluate(x), 1e-6);
        Assert.Equal(_ctx.Parameters.MaxLevel - 5, outputs[0].Level);
    }

    [Fact]
    public void Statistics_CountMeansCovariance_MatchDoubles()
    {
        var (rows, encrypted) = Rows(150, 3, salt: 37);
        var statistics = new EncryptedStatistics(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys);
        var sums = MLTestData.Decrypt(_ctx, statistics.Sums(encrypted));
        Assert.Equal(150, sums[0], 4);
        var means = MLTestData.Decrypt(_ctx, statistics.Means(encrypted));
        var diagonals = statistics.CovarianceDiagonals(encrypted).Select(c => MLTestData.Decrypt(_ctx, c)).ToList();
        Assert.Equal(_ctx.Parameters.MaxLevel - EncryptedStatistics.Depth, statistics.CovarianceDiagonals(encrypted)[0].Level);
        var covariance = EncryptedStatistics.CovarianceMatrix(diagonals, 4);
        int n = rows.Length;
        for (int j = 1; j < 4; j++)
        {
            double mj = rows.Average(r => r[j - 1]);
            Assert.Equal(mj, means[j], 6);
            Assert.Equal(rows.Sum(r => r[j - 1]), sums[j], 5);
            for (int k = 1; k < 4; k++)
            {
                double mk = rows.Average(r => r[k - 1]);
                double cov = rows.Sum(r => (r[j - 1] - mj) * (r[k - 1] - mk)) / n;
                Assert.Equal(cov, covariance[j, k], 6);
            }
        }
        var correlation = EncryptedStatistics.Correlation(covariance);
        Assert.Equal(1, correlation[2, 2], 6);
        // Nothing outside a row's pairs is released: every block carries the same aggregates.
        Assert.Equal(diagonals[1][1], diagonals[1][encrypted.Layout.BlockWidth + 1], 6);
    }

    private (double[][] Rows, EncryptedDataset Encrypted) Rows(int n, int d, int salt)
    {
        var data = MLTestData.Logistic(n, d, salt);
        var rows = Enumerable.Range(0, n).Select(i => data.Row(i).ToArray()).ToArray();
        var withIntercept = rows.Select(r => (double[])[1.0, .. r]).ToArray();
        var layout = SlotLayout.Create(_ctx.Parameters.Slots, d + 1, doubled: false);
        return (rows, new EncryptedDataset(layout, n, MLTestData.Encrypt(_ctx, layout.PackRows(withIntercept))));
    }

    private void AssertScores(double[][] rows, EncryptedDataset encrypted, IReadOnlyList<Ciphertext> outputs, Func<double[], double> expected, double tolerance)
    {
        Assert.Equal(encrypted.Ciphertexts.Count, outputs.Count);
        int perCiphertext = encrypted.Layout.RowsPerCiphertext;
        for (int b = 0; b < outputs.Count; b++)
        {
            var slots = MLTestData.Decrypt(_ctx, outputs[b]);
            var scores = EncryptedInference.DecodeScores(encrypted.Layout, slots, rows.Length - b * perCiphertext);
            for (int r = 0; r < scores.Length; r++)
                Assert.True(Math.Abs(expected(rows[b * perCiphertext + r]) - scores[r]) < tolerance, $"row {b * perCiphertext + r} {TestSeed.Describe}");
            if (encrypted.Layout.Stride > 1) Assert.True(Math.Abs(slots[1]) < tolerance || outputs[b].Level < encrypted.Ciphertexts[b].Level - 2);
        }
    }
}
