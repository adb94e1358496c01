namespace Vault.ML;

/// <summary>A table of feature rows with one target per row (a 0/1 label for classification, a real value for
/// regression), validated once: every row has the same column count and every value is finite.</summary>
public sealed class LabeledData
{
    private readonly double[][] _rows;
    private readonly double[] _targets;

    private LabeledData(double[][] rows, double[] targets)
    {
        _rows = rows;
        _targets = targets;
    }

    /// <summary>Number of rows n.</summary>
    public int Rows => _rows.Length;

    /// <summary>Number of feature columns d (no intercept).</summary>
    public int Features => _rows[0].Length;

    /// <summary>Row i (do not modify).</summary>
    public ReadOnlySpan<double> Row(int i) => _rows[i];

    /// <summary>Target i.</summary>
    public double Target(int i) => _targets[i];

    /// <summary>All targets (a copy).</summary>
    public double[] Targets() => (double[])_targets.Clone();

    /// <summary>Validates and copies the data.</summary>
    /// <exception cref="DatasetException">Empty, ragged, non-finite, or (when <paramref name="binary"/>) a label not in {0, 1}.</exception>
    public static LabeledData Create(IReadOnlyList<double[]> rows, IReadOnlyList<double> targets, bool binary)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(targets);
        if (rows.Count == 0 || rows[0].Length == 0)
            throw new DatasetException(DatasetProblem.Empty, "Dataset: no rows or no feature columns.");
        if (targets.Count != rows.Count)
            throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"Dataset: {rows.Count} rows but {targets.Count} targets.");
        int d = rows[0].Length;
        var copy = new double[rows.Count][];
        var t = new double[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != d)
                throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"Dataset: row {i} has {rows[i].Length} columns, row 0 has {d}.");
            for (int j = 0; j < d; j++)
                if (!double.IsFinite(rows[i][j]))
                    throw new DatasetException(DatasetProblem.NonFinite, $"Dataset: row {i}, column {j} is {rows[i][j]} (NaN or infinite values are not allowed).");
            if (!double.IsFinite(targets[i]))
                throw new DatasetException(DatasetProblem.NonFinite, $"Dataset: the target of row {i} is {targets[i]}.");
            if (binary && targets[i] is not (0.0 or 1.0))
                throw new DatasetException(DatasetProblem.InvalidLabel, $"Dataset: the label of row {i} is {targets[i]}; binary labels must be 0 or 1.");
            copy[i] = (double[])rows[i].Clone();
            t[i] = targets[i];
        }
        return new LabeledData(copy, t);
    }

    /// <summary>The rows at <paramref name="indices"/>, in that order.</summary>
    public LabeledData Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var rows = new double[indices.Count][];
        var t = new double[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            rows[i] = _rows[indices[i]];
            t[i] = _targets[indices[i]];
        }
        if (rows.Length == 0) throw new DatasetException(DatasetProblem.Empty, "Dataset: empty subset.");
        return new LabeledData(rows, t);
    }

    /// <summary>Stratified k-fold split (seeded): fold f's test indices keep the label proportions.</summary>
    public IReadOnlyList<(int[] Train, int[] Test)> StratifiedFolds(int folds, int seed)
    {
        if (folds < 2 || folds > Rows) throw new ArgumentOutOfRangeException(nameof(folds), $"StratifiedFolds: {folds} folds for {Rows} rows.");
        var random = new Random(seed);
        var assignment = new int[Rows];
        int next = 0;
        foreach (var group in Enumerable.Range(0, Rows).GroupBy(i => _targets[i] > 0.5).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            foreach (int i in members) assignment[i] = next++ % folds;
        }
        var result = new List<(int[], int[])>();
        for (int f = 0; f < folds; f++)
        {
            var test = Enumerable.Range(0, Rows).Where(i => assignment[i] == f).ToArray();
            var train = Enumerable.Range(0, Rows).Where(i => assignment[i] != f).ToArray();
            result.Add((train, test));
        }
        return result;
    }
}
