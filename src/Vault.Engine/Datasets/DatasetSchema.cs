using System.Collections.Immutable;
using System.Text.Json;

namespace Vault.Engine.Datasets;

/// <summary>The columns of a tabular input and whether it starts with a header line: validated (non-empty unique
/// names, consistent declared domains). Read from a schema file (<c>--schema schema.json</c>):
/// <code>{ "header": false, "columns": [ { "name": "age", "type": "real", "min": 0, "max": 120 }, { "name": "mi", "type": "binary" } ] }</code>
/// <c>header</c> defaults to true, <c>type</c> to <c>real</c>; <c>min</c>/<c>max</c> are optional and go together.</summary>
public sealed class DatasetSchema
{
    /// <summary>Most columns a schema may have.</summary>
    public const int MaxColumns = 4096;

    /// <summary>Longest column name, in UTF-16 code units.</summary>
    public const int MaxNameLength = 128;

    private DatasetSchema(ImmutableArray<ColumnSpec> columns, bool hasHeader)
    {
        Columns = columns;
        HasHeader = hasHeader;
    }

    /// <summary>The columns, in input order.</summary>
    public ImmutableArray<ColumnSpec> Columns { get; }

    /// <summary>Whether the input's first line names the columns (and must match <see cref="Columns"/>).</summary>
    public bool HasHeader { get; }

    /// <summary>Validates <paramref name="columns"/>.</summary>
    /// <exception cref="DatasetInputException">No columns, too many, a bad or repeated name, or an invalid domain.</exception>
    public static DatasetSchema Create(IEnumerable<ColumnSpec> columns, bool hasHeader)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var list = columns.ToImmutableArray();
        if (list.IsEmpty) throw new DatasetInputException("Schema: no columns; list at least one.");
        if (list.Length > MaxColumns) throw new DatasetInputException($"Schema: {list.Length} columns exceed the limit of {MaxColumns}.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < list.Length; i++)
        {
            var c = list[i] ?? throw new DatasetInputException($"Schema: column {i + 1} is null.");
            if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > MaxNameLength || c.Name.Any(char.IsControl) || c.Name.Trim() != c.Name)
                throw new DatasetInputException($"Schema: column {i + 1} needs a name of 1 to {MaxNameLength} characters without control characters or surrounding spaces.", 0, i + 1);
            if (!names.Add(c.Name)) throw new DatasetInputException($"Schema: the name '{c.Name}' is used by two columns; names must be unique.", 0, i + 1, c.Name);
            if (!Enum.IsDefined(c.Type)) throw new DatasetInputException($"Schema: column '{c.Name}' has an unknown type.", 0, i + 1, c.Name);
            if (c.Min.HasValue != c.Max.HasValue)
                throw new DatasetInputException($"Schema: column '{c.Name}' declares only one of min and max; give both or neither.", 0, i + 1, c.Name);
            if (c.Min is double lo && c.Max is double hi && !(double.IsFinite(lo) && double.IsFinite(hi) && lo <= hi))
                throw new DatasetInputException($"Schema: column '{c.Name}' declares min {lo} > max {hi} or a non-finite bound.", 0, i + 1, c.Name);
            if (c.Type == ColumnType.Binary && c.Min is double bl && c.Max is double bh && (bl != 0 || bh != 1))
                throw new DatasetInputException($"Schema: binary column '{c.Name}' has the domain [0, 1]; drop min/max or declare 0 and 1.", 0, i + 1, c.Name);
        }
        return new DatasetSchema(list, hasHeader);
    }

    /// <summary>Parses a schema file's JSON.</summary>
    /// <exception cref="DatasetInputException">Not valid JSON, an unknown key or type, or an invalid schema.</exception>
    public static DatasetSchema Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new DatasetInputException($"Schema: not valid JSON ({e.Message}).", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new DatasetInputException("Schema: the file must hold a JSON object with a \"columns\" array.");
            bool header = true;
            JsonElement? columnsElement = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "header":
                        if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                            throw new DatasetInputException("Schema: \"header\" must be true or false.");
                        header = property.Value.GetBoolean();
                        break;
                    case "columns":
                        columnsElement = property.Value;
                        break;
                    default:
                        throw new DatasetInputException($"Schema: unknown key \"{property.Name}\" (allowed: header, columns).");
                }
            }
            if (columnsElement is not { ValueKind: JsonValueKind.Array } array)
                throw new DatasetInputException("Schema: \"columns\" must be an array of { \"name\", \"type\" } objects.");
            var columns = new List<ColumnSpec>();
            int index = 0;
            foreach (var item in array.EnumerateArray())
            {
                index++;
                columns.Add(ParseColumn(item, index));
            }
            return Create(columns, header);
        }
    }

    /// <summary>The schema as JSON (the form <see cref="Parse"/> reads), indented for people.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("header", HasHeader);
            writer.WriteStartArray("columns");
            foreach (var c in Columns)
            {
                writer.WriteStartObject();
                writer.WriteString("name", c.Name);
                writer.WriteString("type", DatasetNames.Of(c.Type));
                if (c.Min is double lo) writer.WriteNumber("min", lo);
                if (c.Max is double hi) writer.WriteNumber("max", hi);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static ColumnSpec ParseColumn(JsonElement item, int index)
    {
        if (item.ValueKind != JsonValueKind.Object) throw new DatasetInputException($"Schema: column {index} is not an object.", 0, index);
        string? name = null;
        ColumnType type = ColumnType.Real;
        double? min = null, max = null;
        foreach (var p in item.EnumerateObject())
        {
            switch (p.Name)
            {
                case "name":
                    if (p.Value.ValueKind != JsonValueKind.String) throw new DatasetInputException($"Schema: column {index}: \"name\" must be a string.", 0, index);
                    name = p.Value.GetString();
                    break;
                case "type":
                    type = DatasetNames.ParseColumnType(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null)
                        ?? throw new DatasetInputException($"Schema: column {index}: \"type\" must be \"real\", \"integer\" or \"binary\".", 0, index);
                    break;
                case "min":
                case "max":
                    if (p.Value.ValueKind != JsonValueKind.Number) throw new DatasetInputException($"Schema: column {index}: \"{p.Name}\" must be a number.", 0, index);
                    if (p.Name == "min") min = p.Value.GetDouble();
                    else max = p.Value.GetDouble();
                    break;
                default:
                    throw new DatasetInputException($"Schema: column {index}: unknown key \"{p.Name}\" (allowed: name, type, min, max).", 0, index);
            }
        }
        return new ColumnSpec { Name = name ?? throw new DatasetInputException($"Schema: column {index} has no \"name\".", 0, index), Type = type, Min = min, Max = max };
    }
}
