using Vault.Ipfs.UnixFs;

namespace Vault.Ipfs.Tests;

public sealed class DagPbNodeTests
{
    [Fact]
    public void Encode_DecodedFixtureBlocks_ReproducesBytes()
    {
        // The dag-pb blocks of carv1-basic (named links, Tsize, no Data) are canonical: decoding and encoding them is the identity.
        int checkedBlocks = 0;
        foreach (var block in CarFixture.Blocks().Where(b => b.Cid.Codec == Multicodec.DagPb))
        {
            var node = DagPbNode.Decode(block.Data.Span);
            Assert.NotEmpty(node.Links);
            Assert.Equal(block.Data.ToArray(), node.Encode());
            checkedBlocks++;
        }
        Assert.Equal(3, checkedBlocks);
    }

    [Fact]
    public void Decode_FixtureNode_ReadsNamedLinks()
    {
        var block = CarFixture.Blocks().Single(b => b.Cid.ToString() == "QmNX6Tffavsya4xgBi2VJQnSuqy9GsxongxZZ9uZBqp16d");
        var node = DagPbNode.Decode(block.Data.Span);
        Assert.Equal(["bear", "second"], node.Links.Select(l => l.Name));
        Assert.Equal("bafkreifw7plhl6mofk6sfvhnfh64qmkq73oeqwl6sloru6rehaoujituke", node.Links[0].Hash.ToString());
        Assert.Equal(4UL, node.Links[0].Tsize);
        Assert.Null(node.Data);
    }

    [Fact]
    public void Encode_LinksAndData_WritesLinksFirst()
    {
        var cid = Cid.Parse("bafkreifw7plhl6mofk6sfvhnfh64qmkq73oeqwl6sloru6rehaoujituke");
        var bytes = new DagPbNode([new DagPbLink(cid, "", 4)], new byte[] { 8, 2 }).Encode();
        Assert.Equal(0x12, bytes[0]);                      // field 2 (Links), length-delimited
        Assert.Equal(new byte[] { 0x0a, 0x02, 8, 2 }, bytes[^4..]);  // field 1 (Data) last
        Assert.Contains("1200", Convert.ToHexStringLower(bytes), StringComparison.Ordinal);  // empty Name is written
        var back = DagPbNode.Decode(bytes);
        Assert.Equal("", back.Links[0].Name);
        Assert.Equal(4UL, back.Links[0].Tsize);
    }

    [Theory]
    [InlineData("0a0008", "wire type")]                  // truncated tag after Data
    [InlineData("0a00120022", "Links after Data")]        // Data then Links
    [InlineData("0a000a00", "duplicate Data")]
    [InlineData("1a00", "unknown field 3")]
    [InlineData("1200", "Hash field is missing")]
    [InlineData("0a05", "truncated field")]
    [InlineData("12020a00", "invalid Hash")]
    public void Decode_NonCanonical_ThrowsBlockFormatException(string hex, string problem)
    {
        var e = Assert.Throws<BlockFormatException>(() => DagPbNode.Decode(Convert.FromHexString(hex)));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
