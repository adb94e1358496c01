namespace Vault.Engine.Datasets;

/// <summary>Where a column's normalisation constants came from. JSON names: <c>declared</c>, <c>observed</c>.</summary>
public enum NormalisationSource
{
    /// <summary>From the schema alone (no normalisation, a binary column, or declared min/max): they disclose nothing about the data.</summary>
    Declared = 0,

    /// <summary>Computed from the data (observed min/max, or mean and standard deviation): they are aggregate statistics
    /// of the dataset, published in the manifest.</summary>
    Observed = 1,
}
