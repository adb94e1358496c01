using Vault.Ckks;
using Vault.Rlwe;

namespace Vault.ML;

/// <summary>Batched scoring of encrypted rows with a linear or logistic model, weights in plaintext or encrypted.
/// Rows are in the plain <see cref="SlotLayout"/> with the intercept 1 in column 0; every ciphertext yields one
/// ciphertext of scores, row r's score in slot r·f and zeros elsewhere (the output mask keeps partial sums of the
/// features out of what is released).</summary>
/// <remarks>Depth: 1 (product and rotation-sum over f slots) + 1 (mask) for linear scores, + ⌈log2(deg + 1)⌉ for the
/// sigmoid, evaluated on t = score/R with the scaled coefficients. Not thread-safe (one evaluator).</remarks>
public sealed class EncryptedInference
{
    private readonly CkksParameters _parameters;
    private readonly CkksEvaluator _evaluator;
    private readonly CkksEncoder _encoder;

    /// <summary>An engine with public evaluation keys (the relinearization key is needed for the sigmoid and for
    /// encrypted weights).</summary>
    public EncryptedInference(CkksParameters parameters, RelinearizationKey? relinearizationKey, GaloisKeys galoisKeys)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
        _evaluator = new CkksEvaluator(parameters, relinearizationKey, galoisKeys);
        _encoder = new CkksEncoder(parameters);
    }

    /// <summary>Rotation steps for rows in <paramref name="layout"/>: 1, 2, …, f/2.</summary>
    public static IReadOnlyList<int> RotationSteps(SlotLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return CkksEvaluator.InnerSumSteps(1, layout.Stride);
    }

    /// <summary>Refuses weights whose scores can leave [−R, R]: with normalised features in [−1, 1] and the intercept,
    /// |x·β| ≤ Σ_j |β_j|.</summary>
    /// <exception cref="DatasetException">Σ|β_j| &gt; R (Problem = OutsideNormalisation).</exception>
    public static void CheckSigmoidInterval(ReadOnlySpan<double> weights, double radius)
    {
        double bound = 0;
        foreach (double w in weights) bound += Math.Abs(w);
        if (bound > radius)
            throw new DatasetException(DatasetProblem.OutsideNormalisation,
                $"Infer: scores can reach ±{bound:F2} (Σ|β_j| with normalised features), outside the sigmoid interval [−{radius}, {radius}]; " +
                "use a wider interval (a larger radius) or return linear scores.");
    }

    /// <summary>Enc(x·β·<paramref name="factor"/>) per ciphertext for plaintext weights β (intercept first).</summary>
    /// <exception cref="DatasetException">The weight count does not match the layout.</exception>
    public IReadOnlyList<Ciphertext> ScoreLinear(EncryptedDataset rows, ReadOnlySpan<double> weights, double factor = 1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        CheckWidth(rows, weights.Length);
        var scaled = new double[weights.Length];
        for (int j = 0; j < scaled.Length; j++) scaled[j] = weights[j] * factor;
        var result = new List<Ciphertext>();
        foreach (var x in rows.Ciphertexts)
        {
            var pt = Encode(rows.Layout.Replicate(scaled), x.Level, _parameters.DefaultScale * Prime(x.Level) / x.Scale);
            var p = _evaluator.MultiplyPlain(x, pt);
            _evaluator.Rescale(p, p);
            result.Add(SumAndMask(rows.Layout, p));
        }
        return result;
    }

    /// <summary>Enc(x·w) per ciphertext for encrypted weights w replicated in the same layout (as
    /// <see cref="EncryptedTrainingResult.Weights"/> holds β/R, or a fresh encryption of it).</summary>
    public IReadOnlyList<Ciphertext> ScoreLinear(EncryptedDataset rows, Ciphertext weights)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(weights);
        var result = new List<Ciphertext>();
        foreach (var x in rows.Ciphertexts)
        {
            // The product's scale is s_x·s_w/q_ℓ, not exactly Δ; the scores carry their own scale (no level spent on it).
            var p = _evaluator.NewCiphertext(x.Level, x.Scale);
            _evaluator.MultiplyRelinearizeRescale(x, weights, p);
            result.Add(SumAndMask(rows.Layout, p));
        }
        return result;
    }

    /// <summary>Enc(p(x·β)) with p the least-squares sigmoid, for plaintext weights.</summary>
    /// <exception cref="DatasetException">Σ|β_j| exceeds the interval.</exception>
    public IReadOnlyList<Ciphertext> ScoreLogistic(EncryptedDataset rows, ReadOnlySpan<double> weights, SigmoidApproximation sigmoid)
    {
        ArgumentNullException.ThrowIfNull(sigmoid);
        CheckSigmoidInterval(weights, sigmoid.Radius);
        return Sigmoid(ScoreLinear(rows, weights, 1 / sigmoid.Radius), sigmoid);
    }

    /// <summary>Enc(p(x·β)) for encrypted weights holding β/R (R = the sigmoid radius).</summary>
    public IReadOnlyList<Ciphertext> ScoreLogistic(EncryptedDataset rows, Ciphertext scaledWeights, SigmoidApproximation sigmoid)
    {
        ArgumentNullException.ThrowIfNull(sigmoid);
        return Sigmoid(ScoreLinear(rows, scaledWeights), sigmoid);
    }

    /// <summary>The scores of the rows of one ciphertext from its decrypted slots (slot r·f for row r).</summary>
    public static double[] DecodeScores(SlotLayout layout, ReadOnlySpan<double> slots, int rows)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var scores = new double[Math.Min(rows, layout.RowsPerCiphertext)];
        for (int r = 0; r < scores.Length; r++) scores[r] = slots[r * layout.BlockWidth];
        return scores;
    }

    private List<Ciphertext> Sigmoid(IReadOnlyList<Ciphertext> scores, SigmoidApproximation sigmoid)
    {
        var coefficients = sigmoid.ScaledCoefficients.ToArray();
        var result = new List<Ciphertext>();
        foreach (var s in scores) result.Add(_evaluator.EvaluatePolynomial(s, coefficients, _parameters.DefaultScale));
        return result;
    }

    private Ciphertext SumAndMask(SlotLayout layout, Ciphertext product)
    {
        _evaluator.InnerSum(product, 1, layout.Stride, product);
        var mask = new double[layout.Slots];
        for (int start = 0; start < layout.Slots; start += layout.BlockWidth) mask[start] = 1;
        var maskPt = Encode(mask, product.Level, Prime(product.Level));
        var masked = _evaluator.MultiplyPlain(product, maskPt);
        _evaluator.Rescale(masked, masked);
        masked.Scale = product.Scale;    // Δ·q_ℓ/q_ℓ
        return masked;
    }

    private static void CheckWidth(EncryptedDataset rows, int weights)
    {
        if (rows.Layout.Doubled || weights != rows.Layout.Columns)
            throw new DatasetException(DatasetProblem.ColumnCountMismatch,
                $"Infer: the model has {weights} weights (intercept + features) but the encrypted rows have {rows.Layout.Columns} columns{(rows.Layout.Doubled ? " in the training layout" : "")}.");
    }

    private Plaintext Encode(double[] values, int level, double scale)
    {
        var pt = new Plaintext(_parameters.Rlwe, level, scale);
        _encoder.Encode(values, level, scale, pt);
        return pt;
    }

    private double Prime(int level) => _parameters.Rlwe.QPrimes[level];
}
