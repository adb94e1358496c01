using System.Text.Json;

namespace Vault.Ipfs.Tests;

public sealed class CidTests
{
    public static TheoryData<string> Valid()
    {
        var data = new TheoryData<string>();
        foreach (var v in Vectors.Load("cid.json").GetProperty("valid").EnumerateArray()) data.Add(v.GetRawText());
        return data;
    }

    public static TheoryData<string> Invalid()
    {
        var data = new TheoryData<string>();
        foreach (var v in Vectors.Load("cid.json").GetProperty("invalid").EnumerateArray()) data.Add(v.GetRawText());
        return data;
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parse_SpecVectors_ReadVersionCodecAndHash(string json)
    {
        var v = JsonDocument.Parse(json).RootElement;
        Cid? fromText = v.TryGetProperty("text", out var t) ? Cid.Parse(t.GetString()!) : null;
        Cid? fromBytes = v.TryGetProperty("bytesHex", out _) ? Cid.FromBytes(v.Hex("bytesHex")) : null;
        var cid = fromText ?? fromBytes!;
        if (fromText is not null && fromBytes is not null) Assert.Equal(fromText, fromBytes);
        Assert.Equal(v.GetProperty("version").GetInt32(), cid.Version);
        Assert.Equal(v.Str("codec"), Multicodec.Name(cid.Codec));
        if (v.TryGetProperty("multihash", out var mh)) Assert.Equal(mh.GetString(), cid.Multihash.ToString());
        if (fromText is not null)
        {
            // Formatting in the same base gives the same text back.
            string text = t.GetString()!;
            Assert.Equal(text, cid.Version == 0 ? cid.ToString() : cid.ToString((MultibaseEncoding)text[0]));
        }
        Assert.Equal(cid, Cid.FromBytes(cid.Bytes));
        Assert.Equal(cid, Cid.Parse(cid.ToString()));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_Malformed_ThrowsCidFormatException(string json)
    {
        var v = JsonDocument.Parse(json).RootElement;
        if (v.TryGetProperty("text", out var t)) Assert.Throws<CidFormatException>(() => Cid.Parse(t.GetString()!));
        else Assert.Throws<CidFormatException>(() => Cid.FromBytes(v.Hex("bytesHex")));
        Assert.False(Cid.TryParse(v.TryGetProperty("text", out var s) ? s.GetString() : "!", out _));
    }

    [Fact]
    public void Parse_MultibaseCidV0_NamesTheProblem()
    {
        var e = Assert.Throws<CidFormatException>(() => Cid.Parse("zQmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk"));
        Assert.Contains("CIDv0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnyMultibase_GivesTheSameCid()
    {
        var cid = Cid.Parse("bafkreifw7plhl6mofk6sfvhnfh64qmkq73oeqwl6sloru6rehaoujituke");
        foreach (var encoding in Enum.GetValues<MultibaseEncoding>())
            Assert.Equal(cid, Cid.Parse(cid.ToString(encoding)));
    }

    [Fact]
    public void ToV1_OfCidV0_KeepsTheMultihash()
    {
        var v0 = Cid.Parse("QmYtUc4iTCbbfVSDNKvtQqrfyezPPnFvE33wFmutw9PBBk");
        var v1 = v0.ToV1();
        Assert.NotEqual(v0, v1);
        Assert.Equal(v0.Multihash, v1.Multihash);
        Assert.Equal(Multicodec.DagPb, v1.Codec);
        Assert.StartsWith("bafybei", v1.ToString(), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => v0.ToString(MultibaseEncoding.Base32));
    }

    [Fact]
    public void Equality_SameBytes_EqualAndSameHash()
    {
        var a = Cid.Parse("bafkreifw7plhl6mofk6sfvhnfh64qmkq73oeqwl6sloru6rehaoujituke");
        var b = Cid.Parse(a.ToString(MultibaseEncoding.Base58Btc));
        Assert.StartsWith("zb2rh", b.ToString(MultibaseEncoding.Base58Btc), StringComparison.Ordinal);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a != b);
    }

    [Fact]
    public void Read_CidFollowedByData_ConsumesOnlyTheCid()
    {
        var cid = Cid.Parse("bafkreifw7plhl6mofk6sfvhnfh64qmkq73oeqwl6sloru6rehaoujituke");
        var bytes = cid.Bytes.ToArray().Concat(new byte[] { 1, 2, 3 }).ToArray();
        Assert.Equal(cid, Cid.Read(bytes, out int n));
        Assert.Equal(cid.Length, n);
        Assert.Throws<CidFormatException>(() => Cid.FromBytes(bytes));
    }
}
