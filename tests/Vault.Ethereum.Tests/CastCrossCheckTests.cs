namespace Vault.Ethereum.Tests;

/// <summary>Independent cross-checks against Foundry's cast 1.7.1: same address, same signature, same Keccak-256.</summary>
public class CastCrossCheckTests
{
    [Fact]
    public void Address_RandomKeys_SameAsCastWalletAddress()
    {
        var random = Vault.Testing.TestSeed.Random(7);
        for (int i = 0; i < 3; i++)
        {
            byte[] secret = new byte[32];
            random.NextBytes(secret);
            secret[0] &= 0x7f;                                    // stay below n
            using var key = EthereumKey.FromPrivateKey(secret);
            Assert.Equal(EthereumPeers.RunCast("wallet", "address", "--private-key", Hex.Encode(secret)), key.Address.ToString());
        }
    }

    [Fact]
    public void Sign_RandomHashes_SameAsCastWalletSignNoHash()
    {
        var random = Vault.Testing.TestSeed.Random(8);
        using var key = EthereumKey.FromPrivateKey(Hex.Decode(EthereumPeers.Account0Key));
        for (int i = 0; i < 4; i++)
        {
            byte[] hash = new byte[32];
            random.NextBytes(hash);
            string cast = EthereumPeers.RunCast("wallet", "sign", "--no-hash", Hex.Encode(hash), "--private-key", EthereumPeers.Account0Key);
            Assert.Equal(cast, key.Sign(hash).ToString());
        }
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("0x1234")]
    [InlineData("0x00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff")]
    public void Hash_Bytes_SameAsCastKeccak(string hex)
    {
        Assert.Equal(EthereumPeers.RunCast("keccak", hex), Hex.Encode(Keccak256.Hash(Hex.Decode(hex))));
    }

    [Fact]
    public void Hash_Text_SameAsCastKeccak()
    {
        Assert.Equal(EthereumPeers.RunCast("keccak", "ReceiptPublished"), Keccak256.Hash32("ReceiptPublished").ToString());
    }
}
