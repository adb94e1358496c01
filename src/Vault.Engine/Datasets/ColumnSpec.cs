namespace Vault.Engine.Datasets;

/// <summary>One column of a <see cref="DatasetSchema"/>, as written in the schema file. Unchecked:
/// <see cref="DatasetSchema.Create"/> validates it.</summary>
public sealed record ColumnSpec
{
    /// <summary>The column's name (unique in the schema; must equal the header field when the input has a header).</summary>
    public required string Name { get; init; }

    /// <summary>The type every value must have.</summary>
    public ColumnType Type { get; init; } = ColumnType.Real;

    /// <summary>Declared lower bound of the domain (with <see cref="Max"/>): values below it are rejected, and min-max
    /// normalisation uses the declared bounds instead of observed ones, so the manifest discloses nothing about the data.</summary>
    public double? Min { get; init; }

    /// <summary>Declared upper bound of the domain (with <see cref="Min"/>).</summary>
    public double? Max { get; init; }
}
