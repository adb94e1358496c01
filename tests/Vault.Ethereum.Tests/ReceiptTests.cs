using System.Text.Json;
using System.Text.Json.Nodes;
using Vault.Ethereum.Abi;
using Vault.Ethereum.Contracts;
using Vault.Ethereum.TypedData;

namespace Vault.Ethereum.Tests;

/// <summary>Receipts as EIP-712 typed data against tests/Vectors/receipts (digests from the contract itself, signatures
/// from cast), and the signed-receipt file format.</summary>
public class ReceiptTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Load().RootElement.GetProperty("cases").EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Digest_VectorReceipt_MatchesContractAndCast(string name)
    {
        var (receipt, digest, signature) = Case(name);
        var vector = Load().RootElement;
        var contract = EthereumAddress.Parse(vector.GetProperty("domain").GetProperty("verifyingContract").GetString()!);
        var document = receipt.ToEip712(31337, contract);
        Assert.Equal(vector.GetProperty("domainSeparator").GetString(), document.DomainSeparator.ToString());
        Assert.Equal(digest, receipt.Digest(31337, contract).ToString());
        using var key = EthereumKey.FromPrivateKey(Hex.Decode(vector.GetProperty("signerKey").GetString()!));
        Assert.Equal(signature, SignedReceipt.Sign(receipt, 31337, contract, key).Signature.ToString());
    }

    [Fact]
    public void ToEip712_Receipt_EncodesTheContractsTypeString()
    {
        var (receipt, _, _) = Case("released");
        var document = receipt.ToEip712(1, EthereumAddress.Zero);
        Assert.Equal(Receipt.Eip712Type, document.EncodeType("Receipt"));
        Assert.Equal(receipt, Receipt.FromEip712(Eip712Document.Parse(document.ToJson())));
    }

    [Fact]
    public void ToAbiTuple_ThenFromAbiTuple_RoundTripsThroughTheEncoding()
    {
        var (receipt, _, _) = Case("denied");
        var type = VaultReceiptsContract.Abi.Function("publishReceipt").Inputs[0].Type;
        var decoded = (object?[])AbiEncoding.Decode(type, AbiEncoding.Encode(type, receipt.ToAbiTuple()))!;
        Assert.Equal(receipt, Receipt.FromAbiTuple(decoded));
    }

    [Fact]
    public void SignedReceipt_ToJsonThenParse_KeepsSignerAndDigest()
    {
        var (receipt, digest, _) = Case("released");
        using var key = EthereumKey.FromPrivateKey(Hex.Decode(Load().RootElement.GetProperty("signerKey").GetString()!));
        var signed = SignedReceipt.Sign(receipt, 31337, EthereumAddress.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"), key);
        var parsed = SignedReceipt.Parse(signed.ToJson());
        Assert.Equal(key.Address, parsed.Signer);
        Assert.Equal(digest, parsed.Document.Digest().ToString());
        Assert.Equal(receipt, parsed.Receipt);
    }

    [Fact]
    public void SignedReceipt_ParseNotAReceipt_Throws()
    {
        var node = JsonNode.Parse(Eip712Tests.MailJson)!;
        string json = new JsonObject { ["typedData"] = node, ["signature"] = "0x" + new string('1', 128) + "1b" }.ToJsonString();
        Assert.Throws<AbiFormatException>(() => SignedReceipt.Parse(json));
    }

    private static (Receipt Receipt, string Digest, string Signature) Case(string name)
    {
        var c = Load().RootElement.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var m = c.GetProperty("message");
        var receipt = new Receipt
        {
            JobId = Bytes32.Parse(m.GetProperty("jobId").GetString()!),
            DatasetCid = m.GetProperty("datasetCid").GetString()!,
            AlgorithmDigest = Bytes32.Parse(m.GetProperty("algorithmDigest").GetString()!),
            CkksParameterId = Bytes32.Parse(m.GetProperty("ckksParameterId").GetString()!),
            InputRoot = Bytes32.Parse(m.GetProperty("inputRoot").GetString()!),
            OutputHash = Bytes32.Parse(m.GetProperty("outputHash").GetString()!),
            PolicyHash = Bytes32.Parse(m.GetProperty("policyHash").GetString()!),
            Buyer = EthereumAddress.Parse(m.GetProperty("buyer").GetString()!),
            Allowed = m.GetProperty("allowed").GetBoolean(),
            RuleId = m.GetProperty("ruleId").GetString()!,
            Timestamp = m.GetProperty("timestamp").GetUInt64(),
        };
        return (receipt, c.GetProperty("digest").GetString()!, c.GetProperty("signature").GetString()!);
    }

    private static JsonDocument Load() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "receipts", "vault-receipt-eip712.json")));
}
