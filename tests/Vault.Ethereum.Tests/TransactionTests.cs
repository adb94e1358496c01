using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Vault.Ethereum.Transactions;

namespace Vault.Ethereum.Tests;

public class TransactionTests
{
    private static readonly EthereumAddress Recipient = EthereumAddress.Parse("0x3535353535353535353535353535353535353535");

    /// <summary>The example of EIP-155 itself (nonce 9, 20 gwei, 21000 gas, 1 ether to 0x3535…, chain 1, key 0x4646…).</summary>
    private static LegacyTransaction Eip155Example => new()
    {
        ChainId = 1,
        Nonce = 9,
        GasPrice = 20_000_000_000,
        GasLimit = 21000,
        To = Recipient,
        Value = BigInteger.Pow(10, 18),
    };

    private static EthereumKey Key46() => EthereumKey.FromPrivateKey(Enumerable.Repeat((byte)0x46, 32).ToArray());

    [Fact]
    public void EncodeForSigning_Eip155Example_MatchesSigningData()
    {
        Assert.Equal("0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080", Hex.Encode(Eip155Example.EncodeForSigning()));
        Assert.Equal("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53", Eip155Example.SigningHash().ToString());
    }

    [Fact]
    public void Sign_Eip155Example_MatchesVrsAndSignedTransaction()
    {
        using var key = Key46();
        var signed = Eip155Example.Sign(key);
        Assert.Equal(37, (int)Eip155Example.V(signed.Signature));
        Assert.Equal(BigInteger.Parse("18515461264373351373200002665853028612451056578545711640558177340181847433846", CultureInfo.InvariantCulture), signed.Signature.R);
        Assert.Equal(BigInteger.Parse("46948507304638947509940763649030358759909902576025900602547168820602576006531", CultureInfo.InvariantCulture), signed.Signature.S);
        Assert.Equal(
            "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
            Hex.Encode(signed.Raw.Span));
    }

    [Fact]
    public void Decode_Eip155Example_RecoversFieldsAndSender()
    {
        using var key = Key46();
        var raw = Eip155Example.Sign(key).Raw;
        var decoded = SignedTransaction.Decode(raw.Span);
        Assert.Equal(Eip155Example.EncodeForSigning(), decoded.Transaction.EncodeForSigning());   // records compare Data by reference
        Assert.Equal(key.Address, decoded.Sender);
        Assert.Equal(Keccak256.Hash32(raw.Span), decoded.Hash);
    }

    [Fact]
    public void Sign_Eip1559_DecodesToSameFieldsAndSender()
    {
        using var key = EthereumKey.FromPrivateKey(Hex.Decode(EthereumPeers.Account0Key));
        var transaction = Eip1559(key);
        var signed = transaction.Sign(key);
        Assert.Equal(0x02, signed.Raw.Span[0]);
        var decoded = SignedTransaction.Decode(signed.Raw.Span);
        var back = Assert.IsType<Eip1559Transaction>(decoded.Transaction);
        Assert.Equal(transaction.EncodeForSigning(), back.EncodeForSigning());
        Assert.Equal(transaction.AccessList[0].StorageKeys, back.AccessList[0].StorageKeys);
        Assert.Equal(key.Address, decoded.Sender);
        Assert.Equal(signed.Hash, decoded.Hash);
    }

    [Fact]
    public void Decode_CastDecodeTransaction_AgreesOnSignerHashAndFields()
    {
        using var key = EthereumKey.FromPrivateKey(Hex.Decode(EthereumPeers.Account0Key));
        var signed = Eip1559(key).Sign(key);
        string output = EthereumPeers.RunCast("decode-transaction", Hex.Encode(signed.Raw.Span));
        // cast prints the JSON as a JSON string literal.
        if (output.StartsWith('"')) output = JsonSerializer.Deserialize<string>(output)!;
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(key.Address.ToString().ToLowerInvariant(), root.GetProperty("signer").GetString()!.ToLowerInvariant());
        Assert.Equal(signed.Hash.ToString(), root.GetProperty("hash").GetString());
        Assert.Equal("0x2", root.GetProperty("type").GetString());
        Assert.Equal("0x7a69", root.GetProperty("chainId").GetString());
        Assert.Equal("0x5", root.GetProperty("nonce").GetString());
        Assert.Equal(Hex.Encode(signed.Transaction.Data.Span), root.GetProperty("input").GetString());
    }

    [Fact]
    public void Decode_LegacyCastDecodeTransaction_AgreesOnEip155Example()
    {
        using var key = Key46();
        var signed = Eip155Example.Sign(key);
        string output = EthereumPeers.RunCast("decode-transaction", Hex.Encode(signed.Raw.Span));
        if (output.StartsWith('"')) output = JsonSerializer.Deserialize<string>(output)!;
        using var json = JsonDocument.Parse(output);
        Assert.Equal(key.Address.ToString().ToLowerInvariant(), json.RootElement.GetProperty("signer").GetString()!.ToLowerInvariant());
        Assert.Equal(signed.Hash.ToString(), json.RootElement.GetProperty("hash").GetString());
    }

    [Theory]
    [InlineData("0x01c0", "type 0x01")]
    [InlineData("0xc0", "9 fields")]
    [InlineData("0x02c0", "12 fields")]
    public void Decode_Malformed_Throws(string hex, string fragment)
    {
        var e = Assert.Throws<RlpFormatException>(() => SignedTransaction.Decode(Hex.Decode(hex)));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GasPrice_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LegacyTransaction { ChainId = 1, Nonce = 0, GasLimit = 1, GasPrice = -1 });
    }

    private static Eip1559Transaction Eip1559(EthereumKey key) => new()
    {
        ChainId = 31337,
        Nonce = 5,
        MaxPriorityFeePerGas = 1_000_000_000,
        MaxFeePerGas = 3_000_000_000,
        GasLimit = 100_000,
        To = Recipient,
        Value = 12345,
        Data = Hex.Decode("0xa9059cbb000000000000000000000000" + Convert.ToHexStringLower(key.Address.Span) + new string('0', 62) + "2a"),
        AccessList = [new AccessListEntry(Recipient, [Keccak256.Hash32("slot")])],
    };
}
