using System.Text.Json;

namespace Vault.Ipfs.Tests;

/// <summary>The carv1-basic fixture (tests/Vectors/cid/carv1-basic.json).</summary>
public static class CarFixture
{
    private static readonly JsonElement Doc = Vectors.Load("carv1-basic.json");

    public static byte[] Bytes => Doc.Hex("carHex");

    public static IReadOnlyList<Cid> Roots => [.. Doc.GetProperty("roots").EnumerateArray().Select(r => Cid.Parse(r.GetString()!))];

    public static IReadOnlyList<(Cid Cid, int Offset, int Length, int BlockOffset, int BlockLength)> Index =>
        [.. Doc.GetProperty("index").EnumerateArray().Select(e => (Cid.Parse(e.Str("cid")), e.GetProperty("offset").GetInt32(),
            e.GetProperty("length").GetInt32(), e.GetProperty("blockOffset").GetInt32(), e.GetProperty("blockLength").GetInt32()))];

    /// <summary>The fixture's blocks, sliced by the index.</summary>
    public static IReadOnlyList<Block> Blocks()
    {
        var bytes = Bytes;
        return [.. Index.Select(i => Block.Verify(i.Cid, bytes.AsMemory(i.BlockOffset, i.BlockLength)))];
    }
}
