using System.Globalization;
using Vault.ML;

namespace Vault.Cli.Learning;

/// <summary>Reads the shipped tabular datasets: tab- or comma-separated, no header. By default the label is the last
/// column; UCI's wdbc.data (ID, M/B diagnosis, 30 features) is recognised by its name or its M/B second column.</summary>
internal static class DatasetFile
{
    /// <summary>The rows, labels and column count of <paramref name="path"/>; <paramref name="labelColumn"/> overrides
    /// the label position (negative counts from the end).</summary>
    /// <exception cref="DatasetException">Unparsable or ragged rows, NaN/∞, or (binary) labels that are not 0/1.</exception>
    public static LabeledData Load(string path, bool binary, int? labelColumn = null)
    {
        var lines = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) throw new DatasetException(DatasetProblem.Empty, $"{path}: no rows.");
        char separator = lines[0].Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
        var first = lines[0].Split(separator);
        bool wdbc = labelColumn is null && first.Length > 2 && first[1] is "M" or "B";
        var rows = new List<double[]>();
        var labels = new List<double>();
        for (int i = 0; i < lines.Count; i++)
        {
            var cells = lines[i].Split(separator);
            if (cells.Length != first.Length)
                throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"{path}: line {i + 1} has {cells.Length} columns, line 1 has {first.Length}.");
            if (wdbc)
            {
                labels.Add(cells[1] switch
                {
                    "M" => 1,
                    "B" => 0,
                    _ => throw new DatasetException(DatasetProblem.InvalidLabel, $"{path}: line {i + 1} has diagnosis '{cells[1]}', expected M or B."),
                });
                rows.Add([.. cells.Skip(2).Select(c => Parse(c, path, i))]);
                continue;
            }
            int label = labelColumn ?? -1;
            if (label < 0) label += cells.Length;
            if (label < 0 || label >= cells.Length) throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"{path}: no label column {labelColumn}.");
            labels.Add(Parse(cells[label], path, i));
            rows.Add([.. cells.Where((_, j) => j != label).Select(c => Parse(c, path, i))]);
        }
        return LabeledData.Create(rows, labels, binary);
    }

    private static double Parse(string cell, string path, int line) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new DatasetException(DatasetProblem.NonFinite, $"{path}: line {line + 1} has the non-numeric value '{cell}'.");
}
