using System.Globalization;
using System.Text.Json;

namespace Vault.Ring.Tests;

/// <summary>Reads known-answer files from tests/Vectors (copied to the output directory under Vectors/).</summary>
internal static class TestVectors
{
    /// <summary>Parses Vectors/<paramref name="area"/>/<paramref name="name"/>.</summary>
    public static JsonDocument Load(string area, string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Vectors", area, name);
        Assert.True(File.Exists(path), $"missing test vector file {path}");
        return JsonDocument.Parse(File.ReadAllText(path));
    }

    /// <summary>A ulong stored as a decimal string (JSON numbers lose precision above 2^53 in most readers).</summary>
    public static ulong UInt64(JsonElement e) => ulong.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    /// <summary>An array of decimal strings.</summary>
    public static ulong[] UInt64Array(JsonElement e) => [.. e.EnumerateArray().Select(UInt64)];
}
