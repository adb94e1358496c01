using System.Globalization;
using System.Text.Json.Nodes;
using Vault.Engine.Datasets;
using Vault.Ethereum;
using Vault.Ipfs;

namespace Vault.Engine.Jobs;

/// <summary>The release gate's decision on one job, stored as a canonical-JSON raw block whose SHA-256 is the receipt's
/// <c>outputHash</c>: so the receipt on chain names this record (its CID is CIDv1 raw sha2-256 of that hash), and the
/// record names the transcript, the policy and, when the job was allowed, the encrypted payload released to the buyer
/// with how it was made (precision, flooding). An auditor walks receipt → record → transcript → dataset.</summary>
public sealed record ReleaseRecord
{
    /// <summary>The record's format name.</summary>
    public const string FormatName = "vault.release";

    /// <summary>The format version this code reads and writes.</summary>
    public const int FormatVersion = 1;

    /// <summary>Largest record, in bytes.</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>The job.</summary>
    public required Bytes32 JobId { get; init; }

    /// <summary>The transcript the gate checked.</summary>
    public required Cid Transcript { get; init; }

    /// <summary>The dataset's manifest CID.</summary>
    public required Cid Dataset { get; init; }

    /// <summary>The dataset's policy (the raw block the manifest names).</summary>
    public required Cid Policy { get; init; }

    /// <summary>The verdict.</summary>
    public required bool Allowed { get; init; }

    /// <summary>The stable rule id that decided (<c>allow</c> when allowed).</summary>
    public required string RuleId { get; init; }

    /// <summary>Why, for people.</summary>
    public required string Reason { get; init; }

    /// <summary>Whether the gate re-executed the job and matched the output hash.</summary>
    public required bool Reexecuted { get; init; }

    /// <summary>What was released, when allowed.</summary>
    public ReleasedOutput? Released { get; init; }

    /// <summary>When the gate decided (Unix seconds).</summary>
    public required long DecidedAt { get; init; }

    /// <summary>SHA-256 of the canonical bytes: the receipt's output hash.</summary>
    public Bytes32 Hash => new(System.Security.Cryptography.SHA256.HashData(ToCanonicalJson()));

    /// <summary>The CID a record with hash <paramref name="hash"/> has (CIDv1, raw, sha2-256).</summary>
    public static Cid CidOf(Bytes32 hash) => Cid.CreateV1(Multicodec.Raw, Multihash.FromDigest(MultihashCode.Sha2256, hash.Span));

    /// <summary>The record as a raw block.</summary>
    public Block ToBlock() => Block.Create(Multicodec.Raw, ToCanonicalJson());

    /// <summary>The canonical JSON bytes.</summary>
    public byte[] ToCanonicalJson()
    {
        ArgumentNullException.ThrowIfNull(Transcript);
        ArgumentNullException.ThrowIfNull(Dataset);
        ArgumentNullException.ThrowIfNull(Policy);
        if (Allowed != (Released is not null)) throw new JobFormatException("Release record: an allowed job has a released output and a refused one none.");
        var node = new JsonObject
        {
            ["format"] = FormatName,
            ["version"] = FormatVersion,
            ["jobId"] = JobId.ToString(),
            ["transcript"] = Transcript.ToString(),
            ["dataset"] = Dataset.ToString(),
            ["policy"] = Policy.ToString(),
            ["allowed"] = Allowed,
            ["ruleId"] = RuleId,
            ["reason"] = Reason,
            ["reexecuted"] = Reexecuted,
            ["decidedAt"] = DecidedAt,
        };
        if (Released is { } r)
        {
            node["released"] = new JsonObject
            {
                ["values"] = r.Values,
                ["precisionBits"] = r.PrecisionBits,
                ["floodingSigma"] = r.FloodingSigma,
                ["copiesAveraged"] = r.CopiesAveraged,
                ["payload"] = r.Payload.ToString(),
                ["recipient"] = r.Recipient.ToString().ToLowerInvariant(),
            };
        }
        return CanonicalJson.Encode(node);
    }

    /// <summary>Parses canonical record bytes.</summary>
    /// <exception cref="JobFormatException">Not a valid canonical version-1 release record.</exception>
    public static ReleaseRecord Parse(ReadOnlySpan<byte> json)
    {
        const string what = "Release record";
        var o = JsonReader.ParseObject(json, what, MaxLength);
        if (JsonReader.String(o, "format", what) != FormatName) throw new JobFormatException($"Release record: format must be \"{FormatName}\".");
        if (JsonReader.Integer(o, "version", what) != FormatVersion) throw new JobFormatException($"Release record: version must be {FormatVersion}.");
        bool allowed = JsonReader.Required(o, "allowed", what) is JsonValue a && a.TryGetValue<bool>(out bool b) ? b : throw new JobFormatException("Release record: \"allowed\" must be true or false.");
        bool reexecuted = JsonReader.Required(o, "reexecuted", what) is JsonValue x && x.TryGetValue<bool>(out bool c) ? c : throw new JobFormatException("Release record: \"reexecuted\" must be true or false.");
        ReleasedOutput? released = null;
        if (o["released"] is JsonObject r)
        {
            string recipient = JsonReader.String(r, "recipient", what);
            released = new ReleasedOutput(
                (int)JsonReader.Integer(r, "values", what), (int)JsonReader.Integer(r, "precisionBits", what), JsonReader.Number(r, "floodingSigma", what),
                (int)JsonReader.Integer(r, "copiesAveraged", what), JsonReader.Cid(r, "payload", what),
                EthereumAddress.TryParse(recipient, out var address) ? address : throw new JobFormatException($"Release record: recipient \"{recipient}\" is not an address."));
        }
        var record = new ReleaseRecord
        {
            JobId = JsonReader.Bytes32(o, "jobId", what),
            Transcript = JsonReader.Cid(o, "transcript", what),
            Dataset = JsonReader.Cid(o, "dataset", what),
            Policy = JsonReader.Cid(o, "policy", what),
            Allowed = allowed,
            RuleId = JsonReader.String(o, "ruleId", what),
            Reason = JsonReader.String(o, "reason", what),
            Reexecuted = reexecuted,
            Released = released,
            DecidedAt = JsonReader.Integer(o, "decidedAt", what),
        };
        JsonReader.RequireCanonical(json, record.ToCanonicalJson(), what);
        return record;
    }

    /// <summary>A one-line summary.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"job {JobId}: {(Allowed ? "released" : "refused")} ({RuleId})");
}

/// <summary>What an allowed job released: how many values, at what precision and flooding, and the ECIES payload
/// addressed to the buyer.</summary>
/// <param name="Values">Values released (the output's declared count).</param>
/// <param name="PrecisionBits">p: every value is a multiple of 2^-p.</param>
/// <param name="FloodingSigma">σ of the Gaussian noise added to each released value before rounding (value units).</param>
/// <param name="CopiesAveraged">How many replicated copies of each value were averaged before flooding.</param>
/// <param name="Payload">The raw block holding the ECIES ciphertext of the released model.</param>
/// <param name="Recipient">The buyer's address the payload is encrypted to.</param>
public sealed record ReleasedOutput(int Values, int PrecisionBits, double FloodingSigma, int CopiesAveraged, Cid Payload, EthereumAddress Recipient);
