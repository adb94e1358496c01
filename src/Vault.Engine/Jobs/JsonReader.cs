using System.Text.Json;
using System.Text.Json.Nodes;
using Vault.Engine.Datasets;
using Vault.Ethereum;
using Vault.Ipfs;

namespace Vault.Engine.Jobs;

/// <summary>Strict reading of the canonical JSON records of jobs: the bytes must parse, every field must have its
/// type, and the record must re-encode to exactly the same bytes (so one record has one hash).</summary>
internal static class JsonReader
{
    public static JsonObject ParseObject(ReadOnlySpan<byte> json, string what, int maxLength)
    {
        if (json.Length > maxLength) throw new JobFormatException($"{what}: {json.Length} bytes exceed the {maxLength}-byte limit.");
        try
        {
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 8 }) as JsonObject
                ?? throw new JobFormatException($"{what}: not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new JobFormatException($"{what}: not valid JSON: {e.Message}", e);
        }
    }

    public static void RequireCanonical(ReadOnlySpan<byte> json, byte[] canonical, string what)
    {
        if (!json.SequenceEqual(canonical))
            throw new JobFormatException($"{what}: the bytes are not the canonical encoding of the record they hold (key order, whitespace, number form or unknown keys differ).");
    }

    public static JsonNode Required(JsonObject o, string name, string what) =>
        o[name] ?? throw new JobFormatException($"{what}: \"{name}\" is missing.");

    public static string String(JsonObject o, string name, string what) =>
        Required(o, name, what) is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new JobFormatException($"{what}: \"{name}\" must be a string.");

    public static double Number(JsonNode node, string name, string what) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out double d) && double.IsFinite(d)
            ? d : throw new JobFormatException($"{what}: \"{name}\" must be a finite number.");

    public static double Number(JsonObject o, string name, string what) => Number(Required(o, name, what), name, what);

    public static long Integer(JsonObject o, string name, string what)
    {
        double d = Number(o, name, what);
        return Math.Floor(d) == d && Math.Abs(d) <= CanonicalJson.MaxSafeInteger ? (long)d : throw new JobFormatException($"{what}: \"{name}\" must be an integer.");
    }

    public static JsonObject Object(JsonObject o, string name, string what) =>
        Required(o, name, what) as JsonObject ?? throw new JobFormatException($"{what}: \"{name}\" must be an object.");

    public static Cid Cid(JsonObject o, string name, string what)
    {
        string text = String(o, name, what);
        try
        {
            return Ipfs.Cid.Parse(text);
        }
        catch (CidFormatException e)
        {
            throw new JobFormatException($"{what}: \"{name}\" = \"{text}\" is not a CID: {e.Message}", e);
        }
    }

    public static Bytes32 Bytes32(JsonObject o, string name, string what)
    {
        string text = String(o, name, what);
        return Ethereum.Bytes32.TryParse(text, out var value) && text.StartsWith("0x", StringComparison.Ordinal) && text == value.ToString()
            ? value : throw new JobFormatException($"{what}: \"{name}\" must be 0x and 64 lower-case hex digits.");
    }

    public static SortedDictionary<string, double> Numbers(JsonObject o, string name, string what)
    {
        var result = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in Object(o, name, what))
            result[key] = Number(value ?? throw new JobFormatException($"{what}: {name}.{key} is null."), $"{name}.{key}", what);
        return result;
    }

    public static JsonObject ToJson(IReadOnlyDictionary<string, double> values)
    {
        var o = new JsonObject();
        foreach (var (k, v) in values) o[k] = v;
        return o;
    }
}
