using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Vault.Ipfs.Tests;

public sealed class VarintTests
{
    // multiformats/unsigned-varint README examples.
    [Theory]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8001")]
    [InlineData(255UL, "ff01")]
    [InlineData(300UL, "ac02")]
    [InlineData(16384UL, "808001")]
    public void Encode_SpecExamples_MatchesSpec(ulong value, string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(Varint.Encode(value)));
        Assert.Equal(value, Varint.Read(Convert.FromHexString(hex), out int n));
        Assert.Equal(hex.Length / 2, n);
    }

    [Property(MaxTest = 500)]
    public Property Read_AfterWrite_ReturnsValue(ulong raw)
    {
        ulong value = raw & long.MaxValue;
        var bytes = Varint.Encode(value);
        return (Varint.Read(bytes, out int n) == value && n == bytes.Length && bytes.Length == Varint.GetLength(value)).ToProperty();
    }

    [Theory]
    [InlineData("", "truncated")]
    [InlineData("80", "truncated")]
    [InlineData("8080808080808080808001", "longer than 9 bytes")]
    [InlineData("8000", "not minimally encoded")]
    public void Read_Malformed_ThrowsCidFormatException(string hex, string problem)
    {
        var e = Assert.Throws<CidFormatException>(() => Varint.Read(Convert.FromHexString(hex), out _));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ValueAbove63Bits_Throws() =>
        Assert.Throws<ArgumentException>(() => Varint.Write(ulong.MaxValue, new byte[10]));
}
