using Vault.Ckks;
using Vault.Rlwe;

namespace Vault.ML;

/// <summary>Encrypted count, column sums, means and the covariance matrix (variances on its diagonal) of rows in the
/// plain <see cref="SlotLayout"/> with a ones column at index 0 (whose sum is the count).</summary>
/// <remarks>
/// <para>Sums: the ciphertexts are added and summed over rows by rotations of f, 2f, …, N/4 (no level); slot j of
/// every block holds Σ_i x_ij. Means: × 1/n (n is public metadata), one level.</para>
/// <para>Covariance by diagonals: for each offset r, X ⊙ rot(X, r) holds x_j·x_(j+r); a plaintext mask with value 1/n
/// keeps only pairs inside a row (so no cross-row product is ever summed or released) and the row-sum gives
/// E[x_j·x_(j+r)]; subtracting μ_j·μ_(j+r) gives cov(j, j + r). Depth 2.</para>
/// <para>Correlation needs 1/√(var_j·var_k). It is computed on the released (decrypted) covariance aggregates, not on
/// ciphertext: a Newton or polynomial inverse square root would need an a-priori range for the variances and several
/// more levels for no privacy gain, since the covariance is what the job releases.</para>
/// </remarks>
public sealed class EncryptedStatistics
{
    /// <summary>Levels the job consumes.</summary>
    public const int Depth = 2;

    private readonly CkksParameters _parameters;
    private readonly CkksEvaluator _evaluator;
    private readonly CkksEncoder _encoder;

    /// <summary>An engine with public evaluation keys.</summary>
    public EncryptedStatistics(CkksParameters parameters, RelinearizationKey relinearizationKey, GaloisKeys galoisKeys)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
        _evaluator = new CkksEvaluator(parameters, relinearizationKey, galoisKeys);
        _encoder = new CkksEncoder(parameters);
    }

    /// <summary>Rotation steps: every power of two below N/2 (offsets are composed from them).</summary>
    public static IReadOnlyList<int> RotationSteps(SlotLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return CkksEvaluator.InnerSumSteps(1, layout.Slots);
    }

    /// <summary>Enc(Σ_i x_ij) in slot j of every block (slot 0: the count).</summary>
    public Ciphertext Sums(EncryptedDataset rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sum = _evaluator.NewCiphertext(rows.Ciphertexts[0].Level, rows.Ciphertexts[0].Scale);
        rows.Ciphertexts[0].CopyTo(sum);
        for (int b = 1; b < rows.Ciphertexts.Count; b++) _evaluator.Add(sum, rows.Ciphertexts[b], sum);
        _evaluator.InnerSum(sum, rows.Layout.Stride, rows.Layout.Slots / rows.Layout.Stride, sum);
        return sum;
    }

    /// <summary>Enc(mean_j) in slot j of every block.</summary>
    public Ciphertext Means(EncryptedDataset rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sums = Sums(rows);
        return _evaluator.MultiplyConstantRescale(sums, 1.0 / rows.Rows, _parameters.DefaultScale);
    }

    /// <summary>Enc(cov(j, j + r)) in slot j of every block, for r = 0..c−1 (population covariance; r = 0 gives the
    /// variances). Index 0 is the ones column, whose entries are zero.</summary>
    public IReadOnlyList<Ciphertext> CovarianceDiagonals(EncryptedDataset rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var layout = rows.Layout;
        double delta = _parameters.DefaultScale;
        var sums = Sums(rows);
        // μ at scale √(Δ·q_(ℓ−1)), so μ_j·μ_k lands exactly on Δ after its rescale, like the masked moments.
        double meanScale = Math.Sqrt(delta * Prime(sums.Level - 1));
        var means = _evaluator.MultiplyConstantRescale(sums, 1.0 / rows.Rows, meanScale);
        var result = new List<Ciphertext>();
        for (int r = 0; r < layout.Columns; r++)
        {
            var mask = new double[layout.Slots];
            for (int start = 0; start < layout.Slots; start += layout.BlockWidth)
                for (int j = 0; j + r < layout.Columns; j++) mask[start + j] = 1.0 / rows.Rows;
            Ciphertext? moment = null;
            foreach (var x in rows.Ciphertexts)
            {
                var shifted = _evaluator.Rotate(x, r);
                var product = _evaluator.NewCiphertext(x.Level, x.Scale);
                _evaluator.MultiplyRelinearizeRescale(x, shifted, product);
                var maskPt = Encode(mask, product.Level, delta * Prime(product.Level) / product.Scale);
                _evaluator.MultiplyPlain(product, maskPt, product);
                _evaluator.Rescale(product, product);
                if (moment is null) moment = product;
                else _evaluator.Add(moment, product, moment);
            }
            _evaluator.InnerSum(moment!, layout.Stride, layout.Slots / layout.Stride, moment!);
            var shiftedMeans = _evaluator.Rotate(means, r);
            var meanProduct = _evaluator.NewCiphertext(means.Level, means.Scale);
            _evaluator.MultiplyRelinearizeRescale(means, shiftedMeans, meanProduct);
            meanProduct.Scale = moment!.Scale;   // both Δ up to double rounding
            _evaluator.Sub(moment!, meanProduct, moment!);
            result.Add(moment!);
        }
        return result;
    }

    /// <summary>The c × c covariance matrix from the decrypted diagonals (slot j of diagonal r is cov(j, j + r)).</summary>
    public static double[,] CovarianceMatrix(IReadOnlyList<double[]> decryptedDiagonals, int columns)
    {
        ArgumentNullException.ThrowIfNull(decryptedDiagonals);
        var c = new double[columns, columns];
        for (int r = 0; r < columns; r++)
            for (int j = 0; j + r < columns; j++)
                c[j, j + r] = c[j + r, j] = decryptedDiagonals[r][j];
        return c;
    }

    /// <summary>Correlations from a (released, decrypted) covariance matrix: cov(j, k)/√(var_j·var_k); NaN for a
    /// zero-variance column.</summary>
    public static double[,] Correlation(double[,] covariance)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        int n = covariance.GetLength(0);
        var r = new double[n, n];
        for (int j = 0; j < n; j++)
            for (int k = 0; k < n; k++)
            {
                double d = Math.Sqrt(covariance[j, j] * covariance[k, k]);
                r[j, k] = d > 0 ? covariance[j, k] / d : double.NaN;
            }
        return r;
    }

    private Plaintext Encode(double[] values, int level, double scale)
    {
        var pt = new Plaintext(_parameters.Rlwe, level, scale);
        _encoder.Encode(values, level, scale, pt);
        return pt;
    }

    private double Prime(int level) => _parameters.Rlwe.QPrimes[level];
}
