using System.Collections.Immutable;

namespace Vault.Policy;

/// <summary>A data provider's policy for a sealed dataset, as <see cref="PolicyDocument.Parse(string)"/> reads and
/// validates it (<c>enclave-policies/README.md</c>). Immutable; only the parser creates one, so every instance is
/// valid. Deny by default: <see cref="PolicyEvaluator"/> refuses whatever this does not allow.</summary>
public sealed class EnclavePolicy
{
    internal EnclavePolicy() { }

    /// <summary>The policy's name (<c>name</c>).</summary>
    public string Name { get; internal init; } = "";

    /// <summary>Free text for people (<c>description</c>); empty when absent.</summary>
    public string Description { get; internal init; } = "";

    /// <summary>The first instant the policy is in force (<c>validFrom</c>); null: from the start.</summary>
    public DateTimeOffset? ValidFrom { get; internal init; }

    /// <summary>The first instant the policy is no longer in force (<c>expires</c>); null: never.</summary>
    public DateTimeOffset? Expires { get; internal init; }

    /// <summary>Whether any buyer may submit jobs (<c>buyers: open</c>).</summary>
    public bool AllowsAnyBuyer { get; internal init; }

    /// <summary>The buyers who may submit jobs, as 0x addresses in lowercase, in document order; empty when
    /// <see cref="AllowsAnyBuyer"/> (and for a policy that allows nobody).</summary>
    public ImmutableArray<string> Buyers { get; internal init; } = [];

    /// <summary>The fewest rows a job may run over (<c>minimumCohort</c>, at least 1).</summary>
    public long MinimumCohort { get; internal init; }

    /// <summary>The allowed algorithms, one per id, in document order; empty allows no job.</summary>
    public ImmutableArray<AllowedAlgorithm> Algorithms { get; internal init; } = [];

    /// <summary>The most jobs one buyer may have in any <see cref="JobsPerBuyerPeriod"/> (<c>budgets.jobsPerBuyer.count</c>).</summary>
    public int JobsPerBuyer { get; internal init; }

    /// <summary>The sliding window of <see cref="JobsPerBuyer"/> (<c>budgets.jobsPerBuyer.period</c>).</summary>
    public TimeSpan JobsPerBuyerPeriod { get; internal init; }

    /// <summary>The most outputs the dataset may ever have decrypted, over all buyers (<c>budgets.totalDecryptions</c>).</summary>
    public int TotalDecryptions { get; internal init; }

    /// <summary>Whether the release gate must re-execute a job and compare output hashes before it releases
    /// anything (<c>release.reexecute</c>).</summary>
    public bool ReleaseRequiresReexecution { get; internal init; }

    /// <summary>The precision released outputs keep, in bits after the binary point (<c>release.precisionBits</c>,
    /// 1 to 52); the gate sizes its noise flooding from it.</summary>
    public int ReleasePrecisionBits { get; internal init; }

    /// <summary>The permission for <paramref name="algorithmId"/> (ordinal), or null when the policy does not allow it.</summary>
    public AllowedAlgorithm? FindAlgorithm(string algorithmId)
    {
        foreach (var a in Algorithms)
            if (string.Equals(a.Id, algorithmId, StringComparison.Ordinal)) return a;
        return null;
    }
}
