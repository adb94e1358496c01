using System.Collections.Immutable;

namespace Vault.Policy;

/// <summary>One algorithm a policy allows: which build (optional digest), which hyperparameters with which values,
/// and which outputs of what size.</summary>
public sealed class AllowedAlgorithm
{
    internal AllowedAlgorithm(string id, string? digest, ImmutableSortedDictionary<string, HyperparameterRange> hyperparameters,
        ImmutableArray<OutputLimit> outputs)
    {
        Id = id;
        Digest = digest;
        Hyperparameters = hyperparameters;
        Outputs = outputs;
    }

    /// <summary>One of <see cref="AlgorithmIds"/>.</summary>
    public string Id { get; }

    /// <summary>The required algorithm digest, <c>sha256:</c> and 64 lowercase hex digits; null when any build is allowed.</summary>
    public string? Digest { get; }

    /// <summary>The hyperparameters a job may set, by name (ordinal order); a job setting any other is refused.</summary>
    public ImmutableSortedDictionary<string, HyperparameterRange> Hyperparameters { get; }

    /// <summary>The outputs the algorithm may release, one per kind, in document order (at least one).</summary>
    public ImmutableArray<OutputLimit> Outputs { get; }
}
