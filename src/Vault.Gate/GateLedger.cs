using System.Text.Json;
using System.Text.Json.Serialization;
using Vault.Engine.Datasets;
using Vault.Ethereum;
using Vault.Ipfs;
using Vault.Policy;

namespace Vault.Gate;

/// <summary>The release gate's memory, one JSON file written atomically: every job it decided (id, dataset, buyer,
/// time, verdict, decryptions, release record, whether the receipt is on chain). Budgets are counted from it, replays
/// are refused by it, and a decision whose receipt could not be published yet is published again from it — the
/// decryption is never repeated.</summary>
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

    /// <summary>One decided job.</summary>
    public sealed record Entry(string JobId, string Dataset, string Buyer, long DecidedAt, bool Allowed, string RuleId, int Decryptions, string Record,
        bool Published, string? Transaction = null);

    /// <summary>Opens (or starts) the ledger at <paramref name="path"/>.</summary>
    /// <exception cref="ReleaseException">The file exists but is not a ledger.</exception>
    public static GateLedger Open(string path)
    {
        if (!File.Exists(path)) return new GateLedger(path, []);
        try
        {
            var entries = JsonSerializer.Deserialize<List<Entry>>(File.ReadAllBytes(path), Json) ?? throw new JsonException("empty");
            return new GateLedger(path, entries);
        }
        catch (JsonException e)
        {
            throw new ReleaseException($"Gate: the ledger {path} is corrupt ({e.Message}); restore it from a backup — without it budgets and replays cannot be checked.", e);
        }
    }

    public Entry? Find(Bytes32 jobId) => _entries.Find(e => e.JobId == jobId.ToString());

    /// <summary>The admitted jobs of <paramref name="dataset"/>, as the policy evaluator counts them.</summary>
    public UsageLedger UsageOf(Cid dataset) =>
        new([.. _entries.Where(e => e.Allowed && e.Dataset == dataset.ToString()).Select(e => new UsageEntry(e.Buyer, DateTimeOffset.FromUnixTimeSeconds(e.DecidedAt), e.Decryptions))]);

    /// <summary>Adds or replaces the entry of its job and writes the file atomically.</summary>
    public void Put(Entry entry)
    {
        _entries.RemoveAll(e => e.JobId == entry.JobId);
        _entries.Add(entry);
        AtomicFile.Write(_path, s => JsonSerializer.Serialize(s, _entries, Json), AtomicFile.OwnerOnly);
    }
}
