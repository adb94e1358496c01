using System.Text;

namespace Vault.Ipfs.Tests;

public sealed class MultihashTests
{
    [Fact]
    public void Compute_SpecExample_MatchesSpec()
    {
        foreach (var v in Vectors.Load("multihash.json").GetProperty("compute").EnumerateArray())
        {
            var mh = Multihash.Compute(MultihashCode.Sha2256, Encoding.UTF8.GetBytes(v.Str("inputText")));
            Assert.Equal(v.Str("multihashHex"), Convert.ToHexStringLower(mh.Bytes));
            Assert.Equal(v.Str("base58btc"), Multibase.EncodeBare(MultibaseEncoding.Base58Btc, mh.Bytes));
            Assert.True(mh.Matches(Encoding.UTF8.GetBytes(v.Str("inputText"))));
            Assert.False(mh.Matches(Encoding.UTF8.GetBytes("multihash!")));
        }
    }

    [Fact]
    public void Parse_SpecVectors_ReadsCodeAndDigest()
    {
        foreach (var v in Vectors.Load("multihash.json").GetProperty("parse").EnumerateArray())
        {
            var bytes = v.Hex("multihashHex");
            var mh = Multihash.Parse(bytes);
            Assert.Equal(v.GetProperty("code").GetUInt64(), (ulong)mh.Code);
            Assert.Equal(v.GetProperty("digestLength").GetInt32(), mh.Digest.Length);
            Assert.Equal(bytes, mh.Bytes.ToArray());
        }
    }

    [Fact]
    public void Compute_Identity_HoldsTheContent()
    {
        var mh = Multihash.Compute(MultihashCode.Identity, "hi"u8);
        Assert.Equal("00026869", Convert.ToHexStringLower(mh.Bytes));
        Assert.True(mh.Matches("hi"u8));
        Assert.Throws<ArgumentException>(() => Multihash.Compute(MultihashCode.Identity, new byte[129]));
    }

    [Theory]
    [InlineData("1220e3b0", "truncated")]
    [InlineData("12", "digest length")]
    [InlineData("1221" + "00000000000000000000000000000000000000000000000000000000000000000000", "cannot be 33 bytes")]
    public void Parse_Malformed_ThrowsCidFormatException(string hex, string problem)
    {
        var e = Assert.Throws<CidFormatException>(() => Multihash.Parse(Convert.FromHexString(hex)));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TrailingBytes_ThrowsCidFormatException() =>
        Assert.Throws<CidFormatException>(() => Multihash.Parse(Convert.FromHexString("0001aaff")));

    [Fact]
    public void Matches_TruncatedSha256_ThrowsContentIntegrityException() =>
        Assert.Throws<ContentIntegrityException>(() => Multihash.Parse(Convert.FromHexString("120ae3b0c44298fc1c149afb")).Matches([]));

    [Fact]
    public void Matches_UnverifiableFunction_ThrowsContentIntegrityException() =>
        Assert.Throws<ContentIntegrityException>(() => Multihash.Parse(Convert.FromHexString("111488c2f11fb2ce392acb5b2986e640211c4690073e")).Matches("multihash"u8));
}
