using Vault.Ckks;
using Vault.Rlwe;
using Vault.Testing;

namespace Vault.ML.Tests;

/// <summary>Synthetic data and encryption helpers shared by the ML tests.</summary>
internal static class MLTestData
{
    /// <summary>INSECURE, for fast tests only: N = 2^10 (512 slots), 12 levels of 40 bits, Δ = 2^40.</summary>
    public static CkksParameterSpec LogN10Deep { get; } = new()
    {
        LogN = 10,
        LogQ = [58, .. Enumerable.Repeat(40, 12)],
        LogP = [58, 58],
        LogDefaultScale = 40,
        Security = SecurityLevel.InsecureTestOnly,
    };

    /// <summary>n rows of d features uniform in [−1, 1] with labels from a noisy logistic model (seeded).</summary>
    public static LabeledData Logistic(int n, int d, int salt)
    {
        var random = TestSeed.Random(salt);
        var truth = Enumerable.Range(0, d + 1).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var rows = new double[n][];
        var labels = new double[n];
        for (int i = 0; i < n; i++)
        {
            rows[i] = Enumerable.Range(0, d).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            double u = truth[0];
            for (int j = 0; j < d; j++) u += truth[j + 1] * rows[i][j];
            labels[i] = random.NextDouble() < SigmoidApproximation.Sigmoid(u) ? 1 : 0;
        }
        return LabeledData.Create(rows, labels, binary: true);
    }

    /// <summary>n rows of d features uniform in [−1, 1] with y = x·b + 0.1·noise, scaled into [−1, 1].</summary>
    public static LabeledData Linear(int n, int d, int salt)
    {
        var random = TestSeed.Random(salt);
        var truth = Enumerable.Range(0, d + 1).Select(_ => random.NextDouble() - 0.5).ToArray();
        var rows = new double[n][];
        var targets = new double[n];
        for (int i = 0; i < n; i++)
        {
            rows[i] = Enumerable.Range(0, d).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            double y = truth[0];
            for (int j = 0; j < d; j++) y += truth[j + 1] * rows[i][j];
            targets[i] = (y + 0.1 * (random.NextDouble() - 0.5)) / (d + 1);
        }
        return LabeledData.Create(rows, targets, binary: false);
    }

    /// <summary>Encrypts packed slot vectors at the top level and default scale.</summary>
    public static List<Ciphertext> Encrypt(CkksTestContext ctx, double[][] vectors)
    {
        var result = new List<Ciphertext>();
        foreach (var v in vectors)
        {
            var pt = new Plaintext(ctx.Parameters.Rlwe, ctx.Parameters.MaxLevel, ctx.Parameters.DefaultScale);
            ctx.Encoder.Encode(v, pt.Level, pt.Scale, pt);
            result.Add(ctx.Encryptor.Encrypt(pt));
        }
        return result;
    }

    /// <summary>Decrypts and decodes the real parts of all slots.</summary>
    public static double[] Decrypt(CkksTestContext ctx, Ciphertext ct) => ctx.Encoder.DecodeReal(ctx.Decryptor.Decrypt(ct));

    /// <summary>Largest |a_i − b_i|.</summary>
    public static double MaxDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
