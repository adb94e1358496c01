namespace Vault.Engine.Datasets;

/// <summary>What sealing does with a missing value (an empty field, or <c>NA</c>, <c>N/A</c>, <c>NaN</c>,
/// <c>null</c>, <c>?</c> in any ASCII case, after trimming). The rule is recorded in the manifest.
/// JSON names: <c>reject</c>, <c>impute-mean</c>.</summary>
public enum MissingValueRule
{
    /// <summary>Refuse the input, naming the line and column of the first missing value.</summary>
    Reject = 0,

    /// <summary>Replace it by the mean of the column's present values (before normalisation); the manifest records
    /// how many values of each column were imputed.</summary>
    ImputeMean = 1,
}
