using Vault.Ckks;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.ML;

/// <summary>Batched scoring of encrypted rows with a linear or logistic model, weights in plaintext or encrypted.
/// Rows are in the plain <see cref="SlotLayout"/> with the intercept 1 in column 0; every ciphertext yields one
/// ciphertext of scores, row r's score in slot r·f and zeros elsewhere (the output mask keeps partial sums of the
/// features out of what is released).</summary>
/// <remarks>Depth: 1 (product and rotation-sum over f slots) + 1 (mask) for linear scores, + ⌈log2(deg + 1)⌉ for the
/// sigmoid, evaluated on t = score/R with the scaled coefficients. On the host or on a ring backend, with the same
/// bytes. Not thread-safe (one evaluator).</remarks>
public sealed class EncryptedInference
{
    private readonly CkksParameters _parameters;
    private readonly RelinearizationKey? _relinearizationKey;
    private readonly GaloisKeys _galoisKeys;
    private readonly CkksEvaluator? _host;
    private readonly IRingBackend? _backend;
    private readonly CkksEncoder _encoder;

    /// <summary>An engine on the host with public evaluation keys (the relinearization key is needed for the sigmoid
    /// and for encrypted weights).</summary>
    public EncryptedInference(CkksParameters parameters, RelinearizationKey? relinearizationKey, GaloisKeys galoisKeys)
        : this(parameters, relinearizationKey, galoisKeys, null)
    {
    }

    /// <summary>An engine whose scoring runs on <paramref name="backend"/> (bound to <c>parameters.Rlwe.Ring</c>): each
    /// call uploads the keys, and each ciphertext of rows once, scores it on the device (product, sum, mask and sigmoid)
    /// and downloads only its scores; the result is the host's byte for byte. The caller disposes the backend.</summary>
    public EncryptedInference(CkksParameters parameters, RelinearizationKey? relinearizationKey, GaloisKeys galoisKeys, IRingBackend? backend)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(galoisKeys);
        if (backend is not null && !ReferenceEquals(backend.Ring, parameters.Rlwe.Ring))
            throw new ArgumentException("EncryptedInference: the backend is bound to another ring than the parameters'.", nameof(backend));
        _parameters = parameters;
        _relinearizationKey = relinearizationKey;
        _galoisKeys = galoisKeys;
        _backend = backend;
        _host = backend is null ? new CkksEvaluator(parameters, relinearizationKey, galoisKeys) : null;
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
        return Score(rows, Weights.Plaintext(weights, factor), null);
    }

    /// <summary>Enc(x·w) per ciphertext for encrypted weights w replicated in the same layout (as
    /// <see cref="EncryptedTrainingResult.Weights"/> holds β/R, or a fresh encryption of it).</summary>
    public IReadOnlyList<Ciphertext> ScoreLinear(EncryptedDataset rows, Ciphertext weights)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(weights);
        return Score(rows, new Weights(null, weights), null);
    }

    /// <summary>Enc(p(x·β)) with p the least-squares sigmoid, for plaintext weights.</summary>
    /// <exception cref="DatasetException">Σ|β_j| exceeds the interval.</exception>
    public IReadOnlyList<Ciphertext> ScoreLogistic(EncryptedDataset rows, ReadOnlySpan<double> weights, SigmoidApproximation sigmoid)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(sigmoid);
        CheckSigmoidInterval(weights, sigmoid.Radius);
        CheckWidth(rows, weights.Length);
        return Score(rows, Weights.Plaintext(weights, 1 / sigmoid.Radius), sigmoid);
    }

    /// <summary>Enc(p(x·β)) for encrypted weights holding β/R (R = the sigmoid radius).</summary>
    public IReadOnlyList<Ciphertext> ScoreLogistic(EncryptedDataset rows, Ciphertext scaledWeights, SigmoidApproximation sigmoid)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(scaledWeights);
        ArgumentNullException.ThrowIfNull(sigmoid);
        return Score(rows, new Weights(null, scaledWeights), sigmoid);
    }

    /// <summary>The scores of the rows of one ciphertext from its decrypted slots (slot r·f for row r).</summary>
    public static double[] DecodeScores(SlotLayout layout, ReadOnlySpan<double> slots, int rows)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var scores = new double[Math.Min(rows, layout.RowsPerCiphertext)];
        for (int r = 0; r < scores.Length; r++) scores[r] = slots[r * layout.BlockWidth];
        return scores;
    }

    /// <summary>The model: plaintext weights (already multiplied by the factor) or an encrypted weights ciphertext.</summary>
    private readonly record struct Weights(double[]? Plain, Ciphertext? Encrypted)
    {
        /// <summary>Plaintext weights, each multiplied by <paramref name="factor"/>.</summary>
        public static Weights Plaintext(ReadOnlySpan<double> weights, double factor)
        {
            var scaled = new double[weights.Length];
            for (int j = 0; j < scaled.Length; j++) scaled[j] = weights[j] * factor;
            return new Weights(scaled, null);
        }
    }

    private List<Ciphertext> Score(EncryptedDataset rows, Weights weights, SigmoidApproximation? sigmoid)
    {
        if (_host is not null) return Score(_host, rows, weights, sigmoid, ct => ct, ct => ct);
        using var device = new BackendCkksEvaluator(_parameters, _backend!, _relinearizationKey, _galoisKeys);
        return Score(device, rows, weights, sigmoid, device.Upload, ct =>
        {
            using (ct) return device.Download(ct);
        });
    }

    /// <summary>Scores every ciphertext of <paramref name="rows"/> on <paramref name="ev"/>: <paramref name="load"/> brings
    /// a host ciphertext to it, <paramref name="unload"/> takes a result back (and frees it).</summary>
    private List<Ciphertext> Score<TCiphertext, TPlaintext>(ICkksEvaluator<TCiphertext, TPlaintext> ev, EncryptedDataset rows, Weights weights,
        SigmoidApproximation? sigmoid, Func<Ciphertext, TCiphertext> load, Func<TCiphertext, Ciphertext> unload)
        where TCiphertext : class, ILeveledCiphertext
        where TPlaintext : class
    {
        var coefficients = sigmoid?.ScaledCoefficients.ToArray();
        var encrypted = weights.Encrypted is null ? null : load(weights.Encrypted);
        var result = new List<Ciphertext>();
        try
        {
            foreach (var row in rows.Ciphertexts)
            {
                var x = load(row);
                var p = ev.NewCiphertext(x.Level, x.Scale);
                try
                {
                    if (encrypted is null)
                    {
                        var pt = ev.Load(Encode(rows.Layout.Replicate(weights.Plain!), x.Level, _parameters.DefaultScale * Prime(x.Level) / x.Scale));
                        ev.MultiplyPlain(x, pt, p);
                        Release(pt);
                        ev.Rescale(p, p);
                    }
                    else
                    {
                        // The product's scale is s_x·s_w/q_ℓ, not exactly Δ; the scores carry their own scale (no level spent on it).
                        ev.MultiplyRelinearizeRescale(x, encrypted, p);
                    }
                    SumAndMask(ev, rows.Layout, p);
                    if (coefficients is not null) ev.EvaluatePolynomial(p, coefficients, _parameters.DefaultScale, p);
                    result.Add(unload(p));
                }
                catch
                {
                    Release(p);
                    throw;
                }
                finally
                {
                    if (!ReferenceEquals(x, row)) Release(x);
                }
            }
            return result;
        }
        finally
        {
            Release(encrypted);
        }
    }

    /// <summary>Sums each row's f products into its first slot and keeps only those slots, in place (one level).</summary>
    private void SumAndMask<TCiphertext, TPlaintext>(ICkksEvaluator<TCiphertext, TPlaintext> ev, SlotLayout layout, TCiphertext product)
        where TCiphertext : class, ILeveledCiphertext
        where TPlaintext : class
    {
        ev.InnerSum(product, 1, layout.Stride, product);
        var mask = new double[layout.Slots];
        for (int start = 0; start < layout.Slots; start += layout.BlockWidth) mask[start] = 1;
        double scale = product.Scale;
        var maskPt = ev.Load(Encode(mask, product.Level, Prime(product.Level)));
        ev.MultiplyPlain(product, maskPt, product);
        Release(maskPt);
        ev.Rescale(product, product);
        product.Scale = scale;    // Δ·q_ℓ/q_ℓ
    }

    private static void Release(object? item) => (item as IDisposable)?.Dispose();

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
