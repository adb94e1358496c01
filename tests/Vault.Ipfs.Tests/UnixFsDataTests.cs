using Vault.Ipfs.UnixFs;

namespace Vault.Ipfs.Tests;

public sealed class UnixFsDataTests
{
    [Fact]
    public void Encode_EmptyFile_IsTypeAndZeroSize() =>
        Assert.Equal("08021800", Convert.ToHexStringLower(new UnixFsData(UnixFsType.File, default, 0, []).Encode()));

    [Fact]
    public void Encode_Parent_WritesEachBlockSizeAsItsOwnField()
    {
        var bytes = new UnixFsData(UnixFsType.File, default, 300, [200, 100]).Encode();
        Assert.Equal("080218ac0220c80120" + "64", Convert.ToHexStringLower(bytes));
        var back = UnixFsData.Decode(bytes);
        Assert.Equal(UnixFsType.File, back.Type);
        Assert.Equal(300UL, back.FileSize);
        Assert.Equal([200UL, 100UL], back.BlockSizes);
    }

    [Fact]
    public void Decode_PackedBlockSizes_Accepted() =>
        Assert.Equal([200UL, 100UL], UnixFsData.Decode(Convert.FromHexString("08022203c80164")).BlockSizes);

    [Fact]
    public void Decode_ModeAndMtime_Skipped() =>
        Assert.Equal(UnixFsType.File, UnixFsData.Decode(Convert.FromHexString("0802" + "38a403" + "42020801")).Type);

    [Theory]
    [InlineData("", "Type field is missing")]
    [InlineData("0809", "unknown node type 9")]
    [InlineData("1205", "truncated field")]
    public void Decode_Malformed_ThrowsBlockFormatException(string hex, string problem)
    {
        var e = Assert.Throws<BlockFormatException>(() => UnixFsData.Decode(Convert.FromHexString(hex)));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
