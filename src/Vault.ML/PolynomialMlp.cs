using System.Collections.Immutable;
using Vault.Ckks;
using Vault.Rlwe;

namespace Vault.ML;

/// <summary>A one-hidden-layer network with a polynomial activation, o(x) = c + Σ_k v_k·a(W_k·x + b_k), evaluated on
/// encrypted rows (plain layout, intercept 1 in column 0 carrying b_k) with plaintext weights, and in doubles.</summary>
/// <param name="HiddenWeights">W_k (intercept first), one row per hidden unit.</param>
/// <param name="OutputWeights">v_k.</param>
/// <param name="OutputBias">c.</param>
/// <param name="Activation">a's coefficients a_0..a_deg (for example [0, 0, 1] for the square activation).</param>
public sealed record PolynomialMlp(ImmutableArray<ImmutableArray<double>> HiddenWeights, ImmutableArray<double> OutputWeights,
    double OutputBias, ImmutableArray<double> Activation)
{
    /// <summary>o(x) for one row of normalised features (no intercept).</summary>
    public double Evaluate(ReadOnlySpan<double> features)
    {
        double o = OutputBias;
        for (int k = 0; k < HiddenWeights.Length; k++)
        {
            var w = HiddenWeights[k];
            double h = w[0];
            for (int j = 0; j < features.Length; j++) h += w[j + 1] * features[j];
            double a = 0;
            for (int p = Activation.Length - 1; p >= 0; p--) a = a * h + Activation[p];
            o += OutputWeights[k] * a;
        }
        return o;
    }

    /// <summary>Enc(o(x)) per ciphertext of <paramref name="rows"/>: row r's output in slot r·f (other slots hold the
    /// constant c + Σ v_k·a(0), never data). Depth 3 + ⌈log2(deg + 1)⌉.</summary>
    /// <exception cref="DatasetException">The weights do not match the rows' width.</exception>
    public IReadOnlyList<Ciphertext> Evaluate(EncryptedDataset rows, CkksParameters parameters, CkksEvaluator evaluator)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(evaluator);
        if (HiddenWeights.IsDefaultOrEmpty || OutputWeights.Length != HiddenWeights.Length)
            throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"Mlp: {HiddenWeights.Length} hidden units but {OutputWeights.Length} output weights.");
        foreach (var w in HiddenWeights)
            if (w.Length != rows.Layout.Columns || rows.Layout.Doubled)
                throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"Mlp: a hidden unit has {w.Length} weights, the encrypted rows {rows.Layout.Columns} columns.");
        var encoder = new CkksEncoder(parameters);
        var layout = rows.Layout;
        double delta = parameters.DefaultScale;
        var mask = new double[layout.Slots];
        for (int start = 0; start < layout.Slots; start += layout.BlockWidth) mask[start] = 1;
        var activation = Activation.ToArray();
        var result = new List<Ciphertext>();
        foreach (var x in rows.Ciphertexts)
        {
            Ciphertext? output = null;
            for (int k = 0; k < HiddenWeights.Length; k++)
            {
                var wPt = Encode(encoder, parameters, layout.Replicate(HiddenWeights[k].AsSpan()), x.Level, delta * Prime(parameters, x.Level) / x.Scale);
                var h = evaluator.MultiplyPlain(x, wPt);
                evaluator.Rescale(h, h);
                evaluator.InnerSum(h, 1, layout.Stride, h);
                var maskPt = Encode(encoder, parameters, mask, h.Level, Prime(parameters, h.Level));
                evaluator.MultiplyPlain(h, maskPt, h);
                evaluator.Rescale(h, h);
                h.Scale = delta;
                var a = evaluator.EvaluatePolynomial(h, activation, delta);
                var term = evaluator.MultiplyConstantRescale(a, OutputWeights[k], delta);
                if (output is null) output = term;
                else evaluator.Add(output, term, output);
            }
            evaluator.AddConstant(output!, OutputBias, output!);
            result.Add(output!);
        }
        return result;
    }

    private static Plaintext Encode(CkksEncoder encoder, CkksParameters parameters, double[] values, int level, double scale)
    {
        var pt = new Plaintext(parameters.Rlwe, level, scale);
        encoder.Encode(values, level, scale, pt);
        return pt;
    }

    private static double Prime(CkksParameters parameters, int level) => parameters.Rlwe.QPrimes[level];
}
