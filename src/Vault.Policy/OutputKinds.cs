using System.Collections.Immutable;

namespace Vault.Policy;

/// <summary>The kinds of output a policy may release (<c>algorithms[].outputs[].kind</c>) and a job declares in
/// <see cref="OutputDeclaration.Kind"/>. Stable: they are written into policies and receipts.</summary>
public static class OutputKinds
{
    /// <summary>A trained model's weights (and bias).</summary>
    public const string ModelWeights = "model-weights";

    /// <summary>Per-row scores from inference.</summary>
    public const string Scores = "scores";

    /// <summary>Aggregate statistics over the rows.</summary>
    public const string Statistics = "statistics";

    /// <summary>Every kind above, in the order written here.</summary>
    public static ImmutableArray<string> All { get; } = [ModelWeights, Scores, Statistics];
}
