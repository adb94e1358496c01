namespace Vault.Ethereum.Tests;

public class KeccakAndAddressTests
{
    [Theory]
    [InlineData("", "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("transfer(address,uint256)", "0xa9059cbb2ab09eb219583f4a59a5d0623ade346d962bcd4e46b11da047c9049b")]
    public void Hash_KnownInput_MatchesKeccak256NotSha3(string input, string expected)
    {
        Assert.Equal(expected, Hex.Encode(Keccak256.Hash(input)));
    }

    [Fact]
    public void Hash_DestinationWrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => Keccak256.Hash([1, 2, 3], new byte[31]));
    }

    // EIP-55's own examples (all-caps and all-lower addresses have no checksum; the rest are mixed case).
    [Theory]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")]
    [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void ToString_Eip55Examples_ProducesChecksum(string example)
    {
        var address = EthereumAddress.Parse(example);
        bool mixed = example.Any(char.IsAsciiLetterLower) && example[2..].Any(char.IsAsciiLetterUpper);
        if (mixed) Assert.Equal(example, address.ToString());
        else Assert.Equal(example.ToLowerInvariant(), address.ToString().ToLowerInvariant());
    }

    [Fact]
    public void Parse_MixedCaseWithWrongChecksum_Throws()
    {
        var e = Assert.Throws<FormatException>(() => EthereumAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        Assert.Contains("checksum", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x1234")]
    [InlineData("0xzz5aeb6053f3e94c9b9a09f33669435e7ef1beae")]
    public void Parse_NotTwentyBytesOfHex_Throws(string text)
    {
        Assert.Throws<FormatException>(() => EthereumAddress.Parse(text));
    }

    [Fact]
    public void FromPrivateKey_AnvilAccount0_GivesKnownAddress()
    {
        using var key = EthereumKey.FromPrivateKey(Hex.Decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", key.Address.ToString());
    }

    [Fact]
    public void ToString_Key_NeverContainsThePrivateKey()
    {
        const string secret = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
        using var key = EthereumKey.FromPrivateKey(Hex.Decode(secret));
        Assert.DoesNotContain(secret, key.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(key.Address.ToString(), key.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")]
    public void FromPrivateKey_OutOfRange_ThrowsWithoutTheKey(string secret)
    {
        var e = Assert.Throws<ArgumentException>(() => EthereumKey.FromPrivateKey(Hex.Decode(secret)));
        Assert.DoesNotContain(secret[2..], e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sign_ThenRecover_ReturnsSignerWithLowS()
    {
        var random = Vault.Testing.TestSeed.Random(55);
        for (int i = 0; i < 20; i++)
        {
            using var key = EthereumKey.Generate();
            var hash = new byte[32];
            random.NextBytes(hash);
            var signature = key.Sign(hash);
            Assert.True(signature.S <= EcdsaSignature.CurveOrder / 2, "s must be low (EIP-2)");
            Assert.Equal(key.Address, signature.RecoverSigner(hash));
            Assert.Equal(signature, EcdsaSignature.FromBytes(signature.ToBytes()));
            Assert.Equal(signature, key.Sign(hash));                     // RFC 6979: deterministic
        }
    }

    [Fact]
    public void Sign_DisposedKey_Throws()
    {
        var key = EthereumKey.Generate();
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Sign(new byte[32]));
    }

    [Fact]
    public void FromBytes_BadV_Throws()
    {
        var bytes = new byte[65];
        bytes[31] = 1;
        bytes[63] = 1;
        bytes[64] = 29;
        Assert.Throws<FormatException>(() => EcdsaSignature.FromBytes(bytes));
    }
}
