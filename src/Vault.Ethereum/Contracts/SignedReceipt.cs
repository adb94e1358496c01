using System.Text.Json;
using System.Text.Json.Nodes;
using Vault.Ethereum.Abi;
using Vault.Ethereum.TypedData;

namespace Vault.Ethereum.Contracts;

/// <summary>A receipt signed off chain: the EIP-712 document and the signature over its digest. Serialised as
/// <c>{"typedData": {…eth_signTypedData_v4…}, "signature": "0x…65 bytes", "signer": "0x…"}</c> so that it can be
/// verified without the chain (and by any EIP-712 tool).</summary>
/// <param name="Document">The typed data.</param>
/// <param name="Signature">The signature over <see cref="Eip712Document.Digest"/>.</param>
public sealed record SignedReceipt(Eip712Document Document, EcdsaSignature Signature)
{
    /// <summary>The receipt inside the typed data.</summary>
    public Receipt Receipt => Receipt.FromEip712(Document);

    /// <summary>The address that signed.</summary>
    public EthereumAddress Signer => Signature.RecoverSigner(Document.Digest());

    /// <summary>Signs <paramref name="receipt"/> for the deployment (chain, contract) with <paramref name="key"/>.</summary>
    public static SignedReceipt Sign(Receipt receipt, ulong chainId, EthereumAddress verifyingContract, EthereumKey key)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(key);
        var document = receipt.ToEip712(chainId, verifyingContract);
        return new SignedReceipt(document, document.Sign(key));
    }

    /// <summary>The JSON form.</summary>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["typedData"] = JsonNode.Parse(Document.ToJson()),
            ["signature"] = Signature.ToString(),
            ["signer"] = Signer.ToString(),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Parses the JSON form. The <c>signer</c> member is informational; <see cref="Signer"/> is always recovered.</summary>
    /// <exception cref="AbiFormatException">Malformed.</exception>
    public static SignedReceipt Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var root = JsonNode.Parse(json)!.AsObject();
            var document = Eip712Document.Parse(root["typedData"]!.ToJsonString());
            var signature = EcdsaSignature.FromBytes(Hex.Decode(root["signature"]!.GetValue<string>()));
            _ = Receipt.FromEip712(document);
            return new SignedReceipt(document, signature);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new AbiFormatException($"SignedReceipt.Parse: not a signed receipt: {e.Message}", e);
        }
    }
}
