using Vault.Engine.Datasets;
using Vault.Engine.Jobs;
using Vault.Ethereum;
using Vault.Ethereum.Contracts;
using Vault.Ipfs;
using Vault.Policy;

namespace Vault.Engine.Audit;

/// <summary>An auditor's end-to-end check of one job, from public material only: the receipt on chain (digest, event,
/// registered policy, publisher, signature) → the release record its output hash names → the transcript → the job
/// record → the sealed dataset (every block re-hashed and parsed) → the policy (hash, parse, the verdict re-derived) →
/// the released payload; and, when asked, a re-execution of the job compared with the transcript's output hash.
/// Online it also writes a <see cref="ProofBundle"/> that <see cref="VerifyBundleAsync"/> checks offline.</summary>
public sealed class JobAuditor
{
    private readonly IContentStore? _store;
    private readonly int _threads;
    private readonly bool _allowInsecure;

    /// <summary>An auditor reading datasets from <paramref name="store"/> (null: offline, bundle checks only).</summary>
    public JobAuditor(IContentStore? store, int threads = 0, bool allowInsecure = false)
    {
        _store = store;
        _threads = threads;
        _allowInsecure = allowInsecure;
    }

    /// <summary>Audits job <paramref name="jobId"/> against the chain and the store, and assembles its proof bundle.</summary>
    /// <exception cref="InvalidOperationException">The auditor has no store.</exception>
    public async Task<(JobAudit Audit, ProofBundle? Bundle)> AuditAsync(Bytes32 jobId, VaultReceiptsContract contract, SignedReceipt? signedReceipt, bool reexecute,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var store = _store ?? throw new InvalidOperationException("JobAuditor: an online audit needs a store.");
        progress?.Report("reading the receipt from the chain");
        var chain = await contract.AuditAsync(jobId, signedReceipt, cancellationToken).ConfigureAwait(false);
        var checks = new List<AuditCheck>(chain.Checks);
        if (chain.Receipt is not { } published) return (new JobAudit(checks), null);
        var receipt = published.Receipt;
        var records = new Dictionary<Cid, byte[]>();
        async Task<byte[]?> Fetch(Cid cid)
        {
            try
            {
                var block = await store.GetAsync(cid, cancellationToken).ConfigureAwait(false);
                records[cid] = block.Data.ToArray();
                return records[cid];
            }
            catch (ContentNotFoundException)
            {
                return null;
            }
        }
        await CheckRecordsAsync(receipt, Fetch, checks, reexecute, progress, cancellationToken).ConfigureAwait(false);
        if (signedReceipt is null) return (new JobAudit(checks), null);
        var registration = await contract.GetDatasetAsync(receipt.DatasetCid, cancellationToken).ConfigureAwait(false);
        var bundle = new ProofBundle
        {
            Receipt = signedReceipt,
            TransactionHash = published.TransactionHash,
            BlockNumber = published.BlockNumber,
            Provider = registration?.Provider,
            Records = records,
        };
        return (new JobAudit(checks), bundle);
    }

    /// <summary>Checks a proof bundle without the chain: the signature and who made it, the receipt's digest, and the
    /// chain of records it carries; re-executes when asked and a store is at hand.</summary>
    public async Task<JobAudit> VerifyBundleAsync(ProofBundle bundle, bool reexecute, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var checks = new List<AuditCheck>();
        var receipt = bundle.Receipt.Receipt;
        EthereumAddress? signer = null;
        try
        {
            signer = bundle.Receipt.Signer;
        }
        catch (FormatException)
        {
            // reported below
        }
        bool signerOk = signer is { } s && (bundle.Provider is not { } provider || provider == s);
        checks.Add(new AuditCheck("EIP-712 signature", signerOk, signer is null ? "the signature does not recover to any address"
            : $"signed by {signer}{(bundle.Provider is { } p ? (p == signer ? " = the registered provider" : $", not the registered provider {p}") : " (no provider recorded in the bundle)")}"));
        checks.Add(new AuditCheck("on chain", bundle.TransactionHash is not null,
            bundle.TransactionHash is { } tx ? $"transaction {tx}, block {bundle.BlockNumber} (not re-read offline: audit JOB_ID online for that)" : "the bundle records no publication"));
        Task<byte[]?> Fetch(Cid cid) => Task.FromResult(bundle.Records.TryGetValue(cid, out var bytes) ? bytes : null);
        await CheckRecordsAsync(receipt, Fetch, checks, reexecute && _store is not null, progress, cancellationToken, verifyDataset: _store is not null).ConfigureAwait(false);
        return new JobAudit(checks);
    }

    private async Task CheckRecordsAsync(Receipt receipt, Func<Cid, Task<byte[]?>> fetch, List<AuditCheck> checks, bool reexecute,
        IProgress<string>? progress, CancellationToken cancellationToken, bool verifyDataset = true)
    {
        void Add(string name, bool passed, string detail) => checks.Add(new AuditCheck(name, passed, detail));

        // Receipt → release record (its CID is the output hash's).
        var recordCid = ReleaseRecord.CidOf(receipt.OutputHash);
        ReleaseRecord record;
        try
        {
            record = ReleaseRecord.Parse(await fetch(recordCid).ConfigureAwait(false) ?? throw new JobFormatException($"{recordCid} is not available"));
        }
        catch (JobFormatException e)
        {
            Add("release record", false, $"the receipt's output hash names {recordCid}: {e.Message}");
            return;
        }
        bool recordOk = record.JobId == receipt.JobId && record.Allowed == receipt.Allowed && record.RuleId == receipt.RuleId
            && record.Dataset.ToString() == receipt.DatasetCid && (ulong)record.DecidedAt == receipt.Timestamp;
        Add("release record", recordOk, recordOk ? $"{recordCid}: {(record.Allowed ? "released" : "refused")} ({record.RuleId})" : $"{recordCid} disagrees with the receipt (job, verdict, rule, dataset or time)");

        // Record → transcript → job.
        JobTranscript transcript;
        try
        {
            transcript = JobTranscript.Parse(await fetch(record.Transcript).ConfigureAwait(false) ?? throw new JobFormatException($"{record.Transcript} is not available"));
        }
        catch (JobFormatException e)
        {
            Add("transcript", false, e.Message);
            return;
        }
        bool transcriptOk = transcript.JobId == receipt.JobId && transcript.Dataset.ToString() == receipt.DatasetCid && transcript.InputRoot == receipt.InputRoot
            && "0x" + transcript.ParameterId == receipt.CkksParameterId.ToString() && transcript.AlgorithmDigest == "sha256:" + receipt.AlgorithmDigest.ToString()[2..];
        Add("transcript", transcriptOk, transcriptOk ? $"{record.Transcript}: {transcript.Algorithm}, {transcript.Rows} rows, output {transcript.Output}"
            : $"{record.Transcript} disagrees with the receipt (job, dataset, input root, parameters or algorithm digest)");
        JobSpec? job = null;
        try
        {
            job = JobSpec.Parse(await fetch(transcript.Job).ConfigureAwait(false) ?? throw new JobFormatException($"{transcript.Job} is not available"));
        }
        catch (JobFormatException e)
        {
            Add("job record", false, e.Message);
        }
        if (job is not null)
        {
            bool jobOk = job.JobId == receipt.JobId && job.Buyer == receipt.Buyer && job.Dataset == transcript.Dataset;
            Add("job record", jobOk, jobOk ? $"{transcript.Job}: Keccak-256 = job id, buyer {job.Buyer}" : $"{transcript.Job} does not hash to the job id or names another buyer or dataset");
        }

        // Dataset: the manifest (and, with a store, every block); the input root.
        SealedDatasetManifest? manifest = null;
        if (verifyDataset && _store is not null)
        {
            progress?.Report("verifying the sealed dataset");
            try
            {
                var verification = await DatasetVerifier.VerifyAsync(_store, transcript.Dataset, _allowInsecure, null, cancellationToken).ConfigureAwait(false);
                manifest = verification.Manifest;
                await fetch(transcript.Dataset).ConfigureAwait(false);
                Add("dataset", true, $"{transcript.Dataset}: {verification.Ciphertexts} ciphertexts re-hashed and parsed, integrity hash {verification.IntegrityHash[..16]}…");
            }
            catch (DatasetIntegrityException e)
            {
                Add("dataset", false, e.Message);
            }
        }
        else
        {
            try
            {
                manifest = SealedDatasetManifest.Parse(await fetch(transcript.Dataset).ConfigureAwait(false) ?? throw new ManifestFormatException($"{transcript.Dataset} is not in the bundle"));
                Add("dataset", true, $"{transcript.Dataset}: manifest hashes to its CID (blocks not re-read offline)");
            }
            catch (ManifestFormatException e)
            {
                Add("dataset", false, e.Message);
            }
        }
        if (manifest is { Training: { } training, Keys: { RelinearizationKey: { } rlk, GaloisKeys: { } gk } keys })
        {
            var root = IsolatedEngine.InputRoot([transcript.Dataset, keys.Parameters, rlk, gk, .. training.Blocks]);
            bool inputsOk = root == transcript.InputRoot && transcript.Rows == manifest.Rows && transcript.Features == training.Features.Length;
            Add("input root", inputsOk, inputsOk ? $"{root} recomputed from the manifest; {manifest.Rows} rows, {training.Features.Length} features"
                : $"recomputed {root} for {manifest.Rows} rows × {training.Features.Length} features; the transcript says {transcript.InputRoot} for {transcript.Rows} × {transcript.Features}");
        }

        // Policy: the manifest's, hashed into the receipt, parsed, and the verdict re-derived where the ledger does not matter.
        if (manifest is not null)
        {
            var policyHash = new Bytes32(manifest.Policy.Multihash.Digest);
            bool sameBlock = manifest.Policy == record.Policy && policyHash == receipt.PolicyHash;
            byte[]? policyBytes = await fetch(manifest.Policy).ConfigureAwait(false);
            EnclavePolicy? policy = null;
            string parseError = "";
            try
            {
                if (policyBytes is not null) policy = PolicyDocument.Parse(policyBytes);
            }
            catch (PolicyFormatException e)
            {
                parseError = e.Message;
            }
            Add("policy", sameBlock && policy is not null, !sameBlock ? $"the manifest's policy {manifest.Policy} is not the one the record and receipt name"
                : policy is null ? $"the policy {manifest.Policy} {(policyBytes is null ? "is not available" : $"does not parse: {parseError}")}" : $"{manifest.Policy}: hash {policyHash} = receipt's, '{policy.Name}'");
            if (policy is not null && job is not null && record.RuleId != RuleIds.JobReplayed)
            {
                var verdict = PolicyEvaluator.Evaluate(policy, transcript.PolicyFacts(job.Buyer), UsageLedger.Empty, DateTimeOffset.FromUnixTimeSeconds(record.DecidedAt));
                bool ledgerRule = record.RuleId is RuleIds.BudgetJobsExhausted or RuleIds.BudgetDecryptionsExhausted || record.RuleId.StartsWith("release.", StringComparison.Ordinal)
                    || record.RuleId == RuleIds.DatasetPolicyMismatch;
                if (record.Allowed)
                    Add("verdict", verdict.Allowed, verdict.Allowed ? "the policy admits the job (budgets live in the gate's ledger and are not re-derived here)"
                        : $"the policy refuses the job ({verdict.RuleId}: {verdict.Reason}) but it was released");
                else if (ledgerRule)
                    Add("verdict", true, $"refused by the gate ({record.RuleId}: {record.Reason}); this rule depends on the gate's ledger or checks, not on the policy text alone");
                else
                    Add("verdict", verdict.RuleId == record.RuleId, $"re-derived {verdict.RuleId}, recorded {record.RuleId}");
            }
        }

        // The released payload.
        if (record.Released is { } released)
        {
            bool payloadOk = released.Values == transcript.OutputValues && job is not null && released.Recipient == job.Buyer;
            Add("released output", payloadOk, payloadOk ? $"{released.Values} values at 2^-{released.PrecisionBits} (flooding σ {released.FloodingSigma:G3}, {released.CopiesAveraged} copies averaged), ECIES to {released.Recipient}, payload {released.Payload}"
                : "the release exceeds the transcript's declared output or is addressed to someone other than the buyer");
        }

        if (reexecute && job is not null && _store is not null)
        {
            progress?.Report("re-executing the job");
            try
            {
                var rerun = await new IsolatedEngine(_store, _threads, _allowInsecure).RunAsync(job, null, cancellationToken).ConfigureAwait(false);
                bool same = rerun.Transcript.OutputSha256 == transcript.OutputSha256;
                Add("re-execution", same, same ? $"output {rerun.Transcript.OutputSha256} reproduced bit for bit" : $"re-execution gives {rerun.Transcript.OutputSha256}, the transcript {transcript.OutputSha256}");
            }
            catch (Exception e) when (e is JobFormatException or DatasetIntegrityException or ML.JobPlanException)
            {
                Add("re-execution", false, e.Message);
            }
        }
    }
}
