namespace Vault.Engine.Datasets;

/// <summary>A column as the manifest records it.</summary>
/// <param name="Name">The schema's name.</param>
/// <param name="Type">The schema's type.</param>
/// <param name="Normalisation">What was applied before encryption.</param>
/// <param name="Imputed">How many missing values were imputed (always 0 under <see cref="MissingValueRule.Reject"/>).</param>
public sealed record SealedColumn(string Name, ColumnType Type, ColumnNormalisation Normalisation, long Imputed);
