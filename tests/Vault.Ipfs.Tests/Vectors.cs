using System.Text.Json;

namespace Vault.Ipfs.Tests;

/// <summary>Known-answer files under tests/Vectors/cid (see its README for their sources).</summary>
public static class Vectors
{
    public static JsonElement Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Vectors", "cid", name);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    public static byte[] Hex(this JsonElement e, string property) => Convert.FromHexString(e.GetProperty(property).GetString()!);

    public static string Str(this JsonElement e, string property) => e.GetProperty(property).GetString()!;
}
