using System.Security.Cryptography;
using Vault.Engine.Jobs;
using Vault.Ethereum;
using Vault.Ipfs;
using Vault.Ipfs.UnixFs;
using Vault.ML;
using Vault.Policy;

namespace Vault.Gate.Tests;

public class ReleaseGateTests
{
    [Fact]
    public async Task Release_AllowedJob_GivesTheBuyerTheModel_AndASignedReceiptThatChainsToTheRecord()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy());
        var job = c.Job();
        var transcriptCid = await c.RunAsync(job);
        var outcome = await c.Gate().ReleaseAsync(transcriptCid);

        var record = outcome.Record;
        Assert.True(record.Allowed, record.Reason);
        Assert.Equal(RuleIds.Allow, record.RuleId);
        Assert.True(record.Reexecuted);
        var released = record.Released!;
        Assert.Equal(GateContext.Features + 1, released.Values);
        Assert.Equal(20, released.PrecisionBits);
        Assert.Equal(c.Buyer.Address, released.Recipient);

        // The buyer opens the payload; the weights match the plaintext twin within the released precision and the training error.
        var model = ReleasedModel.Parse(Ecies.Decrypt(c.Buyer, outcome.Payload));
        Assert.Equal(job.JobId.ToString(), model.JobId);
        Assert.Equal(["x1", "x2", "x3", "x4"], model.Features.ToArray());
        var problem = GradientProblem.Create(AlgorithmCatalog.LogisticRegression.Options(job.Hyperparameters, c.Dataset.Manifest.Training!.HessianBound), GateContext.Features);
        var plain = PlaintextGradientDescent.Train(problem, DesignRows(c)).Weights;
        for (int j = 0; j <= GateContext.Features; j++)
        {
            Assert.True(Math.Abs(model.Weights[j] - plain[j]) < 1e-3, $"weight {j}: released {model.Weights[j]}, plaintext {plain[j]}");
            Assert.Equal(model.Weights[j], Math.Round(model.Weights[j] * (1 << 20)) / (1 << 20));
        }
        // Nobody else can open it.
        using var stranger = EthereumKey.Generate();
        Assert.Throws<EciesException>(() => Ecies.Decrypt(stranger, outcome.Payload));

        // Receipt ↔ record ↔ transcript.
        var receipt = outcome.Receipt.Receipt;
        Assert.Equal(c.Signer.Address, outcome.Receipt.Signer);
        Assert.Equal(record.Hash, receipt.OutputHash);
        Assert.Equal(outcome.RecordCid, ReleaseRecord.CidOf(receipt.OutputHash));
        Assert.Equal(ReleaseRecord.Parse((await c.Provider.Store.GetAsync(outcome.RecordCid)).Data.Span).ToCanonicalJson(), record.ToCanonicalJson());
        Assert.Equal(job.JobId, receipt.JobId);
        Assert.Equal(c.Dataset.ManifestCid.ToString(), receipt.DatasetCid);
        Assert.Equal(new Bytes32(c.Dataset.Manifest.Policy.Multihash.Digest), receipt.PolicyHash);
        Assert.Equal(c.Buyer.Address, receipt.Buyer);
        Assert.True(receipt.Allowed);
        Assert.Null(outcome.Publication);
    }

    [Fact]
    public async Task Release_DecryptsOnlyTheAveragedModel_NeverASlot()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy());
        var outcome = await c.Gate().ReleaseAsync(await c.RunAsync(c.Job()));
        var model = ReleasedModel.Parse(Ecies.Decrypt(c.Buyer, outcome.Payload));
        Assert.Equal(GateContext.Features + 1, model.Weights.Length);
        Assert.Equal(c.Provider.Parameters.Slots / 8, outcome.Record.Released!.CopiesAveraged);   // 512 slots / 8-slot stride · 2 copies per block
    }

    // Egress red team: every case is refused with its rule id, recorded and signed.

    [Fact]
    public async Task RedTeam_NonAllowedAlgorithm_IsRefused()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy(algorithm: "ridge-regression"));
        var outcome = await c.Gate().ReleaseAsync(await c.RunAsync(c.Job()));
        AssertRefused(outcome, RuleIds.AlgorithmNotAllowed);
    }

    [Fact]
    public async Task RedTeam_OutOfRangeHyperparameters_AreRefused()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy(maxIterations: 1));
        var outcome = await c.Gate().ReleaseAsync(await c.RunAsync(c.Job(iterations: 2)));
        AssertRefused(outcome, RuleIds.HyperparameterOutOfRange);
    }

    [Fact]
    public async Task RedTeam_CohortBelowMinimum_IsRefused()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy(minimumCohort: 1000));
        var outcome = await c.Gate().ReleaseAsync(await c.RunAsync(c.Job()));
        AssertRefused(outcome, RuleIds.CohortBelowMinimum);
    }

    [Fact]
    public async Task RedTeam_DecryptingAnInputCiphertext_IsRefused()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy());
        var run = await c.Engine.RunAsync(c.Job());
        // A forged transcript that names the first training block (a row of patient data) as the output.
        var input = c.Dataset.Manifest.Training!.Blocks[0];
        byte[] bytes = await ReadAsync(c, input);
        var forged = run.Transcript with { Output = input, OutputSha256 = new Bytes32(SHA256.HashData(bytes)) };
        var block = forged.ToBlock();
        await c.Provider.Store.PutAsync(block);
        var outcome = await c.Gate().ReleaseAsync(block.Cid);
        AssertRefused(outcome, RuleIds.ReleaseInputCiphertext);
    }

    [Fact]
    public async Task RedTeam_TamperedOutput_IsCaughtByReexecution()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy());
        var honest = await c.Engine.RunAsync(c.Job(iterations: 2));
        // The engine swaps in another computation's output (one iteration instead of two) with self-consistent hashes.
        var other = await c.Engine.RunAsync(c.Job(iterations: 1, nonce: "0f0e0d0c0b0a09080706050403020100"));
        var tampered = honest.Transcript with { Output = other.Transcript.Output, OutputSha256 = other.Transcript.OutputSha256 };
        var block = tampered.ToBlock();
        await c.Provider.Store.PutAsync(block);
        var outcome = await c.Gate().ReleaseAsync(block.Cid);
        AssertRefused(outcome, RuleIds.ReleaseReexecutionMismatch);
        Assert.True(outcome.Record.Reexecuted);
    }

    [Fact]
    public async Task RedTeam_TamperedOutput_WithoutReexecution_IsReleasedAsTheTranscriptSays()
    {
        // The control for the case above: the check is what catches it, not something else.
        using var c = await GateContext.CreateAsync(GateContext.Policy(reexecute: false));
        var honest = await c.Engine.RunAsync(c.Job(iterations: 2));
        var other = await c.Engine.RunAsync(c.Job(iterations: 1, nonce: "0f0e0d0c0b0a09080706050403020100"));
        var tampered = honest.Transcript with { Output = other.Transcript.Output, OutputSha256 = other.Transcript.OutputSha256 };
        var block = tampered.ToBlock();
        await c.Provider.Store.PutAsync(block);
        var outcome = await c.Gate().ReleaseAsync(block.Cid);
        Assert.True(outcome.Record.Allowed);
        Assert.False(outcome.Record.Reexecuted);
    }

    [Fact]
    public async Task RedTeam_ReplayedJob_IsRefused_AndDecryptsNothing()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy());
        var transcript = await c.RunAsync(c.Job());
        var gate = c.Gate();
        var first = await gate.ReleaseAsync(transcript);
        Assert.True(first.Record.Allowed);
        var replay = await gate.ReleaseAsync(transcript);
        AssertRefused(replay, RuleIds.JobReplayed);
        // Running the same job again gives a new transcript but the same job id: still a replay.
        var rerun = await c.RunAsync(c.Job());
        AssertRefused(await c.Gate().ReleaseAsync(rerun), RuleIds.JobReplayed);
    }

    [Fact]
    public async Task RedTeam_ExhaustedBudget_IsRefused()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy(jobsPerBuyer: 1));
        Assert.True((await c.Gate().ReleaseAsync(await c.RunAsync(c.Job()))).Record.Allowed);
        var second = await c.Gate().ReleaseAsync(await c.RunAsync(c.Job(nonce: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")));
        AssertRefused(second, RuleIds.BudgetJobsExhausted);
        // A month later the window has moved on.
        var later = await c.Gate(GateContext.Now.AddDays(31)).ReleaseAsync(await c.RunAsync(c.Job(nonce: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")));
        Assert.True(later.Record.Allowed, later.Record.Reason);
    }

    [Fact]
    public async Task RedTeam_ExpiredPolicy_IsRefused()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy(expires: "2026-06-01T00:00:00Z"));
        var outcome = await c.Gate().ReleaseAsync(await c.RunAsync(c.Job()));
        AssertRefused(outcome, RuleIds.PolicyExpired);
    }

    [Fact]
    public async Task RedTeam_TranscriptThatDoesNotChain_IsRefused()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy());
        var run = await c.Engine.RunAsync(c.Job());
        var wrongRoot = run.Transcript with { InputRoot = new Bytes32(new byte[32]) };
        var block = wrongRoot.ToBlock();
        await c.Provider.Store.PutAsync(block);
        AssertRefused(await c.Gate().ReleaseAsync(block.Cid), RuleIds.ReleaseTranscriptMismatch);
        // A refusal spends the job id (its receipt is published once), so the next forgery is another job.
        var second = await c.Engine.RunAsync(c.Job(nonce: "cccccccccccccccccccccccccccccccc"));
        var moreValues = second.Transcript with { OutputValues = 64 };
        block = moreValues.ToBlock();
        await c.Provider.Store.PutAsync(block);
        AssertRefused(await c.Gate().ReleaseAsync(block.Cid), RuleIds.ReleaseUndeclaredOutput);
    }

    [Fact]
    public async Task Ledger_SurvivesANewGate_AndACorruptLedgerIsAClearError()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy());
        var transcript = await c.RunAsync(c.Job());
        await c.Gate().ReleaseAsync(transcript);
        File.WriteAllText(Path.Combine(c.StateDirectory, "ledger.json"), "{ not json");
        var e = await Assert.ThrowsAsync<ReleaseException>(() => c.Gate().ReleaseAsync(transcript));
        Assert.Contains("corrupt", e.Message);
    }

    // Crash window: the process dies after the decryption, before the ledger entry is completed.

    [Fact]
    public async Task Release_CrashAfterDecryption_LeavesAPendingEntryThatCountsAgainstTheBudget()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy(jobsPerBuyer: 1, reexecute: false));
        var crashed = c.Job();
        var transcript = await c.RunAsync(crashed);
        await Assert.ThrowsAsync<IOException>(() => c.Gate(store: new CrashingStore(c.Provider.Store)).ReleaseAsync(transcript));

        var pending = c.Ledger().Find(crashed.JobId);
        Assert.NotNull(pending);
        Assert.True(pending.Pending);
        Assert.Null(pending.Record);
        Assert.Equal(1, pending.Decryptions);
        Assert.Equal(c.Buyer.Address.ToString(), pending.Buyer, ignoreCase: true);
        // The decryption that may have happened is charged: another job of the buyer is over the one-job budget.
        var other = await c.Gate().ReleaseAsync(await c.RunAsync(c.Job(nonce: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")));
        AssertRefused(other, RuleIds.BudgetJobsExhausted);
    }

    [Fact]
    public async Task Release_OfACrashedJob_ResumesIt_AndTheLedgerEndsWithOneReleasedEntry()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy(jobsPerBuyer: 1, reexecute: false));
        var crashed = c.Job();
        var transcript = await c.RunAsync(crashed);
        await Assert.ThrowsAsync<IOException>(() => c.Gate(store: new CrashingStore(c.Provider.Store)).ReleaseAsync(transcript));

        // Its own pending entry does not count against it (on a one-job budget it would be refused).
        var resumed = await c.Gate().ReleaseAsync(transcript);
        Assert.True(resumed.Record.Allowed, resumed.Record.Reason);
        Assert.Equal(crashed.JobId.ToString(), ReleasedModel.Parse(Ecies.Decrypt(c.Buyer, resumed.Payload)).JobId);
        var ledger = c.Ledger();
        var entry = ledger.Find(crashed.JobId);
        Assert.NotNull(entry);
        Assert.False(entry.Pending);
        Assert.True(entry.Allowed);
        Assert.Equal(resumed.RecordCid.ToString(), entry.Record);
        var usage = ledger.UsageOf(c.Dataset.ManifestCid, Bytes32.Zero);
        Assert.Equal(1, Assert.Single(usage.Entries).Decryptions);
        string json = File.ReadAllText(Path.Combine(c.StateDirectory, "ledger.json"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, crashed.JobId.ToString()));
        // Completed, the job id is spent.
        AssertRefused(await c.Gate().ReleaseAsync(transcript), RuleIds.JobReplayed);
    }

    [Fact]
    public async Task Release_OfACrashedJobRefusedWhenResumed_KeepsItsCharge()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy(reexecute: false));
        var crashed = c.Job();
        var transcript = await c.RunAsync(crashed);
        await Assert.ThrowsAsync<IOException>(() => c.Gate(store: new CrashingStore(c.Provider.Store)).ReleaseAsync(transcript));

        // Resumed after the policy expired: refused and recorded, but the interrupted run may have decrypted.
        AssertRefused(await c.Gate(new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero)).ReleaseAsync(transcript), RuleIds.PolicyExpired);
        var entry = c.Ledger().Find(crashed.JobId);
        Assert.NotNull(entry);
        Assert.False(entry.Pending);
        Assert.False(entry.Allowed);
        Assert.Equal(1, Assert.Single(c.Ledger().UsageOf(c.Dataset.ManifestCid, Bytes32.Zero).Entries).Decryptions);
    }

    [Fact]
    public async Task Release_OverALedgerWrittenBeforePendingEntries_CountsItsEntries()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy(jobsPerBuyer: 1, reexecute: false));
        // The format the gate wrote before pending entries existed: one admitted job of this buyer yesterday.
        Directory.CreateDirectory(c.StateDirectory);
        File.WriteAllText(Path.Combine(c.StateDirectory, "ledger.json"), $$"""
            [
              {
                "JobId": "0x{{new string('7', 64)}}",
                "Dataset": "{{c.Dataset.ManifestCid}}",
                "Buyer": "{{c.Buyer.Address}}",
                "DecidedAt": {{GateContext.Now.AddDays(-1).ToUnixTimeSeconds()}},
                "Allowed": true,
                "RuleId": "allow",
                "Decryptions": 1,
                "Record": "{{c.Dataset.Manifest.Policy}}",
                "Published": false
              }
            ]
            """);
        var outcome = await c.Gate().ReleaseAsync(await c.RunAsync(c.Job()));
        AssertRefused(outcome, RuleIds.BudgetJobsExhausted);
        Assert.False(c.Ledger().Find(Bytes32.Parse("0x" + new string('7', 64)))!.Pending);
    }

    [Fact]
    public async Task Release_WhileAnotherGateHoldsTheState_IsAClearError()
    {
        using var c = await GateContext.CreateAsync(GateContext.Policy());
        var transcript = await c.RunAsync(c.Job());
        Directory.CreateDirectory(c.StateDirectory);
        using (new FileStream(Path.Combine(c.StateDirectory, "ledger.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var e = await Assert.ThrowsAsync<ReleaseException>(() => c.Gate().ReleaseAsync(transcript));
            Assert.Contains("another release gate", e.Message);
        }
        Assert.True((await c.Gate().ReleaseAsync(transcript)).Record.Allowed);
    }

    private static void AssertRefused(ReleaseOutcome outcome, string rule)
    {
        Assert.False(outcome.Record.Allowed);
        Assert.Equal(rule, outcome.Record.RuleId);
        Assert.Null(outcome.Record.Released);
        Assert.Null(outcome.Payload);
        var receipt = outcome.Receipt.Receipt;
        Assert.False(receipt.Allowed);
        Assert.Equal(rule, receipt.RuleId);
        Assert.Equal(outcome.Record.Hash, receipt.OutputHash);
    }

    private static async Task<byte[]> ReadAsync(GateContext c, Cid cid)
    {
        using var sink = new MemoryStream();
        await UnixFsFile.CopyToAsync(c.Provider.Store, cid, sink);
        return sink.ToArray();
    }

    private static double[][] DesignRows(GateContext c)
    {
        var manifest = c.Dataset.Manifest;
        var lines = c.Csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1);
        return [.. lines.Select(line =>
        {
            var v = line.Split(',').Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            double sign = v[GateContext.Features] == 1 ? 1 : -1;
            return new[] { sign }.Concat(Enumerable.Range(0, GateContext.Features).Select(j => sign * manifest.Columns[j].Normalisation.Apply(v[j]))).ToArray();
        })];
    }
}
