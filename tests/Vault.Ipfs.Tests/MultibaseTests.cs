using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Vault.Ipfs.Tests;

public sealed class MultibaseTests
{
    public static TheoryData<string, string, string> EncodeVectors()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var c in Vectors.Load("multibase.json").GetProperty("encode").EnumerateArray())
            data.Add(c.Str("encoding"), c.Str("dataHex"), c.Str("text"));
        return data;
    }

    [Theory]
    [MemberData(nameof(EncodeVectors))]
    public void Encode_SpecVectors_MatchSpec(string encoding, string dataHex, string text) =>
        Assert.Equal(text, Multibase.Encode(Enum.Parse<MultibaseEncoding>(encoding), Convert.FromHexString(dataHex)));

    [Theory]
    [MemberData(nameof(EncodeVectors))]
    public void Decode_SpecVectors_ReturnData(string encoding, string dataHex, string text)
    {
        Assert.Equal(dataHex, Convert.ToHexStringLower(Multibase.Decode(text, out var used)));
        Assert.Equal(Enum.Parse<MultibaseEncoding>(encoding), used);
    }

    [Fact]
    public void Decode_MixedCase_ReturnsData()
    {
        foreach (var c in Vectors.Load("multibase.json").GetProperty("decodeCaseInsensitive").EnumerateArray())
            Assert.Equal(c.Str("dataHex"), Convert.ToHexStringLower(Multibase.Decode(c.Str("text"), out _)));
    }

    [Property(MaxTest = 300)]
    public Property Decode_AfterEncodeBase32_ReturnsInput(byte[] data) => RoundTrips(MultibaseEncoding.Base32, data);

    [Property(MaxTest = 300)]
    public Property Decode_AfterEncodeBase58Btc_ReturnsInput(byte[] data) => RoundTrips(MultibaseEncoding.Base58Btc, data);

    [Property(MaxTest = 300)]
    public Property Decode_AfterEncodeBase36_ReturnsInput(byte[] data) => RoundTrips(MultibaseEncoding.Base36, data);

    [Property(MaxTest = 100)]
    public Property Decode_AfterEncodeBase16Upper_ReturnsInput(byte[] data) => RoundTrips(MultibaseEncoding.Base16Upper, data);

    private static Property RoundTrips(MultibaseEncoding encoding, byte[] data) =>
        Multibase.Decode(Multibase.Encode(encoding, data), out _).AsSpan().SequenceEqual(data).ToProperty();

    [Theory]
    [InlineData("", "empty")]
    [InlineData("xabc", "unsupported multibase prefix 'x'")]
    [InlineData("bab1a", "not a base32 character")]
    [InlineData("b7", "impossible")]
    [InlineData("bab", "non-zero padding bits")]
    [InlineData("z0OIl", "not a base58btc character")]
    [InlineData("fabc", "odd")]
    public void Decode_Malformed_ThrowsCidFormatException(string text, string problem)
    {
        var e = Assert.Throws<CidFormatException>(() => Multibase.Decode(text, out _));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
