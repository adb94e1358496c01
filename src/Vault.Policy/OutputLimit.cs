namespace Vault.Policy;

/// <summary>One kind of output an algorithm may release, and how many values of that kind one job may release.</summary>
public sealed class OutputLimit
{
    internal OutputLimit(string kind, int maxValues)
    {
        Kind = kind;
        MaxValues = maxValues;
    }

    /// <summary>One of <see cref="OutputKinds"/>.</summary>
    public string Kind { get; }

    /// <summary>The most values of this kind one job may release, summed over its outputs of this kind (at least 1).</summary>
    public int MaxValues { get; }
}
