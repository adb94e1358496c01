using System.Text.Json;
using System.Text.Json.Serialization;
using Vault.Engine.Datasets;
using Vault.Ethereum;
using Vault.Ipfs;
using Vault.Policy;

namespace Vault.Gate;

/// <summary>The release gate's memory, one JSON file written atomically: every job it admitted or decided (id, dataset,
/// buyer, time, verdict, decryptions, release record, whether the receipt is on chain). It is a write-ahead log: an
/// admitted job is written as a <i>pending</i> entry before the secret key is read, and completed with its release
/// record afterwards, so a crash can over-count a budget but never under-count it. Budgets are counted from it,
/// replays are refused by it, an interrupted release is resumed from it, and a decision whose receipt could not be
/// published yet is published again from it — the decision is never repeated.</summary>
/// <remarks>The file is a JSON array of entries. <c>"Pending": true</c> (written only when true, without a
/// <c>Record</c>) marks an admitted job whose release has not completed; a file written before pending entries
/// existed has none and reads as it always did.</remarks>
internal sealed class GateLedger
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly string _path;
    private readonly List<Entry> _entries;

    private GateLedger(string path, List<Entry> entries)
    {
        _path = path;
        _entries = entries;
    }

    /// <summary>One admitted or decided job. A pending entry has no <paramref name="Record"/> yet; every other entry has one.
    /// An entry is charged against the dataset's budgets when it holds decryptions (every admitted job, pending or not).</summary>
    public sealed record Entry(string JobId, string Dataset, string Buyer, long DecidedAt, bool Allowed, string RuleId, int Decryptions, string? Record,
        bool Published, string? Transaction = null, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Pending = false);

    /// <summary>Opens (or starts) the ledger at <paramref name="path"/>.</summary>
    /// <exception cref="ReleaseException">The file exists but is not a ledger.</exception>
    public static GateLedger Open(string path)
    {
        if (!File.Exists(path)) return new GateLedger(path, []);
        try
        {
            var entries = JsonSerializer.Deserialize<List<Entry>>(File.ReadAllBytes(path), Json) ?? throw new JsonException("empty");
            if (entries.Exists(e => e is null || e.JobId is null || (!e.Pending && e.Record is null)))
                throw new JsonException("an entry has no job id, or is complete without a release record");
            return new GateLedger(path, entries);
        }
        catch (JsonException e)
        {
            throw new ReleaseException($"Gate: the ledger {path} is corrupt ({e.Message}); restore it from a backup — without it budgets and replays cannot be checked.", e);
        }
    }

    public Entry? Find(Bytes32 jobId) => _entries.Find(e => e.JobId == jobId.ToString());

    /// <summary>The charged jobs of <paramref name="dataset"/> other than <paramref name="jobId"/> (a job is never counted
    /// against itself, so a resumed job is charged once), as the policy evaluator counts them.</summary>
    public UsageLedger UsageOf(Cid dataset, Bytes32 jobId) =>
        new([.. _entries.Where(e => e.Decryptions > 0 && e.Dataset == dataset.ToString() && e.JobId != jobId.ToString())
            .Select(e => new UsageEntry(e.Buyer, DateTimeOffset.FromUnixTimeSeconds(e.DecidedAt), e.Decryptions))]);

    /// <summary>Adds or replaces the entry of its job and writes the file atomically.</summary>
    public void Put(Entry entry)
    {
        _entries.RemoveAll(e => e.JobId == entry.JobId);
        _entries.Add(entry);
        AtomicFile.Write(_path, s => JsonSerializer.Serialize(s, _entries, Json), AtomicFile.OwnerOnly);
    }
}
