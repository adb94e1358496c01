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

    /// <summary>The normalised rows; values outside [−1 − tolerance, 1 + tolerance] are refused, and values within
    /// the tolerance are clamped. A tolerance above zero lets test rows slightly outside the training range through.</summary>
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
                if (Math.Abs(v) > 1 + tolerance + 1e-12)
                    throw new DatasetException(DatasetProblem.OutsideNormalisation,
                        $"Normalise: row {i}, column {j} = {data.Row(i)[j]} maps to {v:F3}, outside [−1, 1] by more than {tolerance}; " +
                        "the polynomial activation is only valid inside its interval (re-seal the dataset with a wider normalisation).");
                result[i][j] = Math.Clamp(v, -1, 1);
            }
        }
        return result;
    }
}
