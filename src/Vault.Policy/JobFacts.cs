namespace Vault.Policy;

/// <summary>What the release gate knows about a job when it checks it against a policy. Vault.Policy owns this type;
/// Vault.Engine maps its job requests into it.</summary>
public sealed record JobFacts
{
    /// <summary>The algorithm, one of <see cref="AlgorithmIds"/> (any other string is refused).</summary>
    public required string AlgorithmId { get; init; }

    /// <summary>The algorithm build's digest, <c>sha256:</c> and 64 hex digits (either case); compared only when the
    /// policy pins one.</summary>
    public required string AlgorithmDigest { get; init; }

    /// <summary>The job's effective hyperparameters by name (defaults included), ordinal names. Record equality
    /// compares this dictionary by reference.</summary>
    public required IReadOnlyDictionary<string, double> Hyperparameters { get; init; }

    /// <summary>The buyer's 0x address (40 hex digits, any case).</summary>
    public required string Buyer { get; init; }

    /// <summary>How many rows the job runs over.</summary>
    public required long CohortRows { get; init; }

    /// <summary>The outputs the job declares, each to be decrypted once on release. Record equality compares this
    /// list by reference.</summary>
    public required IReadOnlyList<OutputDeclaration> Outputs { get; init; }
}

/// <summary>One output a job declares: its kind (one of <see cref="OutputKinds"/>) and how many values it holds.</summary>
public sealed record OutputDeclaration
{
    /// <summary>Creates the declaration.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="values"/> is negative.</exception>
    public OutputDeclaration(string kind, int values)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentOutOfRangeException.ThrowIfNegative(values);
        Kind = kind;
        Values = values;
    }

    /// <summary>The output's kind, one of <see cref="OutputKinds"/> (any other string is refused).</summary>
    public string Kind { get; }

    /// <summary>How many values the output holds (at least 0).</summary>
    public int Values { get; }
}
