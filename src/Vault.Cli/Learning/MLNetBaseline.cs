using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Vault.Cli.Learning;

/// <summary>ML.NET's L-BFGS logistic regression on the same normalised rows, trained to convergence (no L1, a tiny L2),
/// as the reference for a converged plaintext model. In memory only.</summary>
internal static class MLNetBaseline
{
    private sealed class Row
    {
        public bool Label { get; set; }
        public float[] Features { get; set; } = [];
    }

    private sealed class Prediction
    {
        public float Probability { get; set; }
    }

    /// <summary>Test-row probabilities of the model trained on the training rows.</summary>
    public static double[] TrainAndScore(IReadOnlyList<double[]> train, IReadOnlyList<double> trainLabels, IReadOnlyList<double[]> test, int seed)
    {
        int d = train[0].Length;
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, d);
        var trainView = ml.Data.LoadFromEnumerable(train.Select((x, i) => new Row { Label = trainLabels[i] > 0.5, Features = [.. x.Select(v => (float)v)] }), schema);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L1Regularization = 0,
            L2Regularization = 1e-4f,
            OptimizationTolerance = 1e-8f,
            MaximumNumberOfIterations = 1000,
        });
        var model = trainer.Fit(trainView);
        var testView = ml.Data.LoadFromEnumerable(test.Select(x => new Row { Features = [.. x.Select(v => (float)v)] }), schema);
        var predictions = ml.Data.CreateEnumerable<Prediction>(model.Transform(testView), reuseRowObject: false);
        return [.. predictions.Select(p => (double)p.Probability)];
    }
}
