using Vault.Testing;

namespace Vault.ML.Tests;

/// <summary>Column-major scoring (the sealed dataset's packing) against the same scores in doubles.</summary>
public sealed class EncryptedColumnScoringTests : IClassFixture<LogN10DeepFixture>
{
    private readonly CkksTestContext _ctx;

    public EncryptedColumnScoringTests(LogN10DeepFixture fixture) => _ctx = fixture.Context;

    [Fact]
    public void Score_MatchesDoubles_InEverySlot()
    {
        int slots = _ctx.Parameters.Slots, d = 4;
        var random = TestSeed.Random(41);
        var columns = Enumerable.Range(0, d).Select(_ => Enumerable.Range(0, slots).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
        double[] weights = [0.25, -1.5, 3.0, 0.001, 7.5];
        var encrypted = MLTestData.Encrypt(_ctx, columns);
        var score = new EncryptedColumnScoring(_ctx.Parameters).Score(encrypted, weights);
        Assert.Equal(encrypted[0].Level - 1, score.Level);
        var decrypted = MLTestData.Decrypt(_ctx, score);
        double worst = 0;
        for (int i = 0; i < slots; i++)
        {
            double expected = weights[0];
            for (int j = 0; j < d; j++) expected += weights[j + 1] * columns[j][i];
            worst = Math.Max(worst, Math.Abs(decrypted[i] - expected));
        }
        Assert.True(worst < 1e-6, $"worst slot error {worst}");
    }

    [Fact]
    public void Score_RefusesMismatchedWeightsAndColumns()
    {
        var encrypted = MLTestData.Encrypt(_ctx, [new double[_ctx.Parameters.Slots], new double[_ctx.Parameters.Slots]]);
        var scorer = new EncryptedColumnScoring(_ctx.Parameters);
        Assert.Throws<DatasetException>(() => scorer.Score(encrypted, [1.0, 2.0]));
        Assert.Throws<DatasetException>(() => scorer.Score(encrypted, [1.0, double.NaN, 2.0]));
    }
}
