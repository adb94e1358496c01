namespace Vault.Engine.Datasets;

/// <summary>The tabular input (CSV/TSV) or its schema cannot be sealed as it is. <see cref="Line"/> and
/// <see cref="Column"/> say where (1-based; 0 when the problem is not tied to one place), and the message says what to
/// fix. Sealing stops before any manifest is written.</summary>
public sealed class DatasetInputException : Exception
{
    /// <summary>Creates the exception for a problem at <paramref name="line"/>, <paramref name="column"/>.</summary>
    public DatasetInputException(string message, long line, int column, string? columnName = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Line = line;
        Column = column;
        ColumnName = columnName;
    }

    /// <summary>Creates the exception, not tied to a place in the input.</summary>
    public DatasetInputException(string message) : base(message) { }

    /// <summary>Creates the exception, not tied to a place in the input.</summary>
    public DatasetInputException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public DatasetInputException() { }

    /// <summary>1-based line of the input where the offending record starts; 0 when not tied to a line.</summary>
    public long Line { get; }

    /// <summary>1-based field of the record; 0 when not tied to a field.</summary>
    public int Column { get; }

    /// <summary>The schema's name for <see cref="Column"/>, when known.</summary>
    public string? ColumnName { get; }
}
