using System.Globalization;
using System.Text;
using CsvHelper;

namespace Vault.Engine.Datasets;

/// <summary>Reads a delimited text table (CSV, TSV; RFC 4180 quoting) record by record with CsvHelper, holding one
/// buffer, never the whole input. Classifies each field as missing or a finite number and reports problems as
/// <see cref="DatasetInputException"/> with the line and column.</summary>
internal sealed class TableReader : IDisposable
{
    private readonly CsvReader _csv;
    private readonly string _source;

    public TableReader(Stream input, string source, bool hasHeader, char? separator)
    {
        _source = source;
        var options = new CsvReaderOptions
        {
            HasHeader = hasHeader,
            Separator = separator,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Throw,
            IncludeValuesInExceptions = false,
        };
        _csv = CsvReader.Create(input, options, leaveOpen: false);
    }

    /// <summary>The header's names (empty without a header).</summary>
    public IReadOnlyList<string> Header
    {
        get
        {
            try
            {
                return _csv.Headers;
            }
            catch (CsvFormatException e)
            {
                throw Malformed(e);
            }
        }
    }

    /// <summary>1-based line where the current record starts.</summary>
    public long Line => _csv.LineNumber;

    /// <summary>Fields of the current record.</summary>
    public int FieldCount => _csv.FieldCount;

    /// <summary>Advances to the next record; false at the end.</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _csv.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CsvFormatException e)
        {
            throw Malformed(e);
        }
    }

    /// <summary>Field <paramref name="index"/> of the current record, trimmed, as UTF-8.</summary>
    public ReadOnlySpan<byte> Field(int index) => _csv.GetSpan(index);

    /// <summary>Whether a field spells a missing value (see <see cref="SealedDatasetManifest.MissingTokens"/>).</summary>
    public static bool IsMissing(ReadOnlySpan<byte> field)
    {
        if (field.IsEmpty) return true;
        if (field.Length > 4) return false;
        foreach (string token in SealedDatasetManifest.MissingTokens)
            if (Ascii.EqualsIgnoreCase(field, Encoding.ASCII.GetBytes(token))) return true;
        return false;
    }

    /// <summary>Parses a present field as a finite number, or throws naming where it is.</summary>
    public double ParseNumber(ReadOnlySpan<byte> field, int column, string columnName)
    {
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw Error($"'{Shorten(field)}' is not a number", column, columnName);
        if (!double.IsFinite(value)) throw Error($"'{Shorten(field)}' is not a finite number", column, columnName);
        return value;
    }

    /// <summary>An error at the current record.</summary>
    public DatasetInputException Error(string problem, int column, string? columnName, string? fix = null) =>
        new($"{_source}: line {Line}, column {column}{(columnName is null ? "" : $" ({columnName})")}: {problem}{(fix is null ? "." : $"; {fix}.")}", Line, column, columnName);

    public void Dispose() => _csv.Dispose();

    private DatasetInputException Malformed(CsvFormatException e) =>
        new($"{_source}: line {e.LineNumber}: malformed CSV ({e.Message}); fix the quoting of that record.", e.LineNumber, 0, null, e);

    private static string Shorten(ReadOnlySpan<byte> field)
    {
        string text = Encoding.UTF8.GetString(field);
        return text.Length <= 32 ? text : text[..29] + "...";
    }
}
