using System.Collections.Immutable;

namespace Vault.Policy;

/// <summary>The algorithm ids a policy may allow (<c>algorithms[].id</c>) and a job names in
/// <see cref="JobFacts.AlgorithmId"/>. Stable: they are written into policies and receipts.</summary>
public static class AlgorithmIds
{
    /// <summary>Encrypted logistic-regression training (Nesterov's accelerated gradient, polynomial sigmoid).</summary>
    public const string LogisticRegression = "logistic-regression";

    /// <summary>Encrypted ridge-regression training.</summary>
    public const string RidgeRegression = "ridge-regression";

    /// <summary>Scoring rows with a logistic model (probabilities or logits).</summary>
    public const string LogisticInference = "logistic-inference";

    /// <summary>Scoring rows with a linear model.</summary>
    public const string LinearInference = "linear-inference";

    /// <summary>Encrypted column statistics (counts, sums, means, variances).</summary>
    public const string Statistics = "statistics";

    /// <summary>Every id above, in the order written here.</summary>
    public static ImmutableArray<string> All { get; } =
        [LogisticRegression, RidgeRegression, LogisticInference, LinearInference, Statistics];
}
