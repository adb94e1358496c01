using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Vault.Engine.Datasets;
using Vault.Ethereum;
using Vault.Ipfs;

namespace Vault.Engine.Jobs;

/// <summary>A model buyer's job: which sealed dataset, which algorithm with which hyperparameters, who asks, and the
/// secp256k1 public key the released output is encrypted to. Its canonical JSON is stored as a raw block; its
/// <see cref="JobId"/> (Keccak-256 of those bytes) is the key of its receipt on chain, so a job runs and is released
/// at most once. The <see cref="Nonce"/> lets one buyer ask for the same computation twice as two jobs.</summary>
public sealed record JobSpec
{
    /// <summary>The record's format name.</summary>
    public const string FormatName = "vault.job";

    /// <summary>The format version this code reads and writes.</summary>
    public const int FormatVersion = 1;

    /// <summary>Largest job record, in bytes.</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>The sealed dataset: its manifest CID.</summary>
    public required Cid Dataset { get; init; }

    /// <summary>The algorithm's id in <see cref="AlgorithmCatalog"/>.</summary>
    public required string Algorithm { get; init; }

    /// <summary>Hyperparameters by name (the algorithm declares which).</summary>
    public required ImmutableSortedDictionary<string, double> Hyperparameters { get; init; }

    /// <summary>The buyer's address: the address of <see cref="BuyerPublicKey"/>.</summary>
    public required EthereumAddress Buyer { get; init; }

    /// <summary>The buyer's 65-byte uncompressed secp256k1 public key (0x04‖X‖Y), in hex.</summary>
    public required string BuyerPublicKey { get; init; }

    /// <summary>16 random bytes in hex: two requests for the same computation are two jobs.</summary>
    public required string Nonce { get; init; }

    /// <summary>A fresh nonce from the CSPRNG.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The job's id: Keccak-256 of its canonical JSON.</summary>
    public Bytes32 JobId => Keccak256.Hash32(ToCanonicalJson());

    /// <summary>The job as the raw block the engine stores.</summary>
    public Block ToBlock() => Block.Create(Multicodec.Raw, ToCanonicalJson());

    /// <summary>The canonical JSON bytes.</summary>
    /// <exception cref="JobFormatException">A field is invalid.</exception>
    public byte[] ToCanonicalJson()
    {
        Validate();
        return CanonicalJson.Encode(new JsonObject
        {
            ["format"] = FormatName,
            ["version"] = FormatVersion,
            ["dataset"] = Dataset.ToString(),
            ["algorithm"] = Algorithm,
            ["hyperparameters"] = JsonReader.ToJson(Hyperparameters),
            ["buyer"] = Buyer.ToString().ToLowerInvariant(),
            ["buyerPublicKey"] = BuyerPublicKey,
            ["nonce"] = Nonce,
        });
    }

    /// <summary>Parses canonical job bytes.</summary>
    /// <exception cref="JobFormatException">Not a valid canonical version-1 job.</exception>
    public static JobSpec Parse(ReadOnlySpan<byte> json)
    {
        const string what = "Job";
        var o = JsonReader.ParseObject(json, what, MaxLength);
        if (JsonReader.String(o, "format", what) != FormatName) throw new JobFormatException($"Job: format must be \"{FormatName}\".");
        if (JsonReader.Integer(o, "version", what) != FormatVersion) throw new JobFormatException($"Job: version must be {FormatVersion}.");
        string buyer = JsonReader.String(o, "buyer", what);
        EthereumAddress address;
        try
        {
            address = EthereumAddress.Parse(buyer);
        }
        catch (FormatException e)
        {
            throw new JobFormatException($"Job: buyer \"{buyer}\" is not an address: {e.Message}", e);
        }
        var job = new JobSpec
        {
            Dataset = JsonReader.Cid(o, "dataset", what),
            Algorithm = JsonReader.String(o, "algorithm", what),
            Hyperparameters = JsonReader.Numbers(o, "hyperparameters", what).ToImmutableSortedDictionary(StringComparer.Ordinal),
            Buyer = address,
            BuyerPublicKey = JsonReader.String(o, "buyerPublicKey", what),
            Nonce = JsonReader.String(o, "nonce", what),
        };
        JsonReader.RequireCanonical(json, job.ToCanonicalJson(), what);
        return job;
    }

    private void Validate()
    {
        ArgumentNullException.ThrowIfNull(Dataset);
        ArgumentNullException.ThrowIfNull(Hyperparameters);
        if (string.IsNullOrEmpty(Algorithm) || Algorithm.Length > 64) throw new JobFormatException("Job: the algorithm id must have 1 to 64 characters.");
        if (Hyperparameters.Count > 32) throw new JobFormatException("Job: at most 32 hyperparameters.");
        foreach (var (name, value) in Hyperparameters)
            if (name.Length is 0 or > 64 || !double.IsFinite(value)) throw new JobFormatException($"Job: hyperparameter \"{name}\" must have a short name and a finite value.");
        if (Nonce is not { Length: 32 } || !Nonce.All(char.IsAsciiHexDigitLower)) throw new JobFormatException("Job: the nonce must be 32 lower-case hex digits.");
        byte[] key;
        try
        {
            key = Convert.FromHexString(BuyerPublicKey ?? "");
        }
        catch (FormatException e)
        {
            throw new JobFormatException("Job: buyerPublicKey must be hex.", e);
        }
        if (key.Length != 65 || key[0] != 0x04 || BuyerPublicKey != Convert.ToHexStringLower(key))
            throw new JobFormatException("Job: buyerPublicKey must be a 65-byte uncompressed secp256k1 key (04‖X‖Y) in lower-case hex.");
        try
        {
            if (!Org.BouncyCastle.Asn1.Sec.SecNamedCurves.GetByName("secp256k1").Curve.DecodePoint(key).IsValid()) throw new ArgumentException("not on the curve");
        }
        catch (ArgumentException e)
        {
            throw new JobFormatException("Job: buyerPublicKey is not a point on secp256k1.", e);
        }
        if (EthereumAddress.FromPublicKey(key) != Buyer)
            throw new JobFormatException($"Job: the buyer {Buyer} is not the address of buyerPublicKey ({EthereumAddress.FromPublicKey(key)}).");
    }
}
