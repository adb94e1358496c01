using Vault.Ckks;
using Vault.Rlwe;

namespace Vault.ML;

/// <summary>Linear scores x·β of rows sealed column by column (one ciphertext per column per block of rows, the
/// sealed dataset's column-major packing): score = β_0 + Σ_j β_j·X_j, a plaintext-constant product per column at an
/// exact common scale, then additions — one level, no rotation, no evaluation key. Slot i of the result is the score
/// of row i of the block.</summary>
public sealed class EncryptedColumnScoring
{
    private readonly CkksParameters _parameters;
    private readonly CkksEvaluator _evaluator;

    /// <summary>A scorer for <paramref name="parameters"/> (public material only: no key is needed).</summary>
    public EncryptedColumnScoring(CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
        _evaluator = new CkksEvaluator(parameters);
    }

    /// <summary>The scores of one block: <paramref name="weights"/> = intercept, then one weight per column of
    /// <paramref name="columns"/> (all at one level and scale, level ≥ 1). The result is one level down at the default scale.</summary>
    /// <exception cref="DatasetException">The weights do not match the columns, or the columns differ in level or scale.</exception>
    /// <exception cref="JobPlanException">The columns are at level 0.</exception>
    public Ciphertext Score(IReadOnlyList<Ciphertext> columns, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0 || weights.Length != columns.Count + 1)
            throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"Score: {weights.Length} weights for {columns.Count} columns (+1 intercept).");
        foreach (double w in weights)
            if (!double.IsFinite(w)) throw new DatasetException(DatasetProblem.NonFinite, "Score: weights must be finite.");
        int level = columns[0].Level;
        double scale = columns[0].Scale;
        foreach (var c in columns)
            if (c.Level != level || c.Scale != scale)
                throw new DatasetException(DatasetProblem.ColumnCountMismatch, "Score: the column ciphertexts sit at different levels or scales.");
        if (level == 0) throw new JobPlanException("Score: the columns are at level 0; scoring needs one level.");
        var sum = _evaluator.MultiplyConstantRescale(columns[0], weights[1], _parameters.DefaultScale);
        var term = new Ciphertext(_parameters.Rlwe, level - 1, _parameters.DefaultScale);
        for (int j = 1; j < columns.Count; j++)
        {
            _evaluator.MultiplyConstantRescale(columns[j], weights[j + 1], _parameters.DefaultScale, term);
            _evaluator.Add(sum, term, sum);
        }
        _evaluator.AddConstant(sum, weights[0], sum);
        return sum;
    }
}
