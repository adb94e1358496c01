using Vault.Ethereum;

namespace Vault.Gate.Tests;

public sealed class GateLedgerTests : IDisposable
{
    private static readonly Bytes32 JobId = Bytes32.Parse("0x" + new string('1', 64));
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"vault-ledger-{Guid.NewGuid():N}.json");

    [Fact]
    public void Open_CompletedEntryWithoutARecord_IsACorruptLedger()
    {
        File.WriteAllText(_path, $$"""[ { "JobId": "{{JobId}}", "Dataset": "d", "Buyer": "b", "DecidedAt": 0, "Allowed": true, "RuleId": "allow", "Decryptions": 1, "Published": false } ]""");
        var e = Assert.Throws<ReleaseException>(() => GateLedger.Open(_path));
        Assert.Contains("corrupt", e.Message);
    }

    [Fact]
    public void Put_PendingEntry_ReadsBackPending_AndItsCompletionIsWrittenInTheOldFormat()
    {
        var pending = new GateLedger.Entry(JobId.ToString(), "d", "b", 10, Allowed: true, "allow", Decryptions: 1, Record: null, Published: false, Pending: true);
        GateLedger.Open(_path).Put(pending);
        Assert.Equal(pending, GateLedger.Open(_path).Find(JobId));

        var completed = pending with { Record = "r", Pending = false };
        GateLedger.Open(_path).Put(completed);
        Assert.Equal(completed, GateLedger.Open(_path).Find(JobId));
        Assert.DoesNotContain("Pending", File.ReadAllText(_path));
    }

    public void Dispose() => File.Delete(_path);
}
