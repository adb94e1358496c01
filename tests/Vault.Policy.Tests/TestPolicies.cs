namespace Vault.Policy.Tests;

/// <summary>The shipped examples, a small valid policy with known line numbers, and a job it allows.</summary>
internal static class TestPolicies
{
    /// <summary>The repository root (the folder holding Vault.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>enclave-policies/.</summary>
    public static string ExamplesDirectory => Path.Combine(RepositoryRoot, "enclave-policies");

    public static readonly string[] Examples = ["hospital-default.yaml", "research-consortium.yaml", "deny-all.yaml"];

    public static string ReadExample(string file) => File.ReadAllText(Path.Combine(ExamplesDirectory, file));

    public const string Buyer = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
    public const string OtherBuyer = "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359";
    public const string Digest = "sha256:11b5b3c567503d28ba4ed08a8d618e99fe329058111509d61300765346250611";
    public const string OtherDigest = "sha256:9ad8ab9e14123600dd53da0ab80a31e05def53fba18710e90b85dabc5dbfd943";

    /// <summary>In force on [2026-01-01, 2027-01-01); the buyer above only; logistic regression on ≥ 100 rows; 2 jobs
    /// per buyer per 30 days; 3 decryptions. Line numbers matter: the parser tests point into this text.</summary>
    public const string Baseline = """
        version: 1
        name: test
        validFrom: 2026-01-01T00:00:00Z
        expires: 2027-01-01T00:00:00Z
        buyers: ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"]
        minimumCohort: 100
        algorithms:
          - id: logistic-regression
            digest: sha256:11b5b3c567503d28ba4ed08a8d618e99fe329058111509d61300765346250611
            hyperparameters:
              iterations: { min: 1, max: 10 }
              degree: { allowed: [3, 5, 7] }
              learningRate: { min: 0.1, max: 20 }
            outputs:
              - kind: model-weights
                maxValues: 64
        budgets:
          jobsPerBuyer: { count: 2, period: P30D }
          totalDecryptions: 3
        release:
          reexecute: true
          precisionBits: 20

        """;

    /// <summary>Inside the baseline's validity.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static EnclavePolicy BaselinePolicy { get; } = PolicyDocument.Parse(Baseline);

    /// <summary>The baseline with <paramref name="oldText"/> replaced (which must occur exactly once).</summary>
    public static string Edit(string oldText, string newText)
    {
        int at = Baseline.IndexOf(oldText, StringComparison.Ordinal);
        if (at < 0 || Baseline.IndexOf(oldText, at + 1, StringComparison.Ordinal) >= 0)
            throw new ArgumentException($"'{oldText}' must occur exactly once in the baseline", nameof(oldText));
        return string.Concat(Baseline.AsSpan(0, at), newText, Baseline.AsSpan(at + oldText.Length));
    }

    /// <summary>A job the baseline allows, alone on an empty ledger at <see cref="Now"/>.</summary>
    public static JobFacts AllowedJob() => new()
    {
        AlgorithmId = AlgorithmIds.LogisticRegression,
        AlgorithmDigest = Digest,
        Hyperparameters = new Dictionary<string, double> { ["iterations"] = 5, ["degree"] = 3, ["learningRate"] = 1 },
        Buyer = Buyer,
        CohortRows = 100,
        Outputs = [new OutputDeclaration(OutputKinds.ModelWeights, 64)],
    };

    public static JobFacts WithHyperparameter(this JobFacts job, string name, double value)
    {
        var h = new Dictionary<string, double>(job.Hyperparameters) { [name] = value };
        return job with { Hyperparameters = h };
    }

    public static JobFacts WithoutHyperparameter(this JobFacts job, string name)
    {
        var h = new Dictionary<string, double>(job.Hyperparameters);
        h.Remove(name);
        return job with { Hyperparameters = h };
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Vault.sln"))) return dir.FullName;
        throw new InvalidOperationException("Vault.sln not found above the test binaries.");
    }
}
