using System.Text;
using Vault.Engine.Datasets;
using Vault.Engine.Jobs;
using Vault.Engine.Tests;
using Vault.Ethereum;
using Vault.Ipfs;

namespace Vault.Gate.Tests;

/// <summary>A provider with a sealed training dataset under a given policy, its gate, and a buyer.</summary>
internal sealed class GateContext : IDisposable
{
    public const int Rows = 300, Features = 4;
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private GateContext(SealingContext provider, SealResult sealedSet, string csv)
    {
        Provider = provider;
        Dataset = sealedSet;
        Csv = csv;
        Buyer = JobTestData.Buyer();
        Signer = EthereumKey.FromPrivateKey(Enumerable.Repeat((byte)0x42, 32).ToArray());
        Engine = new IsolatedEngine(provider.Store, threads: 2, allowInsecure: true);
    }

    public SealingContext Provider { get; }
    public SealResult Dataset { get; }
    public string Csv { get; }
    public EthereumKey Buyer { get; }
    public EthereumKey Signer { get; }
    public IsolatedEngine Engine { get; }
    public string StateDirectory => Path.Combine(Provider.TempDirectory, "gate");

    /// <summary>A logistic policy with the engine's digest, iterations 1–3, re-execution, 20 released bits.</summary>
    public static string Policy(int minimumCohort = 100, int maxIterations = 3, int jobsPerBuyer = 5, string expires = "2027-12-31T00:00:00Z", bool reexecute = true, string algorithm = "logistic-regression") => $$"""
        version: 1
        name: gate-test
        expires: {{expires}}
        buyers: open
        minimumCohort: {{minimumCohort}}
        algorithms:
          - id: {{algorithm}}
            digest: {{AlgorithmCatalog.All[algorithm].Digest}}
            hyperparameters:
              iterations: { min: 1, max: {{maxIterations}} }
              learningRate: { min: 0.1, max: 20 }
        {{(algorithm == "logistic-regression" ? "      degree: { allowed: [3, 5, 7] }" : "      ridgeLambda: { min: 0, max: 10 }")}}
            outputs:
              - kind: model-weights
                maxValues: 64
        budgets:
          jobsPerBuyer: { count: {{jobsPerBuyer}}, period: P30D }
          totalDecryptions: 10
        release:
          reexecute: {{(reexecute ? "true" : "false")}}
          precisionBits: 20
        """;

    public static async Task<GateContext> CreateAsync(string policy, int salt = 21)
    {
        var provider = new SealingContext(JobTestData.LogN10Training, salt);
        string csv = JobTestData.LogisticCsv(Rows, Features, salt: 5);
        var request = provider.RequestForText(csv, null) with
        {
            TrainingDesign = TrainingDesign.Logistic,
            Label = "y",
            Policy = Encoding.UTF8.GetBytes(policy),
            Randomness = new Vault.Ring.Prng(Vault.Testing.TestSeed.PrngSeed(salt)),
        };
        var sealedSet = await DatasetSealer.SealAsync(request, provider.Store);
        return new GateContext(provider, sealedSet, csv);
    }

    public ReleaseGate Gate(DateTimeOffset? now = null, IContentStore? store = null) => new(store ?? Provider.Store, Provider.KeyDirectory, Signer, null, new GateOptions
    {
        StateDirectory = StateDirectory,
        Clock = () => now ?? Now,
        Threads = 2,
        AllowInsecure = true,
        ChainId = 31337,
        Contract = EthereumAddress.Parse("0x5fbdb2315678afecb367f032d93f642f64180aa3"),
    });

    public JobSpec Job(int iterations = 2, string nonce = "000102030405060708090a0b0c0d0e0f", string algorithm = "logistic-regression") =>
        JobTestData.Job(Dataset.ManifestCid, Buyer, algorithm,
            algorithm == "logistic-regression" ? new Dictionary<string, double> { ["iterations"] = iterations, ["degree"] = 3 } : new Dictionary<string, double> { ["iterations"] = iterations },
            nonce);

    /// <summary>The gate's ledger as it is on disk now.</summary>
    public GateLedger Ledger() => GateLedger.Open(Path.Combine(StateDirectory, "ledger.json"));

    public async Task<Cid> RunAsync(JobSpec job) => (await Engine.RunAsync(job)).TranscriptCid;

    public void Dispose()
    {
        Buyer.Dispose();
        Signer.Dispose();
        Provider.Dispose();
    }
}
