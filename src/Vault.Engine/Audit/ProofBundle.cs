using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vault.Engine.Jobs;
using Vault.Ethereum;
using Vault.Ethereum.Contracts;
using Vault.Ipfs;

namespace Vault.Engine.Audit;

/// <summary>Everything needed to check one job's receipt without the chain or the store: the signed EIP-712 receipt,
/// where it was published (chain, contract, transaction, block, the registered provider and policy hash), and the
/// exact bytes of the small records the receipt chains to — release record, transcript, job record, manifest and
/// policy — each named by its CID. The format is documented in proofs/formats/proof-bundle.md.</summary>
public sealed record ProofBundle
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The format name.</summary>
    public const string FormatName = "vault.proof-bundle";

    /// <summary>The format version.</summary>
    public const int FormatVersion = 1;

    /// <summary>The signed receipt.</summary>
    public required SignedReceipt Receipt { get; init; }

    /// <summary>The publishing transaction (null when the receipt was not published).</summary>
    public Bytes32? TransactionHash { get; init; }

    /// <summary>The block of publication (0 when unpublished).</summary>
    public ulong BlockNumber { get; init; }

    /// <summary>The provider registered for the dataset on chain, when known.</summary>
    public EthereumAddress? Provider { get; init; }

    /// <summary>The records, by CID: release record, transcript, job, manifest, policy.</summary>
    public required IReadOnlyDictionary<Cid, byte[]> Records { get; init; }

    /// <summary>The JSON form (records in base64, keyed by CID).</summary>
    public byte[] ToJson()
    {
        var records = new JsonObject();
        foreach (var (cid, bytes) in Records.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)) records[cid.ToString()] = Convert.ToBase64String(bytes);
        var root = new JsonObject
        {
            ["format"] = FormatName,
            ["version"] = FormatVersion,
            ["receipt"] = JsonNode.Parse(Receipt.ToJson()),
            ["transactionHash"] = TransactionHash?.ToString(),
            ["blockNumber"] = BlockNumber,
            ["provider"] = Provider?.ToString(),
            ["records"] = records,
        };
        return JsonSerializer.SerializeToUtf8Bytes(root, Indented);
    }

    /// <summary>Parses the JSON form; every record must hash to its CID.</summary>
    /// <exception cref="JobFormatException">Malformed, or a record does not match its CID.</exception>
    public static ProofBundle Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var root = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("not an object");
            if (root["format"]?.GetValue<string>() != FormatName || root["version"]?.GetValue<int>() != FormatVersion)
                throw new JsonException($"not a {FormatName} version {FormatVersion}");
            var records = new Dictionary<Cid, byte[]>();
            foreach (var (key, value) in root["records"] as JsonObject ?? throw new JsonException("no records"))
            {
                var cid = Cid.Parse(key);
                byte[] bytes = Convert.FromBase64String(value!.GetValue<string>());
                if (cid.Codec != Multicodec.Raw || cid.Multihash.Code != MultihashCode.Sha2256 || !SHA256.HashData(bytes).AsSpan().SequenceEqual(cid.Multihash.Digest))
                    throw new JobFormatException($"Proof bundle: the record filed under {cid} does not hash to it.");
                records[cid] = bytes;
            }
            string? tx = root["transactionHash"]?.GetValue<string>();
            string? provider = root["provider"]?.GetValue<string>();
            return new ProofBundle
            {
                Receipt = SignedReceipt.Parse(root["receipt"]!.ToJsonString()),
                TransactionHash = tx is null ? null : Bytes32.Parse(tx),
                BlockNumber = root["blockNumber"]?.GetValue<ulong>() ?? 0,
                Provider = provider is null ? null : EthereumAddress.Parse(provider),
                Records = records,
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or CidFormatException or Vault.Ethereum.Abi.AbiFormatException or NullReferenceException)
        {
            throw new JobFormatException($"Proof bundle: malformed ({e.Message}).", e);
        }
    }
}
