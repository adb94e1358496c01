using Microsoft.ML;

namespace Vault.ML.Tests;

/// <summary>Vault.ML's metrics against ML.NET's evaluators on the same scores.</summary>
public sealed class MetricsTests
{
    private sealed class Scored
    {
        public bool Label { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    private sealed class Regressed
    {
        public float Label { get; set; }
        public float Score { get; set; }
    }

    [Fact]
    public void AucAccuracyLogLoss_MatchMLNetBinaryEvaluator()
    {
        var random = new Random(7);
        var labels = Enumerable.Range(0, 400).Select(_ => random.NextDouble() < 0.3 ? 1.0 : 0.0).ToArray();
        var scores = labels.Select(l => Math.Round(l + random.NextDouble() * 2 - 1.3, 2)).ToArray();   // rounding makes ties
        var probabilities = scores.Select(SigmoidApproximation.Sigmoid).ToArray();
        var ml = new MLContext(seed: 1);
        var rows = labels.Select((l, i) => new Scored
        {
            Label = l > 0.5,
            Score = (float)scores[i],
            Probability = (float)probabilities[i],
            PredictedLabel = probabilities[i] >= 0.5,
        });
        var metrics = ml.BinaryClassification.Evaluate(ml.Data.LoadFromEnumerable(rows));
        Assert.Equal(metrics.AreaUnderRocCurve, Metrics.Auc(scores, labels), 4);
        Assert.Equal(metrics.Accuracy, Metrics.Accuracy(probabilities, labels), 6);
        Assert.Equal(metrics.LogLoss, Metrics.LogLoss(probabilities, labels), 4);
    }

    [Fact]
    public void RSquared_MatchesMLNetRegressionEvaluator()
    {
        var random = new Random(8);
        var targets = Enumerable.Range(0, 200).Select(_ => random.NextDouble() * 10).ToArray();
        var predictions = targets.Select(t => t + random.NextDouble() - 0.5).ToArray();
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(targets.Select((t, i) => new Regressed { Label = (float)t, Score = (float)predictions[i] }));
        Assert.Equal(ml.Regression.Evaluate(data).RSquared, Metrics.RSquared(predictions, targets), 4);
    }

    [Fact]
    public void Auc_OneClass_Throws() => Assert.Throws<DatasetException>(() => Metrics.Auc([0.1, 0.2], [1, 1]));

    [Fact]
    public void Roc_EndsAtOneOne_AndIsMonotone()
    {
        var (fpr, tpr) = Metrics.Roc([0.9, 0.8, 0.8, 0.3, 0.1], [1, 0, 1, 0, 1]);
        Assert.Equal((0.0, 0.0), (fpr[0], tpr[0]));
        Assert.Equal((1.0, 1.0), (fpr[^1], tpr[^1]));
        for (int i = 1; i < fpr.Length; i++) Assert.True(fpr[i] >= fpr[i - 1] && tpr[i] >= tpr[i - 1]);
    }
}
