namespace Vault.Engine.Datasets;

/// <summary>The type of a column's values. Every type is numeric: CKKS encrypts real numbers, so categorical or text
/// columns must be encoded as numbers before sealing. JSON names: <c>real</c>, <c>integer</c>, <c>binary</c>.</summary>
public enum ColumnType
{
    /// <summary>Any finite decimal number.</summary>
    Real = 0,

    /// <summary>Whole numbers of magnitude at most 2^53.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The schema vocabulary's own word, as in JSON Schema.")]
    Integer = 1,

    /// <summary>0 or 1 (a flag or a binary label); its domain [0, 1] is known without looking at the data.</summary>
    Binary = 2,
}
