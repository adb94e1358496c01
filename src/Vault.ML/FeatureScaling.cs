using System.Collections.Immutable;

namespace Vault.ML;

/// <summary>The normalisation recorded with a dataset: x' = (x − offset_j) / scale_j per column, chosen on the
/// training rows so that every normalised value lies in [−1, 1]. Models are trained on normalised values and keep
/// this record, so inference applies the same map and can refuse rows that fall outside it.</summary>
/// <param name="Offsets">offset_j per column.</param>
/// <param name="Scales">scale_j &gt; 0 per column.</param>
public sealed record FeatureScaling(ImmutableArray<double> Offsets, ImmutableArray<double> Scales)
{
    /// <summary>Number of columns.</summary>
    public int Columns => Offsets.Length;

    /// <summary>Min–max scaling of every column to [−1, 1] over <paramref name="data"/>'s rows
    /// (offset = (max + min)/2, scale = (max − min)/2); a constant column maps to 0.</summary>
    public static FeatureScaling FitMinMax(LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var offsets = new double[data.Features];
        var scales = new double[data.Features];
        for (int j = 0; j < data.Features; j++)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = 0; i < data.Rows; i++)
            {
                min = Math.Min(min, data.Row(i)[j]);
                max = Math.Max(max, data.Row(i)[j]);
            }
            offsets[j] = (max + min) / 2;
            scales[j] = max > min ? (max - min) / 2 : 1;
        }
        return new FeatureScaling([.. offsets], [.. scales]);
    }

    /// <summary>Max-abs scaling (x / max|x|, offset 0), which keeps 0/1 flags as 0/1.</summary>
    public static FeatureScaling FitMaxAbs(LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var scales = new double[data.Features];
        for (int j = 0; j < data.Features; j++)
        {
            double max = 0;
            for (int i = 0; i < data.Rows; i++) max = Math.Max(max, Math.Abs(data.Row(i)[j]));
            scales[j] = max > 0 ? max : 1;
        }
        return new FeatureScaling([.. new double[data.Features]], [.. scales]);
    }

    /// <summary>Winsorised standardisation: offset = the column mean μ_j, scale = min(k·σ_j, max|x − μ_j|) with σ_j the
    /// column's standard deviation, and values beyond ±1 clamped (<see cref="Winsorised"/>). Every column is centred
    /// (so the intercept is nearly orthogonal to the features, which conditions gradient descent far better than
    /// max-abs scaling of columns far from 0) and bounded in [−1, 1] (so the sigmoid's inputs stay bounded), and a
    /// few extreme values no longer set the scale of a whole column. A 0/1 column keeps two distinct values.
    /// <paramref name="deviations"/> = ∞ gives plain centring, offset μ_j and scale max|x − μ_j|, with nothing clamped.</summary>
    /// <param name="data">The rows the provider seals.</param>
    /// <param name="deviations">k: values beyond μ_j ± k·σ_j are clamped (2 by default).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="deviations"/> is not positive.</exception>
    public static FeatureScaling FitWinsorised(LabeledData data, double deviations = 2)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(deviations > 0)) throw new ArgumentOutOfRangeException(nameof(deviations), "FitWinsorised: the clamp must lie a positive number of deviations out.");
        var offsets = new double[data.Features];
        var scales = new double[data.Features];
        for (int j = 0; j < data.Features; j++)
        {
            double sum = 0;
            for (int i = 0; i < data.Rows; i++) sum += data.Row(i)[j];
            double mean = sum / data.Rows, squares = 0, max = 0;
            for (int i = 0; i < data.Rows; i++)
            {
                double deviation = data.Row(i)[j] - mean;
                squares += deviation * deviation;
                max = Math.Max(max, Math.Abs(deviation));
            }
            double scale = Math.Min(deviations * Math.Sqrt(squares / data.Rows), max);
            offsets[j] = mean;
            scales[j] = scale > 0 ? scale : 1;
        }
        return new FeatureScaling([.. offsets], [.. scales]) { Winsorised = true };
    }

    /// <summary>Whether values beyond ±1 are clamped to ±1 (winsorised) rather than refused, in training and inference alike.</summary>
    public bool Winsorised { get; init; }

    /// <summary>The normalised rows; values outside [−1 − tolerance, 1 + tolerance] are refused, and values within
    /// the tolerance are clamped. A tolerance above zero lets test rows slightly outside the training range through.
    /// A <see cref="Winsorised"/> scaling clamps every value to [−1, 1] and refuses none.</summary>
    /// <exception cref="DatasetException">Column count mismatch, or a value outside the recorded range.</exception>
    public double[][] Apply(LabeledData data, double tolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Features != Columns)
            throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"Normalise: the data has {data.Features} feature columns, the recorded normalisation {Columns}.");
        var result = new double[data.Rows][];
        for (int i = 0; i < data.Rows; i++)
        {
            result[i] = new double[Columns];
            for (int j = 0; j < Columns; j++)
            {
                double v = (data.Row(i)[j] - Offsets[j]) / Scales[j];
                if (!Winsorised && Math.Abs(v) > 1 + tolerance + 1e-12)
                    throw new DatasetException(DatasetProblem.OutsideNormalisation,
                        $"Normalise: row {i}, column {j} = {data.Row(i)[j]} maps to {v:F3}, outside [−1, 1] by more than {tolerance}; " +
                        "the polynomial activation is only valid inside its interval (re-seal the dataset with a wider normalisation).");
                result[i][j] = Math.Clamp(v, -1, 1);
            }
        }
        return result;
    }
}
