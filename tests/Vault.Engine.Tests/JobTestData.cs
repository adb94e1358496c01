using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Vault.Ckks;
using Vault.Engine.Datasets;
using Vault.Engine.Jobs;
using Vault.Ethereum;
using Vault.Ipfs;
using Vault.Testing;

namespace Vault.Engine.Tests;

/// <summary>Small training datasets and jobs for the engine tests.</summary>
internal static class JobTestData
{
    /// <summary>INSECURE, for fast tests only: N = 2^10 (512 slots), 7 levels of 40 bits: two logistic steps of degree 3.</summary>
    public static CkksParameterSpec LogN10Training { get; } = new()
    {
        LogN = 10,
        LogQ = [58, .. Enumerable.Repeat(40, 7)],
        LogP = [58, 58],
        LogDefaultScale = 40,
        Security = SecurityLevel.InsecureTestOnly,
    };

    /// <summary>A CSV with a header x1..x<paramref name="d"/>,y: features uniform in [0, 10], a 0/1 label from a noisy logistic model.</summary>
    public static string LogisticCsv(int n, int d, int salt)
    {
        var random = TestSeed.Random(salt);
        var truth = Enumerable.Range(0, d + 1).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', Enumerable.Range(1, d).Select(j => $"x{j}").Append("y")));
        for (int i = 0; i < n; i++)
        {
            var x = Enumerable.Range(0, d).Select(_ => Math.Round(random.NextDouble() * 10, 3)).ToArray();
            double u = truth[0] + x.Select((v, j) => truth[j + 1] * (v / 5 - 1)).Sum();
            int y = random.NextDouble() < 1 / (1 + Math.Exp(-3 * u)) ? 1 : 0;
            text.AppendLine(string.Join(',', x.Select(v => v.ToString(CultureInfo.InvariantCulture)).Append(y.ToString(CultureInfo.InvariantCulture))));
        }
        return text.ToString();
    }

    public static async Task<SealResult> SealLogisticAsync(SealingContext context, string csv, TrainingDesign design = TrainingDesign.Logistic, int? seed = 7)
    {
        var request = context.RequestForText(csv, null) with { TrainingDesign = design, Label = "y" };
        if (seed is int s) request = request with { Randomness = new Vault.Ring.Prng(TestSeed.PrngSeed(s)) };
        return await DatasetSealer.SealAsync(request, context.Store);
    }

    public static JobSpec Job(Cid dataset, EthereumKey buyer, string algorithm = "logistic-regression", IDictionary<string, double>? hyperparameters = null, string nonce = "000102030405060708090a0b0c0d0e0f") => new()
    {
        Dataset = dataset,
        Algorithm = algorithm,
        Hyperparameters = (hyperparameters ?? new Dictionary<string, double> { ["iterations"] = 2, ["degree"] = 3 }).ToImmutableSortedDictionary(StringComparer.Ordinal),
        Buyer = buyer.Address,
        BuyerPublicKey = Convert.ToHexStringLower(buyer.PublicKey.Span),
        Nonce = nonce,
    };

    public static EthereumKey Buyer() => EthereumKey.FromPrivateKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
}
