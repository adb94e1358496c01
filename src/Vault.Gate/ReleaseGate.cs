using System.Security.Cryptography;
using Vault.Ckks;
using Vault.Ckks.Serialization;
using Vault.Engine.Datasets;
using Vault.Engine.Jobs;
using Vault.Ethereum;
using Vault.Ethereum.Contracts;
using Vault.Ipfs;
using Vault.Ipfs.UnixFs;
using Vault.ML;
using Vault.Policy;
using Vault.Rlwe;

namespace Vault.Gate;

/// <summary>The verifier at the provider: checks a job's transcript against the dataset's policy and the transcript's
/// own hashes, re-executes the job when the policy asks, decrypts only the declared output with noise flooding,
/// encrypts it to the buyer (ECIES), counts the decryption, records the decision, and signs and publishes the receipt.</summary>
/// <remarks>
/// <para><b>Checks, in order</b> (the first failure decides; every refusal carries a stable rule id from
/// <see cref="RuleIds"/>): the job was not decided before (<c>job.replayed</c>); the transcript chains to its job, its
/// dataset, its parameters, its algorithm digest and its input root (<c>release.transcript-mismatch</c>); the output is
/// not one of the dataset's own ciphertexts (<c>release.input-ciphertext</c>) and is exactly what the algorithm
/// declares (<c>release.undeclared-output</c>); the policy block parses and matches the hash registered on chain
/// (<c>dataset.policy-mismatch</c>); the policy admits the job (its own rule ids); re-execution, when required,
/// reproduces the output hash (<c>release.reexecution-mismatch</c>).</para>
/// <para><b>Release.</b> The output replicates the model in every block of the slots; the gate decrypts it exactly
/// in memory (never released), averages the c copies of each of the d + 1 values, adds Gaussian noise of
/// σ = 2^-(p+1)/8 from the OS CSPRNG to each average and rounds it to a multiple of 2^-p, p the policy's released
/// precision: the buyer receives d + 1 numbers, each within 2^-p of the exact average, and nothing else — not the
/// decryption of any slot, so the Li–Micciancio key recovery, which needs the whole decrypted polynomial, has nothing
/// to work on, and the flooding keeps even the released averages from being exact functions of the secret-dependent
/// noise. The release record stores p, σ and c.</para>
/// <para><b>Crash safety.</b> The ledger is a write-ahead log, read and written under an exclusive lock. An admitted
/// job is recorded as <i>pending</i> — charged against every budget exactly like a release — before the secret key is
/// read, and completed with its release record once the record is stored; the receipt is then signed and published,
/// and a publication that failed is retried from the record, never decided again. A process killed anywhere in
/// between can only over-count a budget, never under-count it. Releasing a pending job id again resumes it: the
/// transcript is checked as for a new job (its own pending entry not counted against it, so it is charged once), the
/// output is decrypted once more and the entry completed; if the checks now refuse, the refusal is recorded and the
/// charge kept. A completed job id is refused as <c>job.replayed</c>.</para>
/// </remarks>
public sealed class ReleaseGate
{
    private readonly IContentStore _store;
    private readonly ProviderKeyDirectory _keys;
    private readonly EthereumKey _signer;
    private readonly ReceiptChain? _chain;
    private readonly GateOptions _options;
    private readonly string _ledgerPath;

    /// <summary>A gate over <paramref name="store"/> for the datasets sealed under <paramref name="keys"/>.</summary>
    /// <param name="store">Where datasets, transcripts and outputs are; records and payloads go there too.</param>
    /// <param name="keys">The provider's key directory (the only place the secret key is read from).</param>
    /// <param name="signer">The key that signs receipts (the provider's or an authorised verifier's account).</param>
    /// <param name="chain">Where receipts are published; null signs them for <see cref="GateOptions.ChainId"/> and
    /// <see cref="GateOptions.Contract"/> without publishing.</param>
    /// <param name="options">State directory, clock, thread count.</param>
    public ReleaseGate(IContentStore store, ProviderKeyDirectory keys, EthereumKey signer, ReceiptChain? chain, GateOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _keys = keys;
        _signer = signer;
        _chain = chain;
        _options = options;
        Directory.CreateDirectory(options.StateDirectory);
        _ledgerPath = Path.Combine(options.StateDirectory, "ledger.json");
    }

    /// <summary>Decides on the job whose transcript is <paramref name="transcriptCid"/>, releases its output if allowed,
    /// and signs (and publishes) the receipt.</summary>
    /// <exception cref="JobFormatException">The transcript or its job record is missing or malformed.</exception>
    /// <exception cref="ReleaseException">The ledger is unreadable or the chain refused the receipt.</exception>
    public async Task<ReleaseOutcome> ReleaseAsync(Cid transcriptCid, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transcriptCid);
        var transcript = await IsolatedEngine.LoadTranscriptAsync(_store, transcriptCid, cancellationToken).ConfigureAwait(false);
        using var exclusive = LockState();
        var ledger = GateLedger.Open(_ledgerPath);
        var seen = ledger.Find(transcript.JobId);
        if (seen is { Pending: false, Record: { } decided })
        {
            // A decision whose receipt did not reach the chain is published again, never decided again.
            var record = await LoadRecordAsync(Cid.Parse(decided), cancellationToken).ConfigureAwait(false);
            if (!seen.Published && _chain is not null)
                return await FinishAsync(ledger, seen, record, transcript, BuyerOf(seen), payload: null, progress, cancellationToken).ConfigureAwait(false);
            return await RefuseReplayAsync(transcript, transcriptCid, record, BuyerOf(seen), cancellationToken).ConfigureAwait(false);
        }

        // A new job, or a pending one (admitted, then interrupted before its decision was recorded): it is checked as a
        // new job, except that its own pending entry is not counted against it, and its charge is never taken back.
        progress?.Report(seen is null ? "checking the transcript" : "resuming an interrupted release: checking the transcript");
        var check = await CheckAsync(transcript, transcriptCid, ledger, progress, cancellationToken).ConfigureAwait(false);
        byte[]? payload = null;
        ReleasedOutput? released = null;
        if (check.Verdict.Allowed)
        {
            if (seen is null)
            {
                // Write-ahead: the job is charged durably before the secret key is read.
                seen = new GateLedger.Entry(transcript.JobId.ToString(), transcript.Dataset.ToString(), check.Job?.Buyer.ToString() ?? "", _options.Clock().ToUnixTimeSeconds(),
                    Allowed: true, check.Verdict.RuleId, Decryptions: 1, Record: null, Published: false, Pending: true);
                ledger.Put(seen);
            }
            progress?.Report("decrypting the declared output with noise flooding");
            (payload, released) = await ReleaseOutputAsync(check, cancellationToken).ConfigureAwait(false);
        }
        var decision = new ReleaseRecord
        {
            JobId = transcript.JobId,
            Transcript = transcriptCid,
            Dataset = transcript.Dataset,
            Policy = check.PolicyCid,
            Allowed = check.Verdict.Allowed,
            RuleId = check.Verdict.RuleId,
            Reason = check.Verdict.Reason,
            Reexecuted = check.Reexecuted,
            Released = released,
            DecidedAt = _options.Clock().ToUnixTimeSeconds(),
        };
        var block = decision.ToBlock();
        await _store.PutAsync(block, cancellationToken).ConfigureAwait(false);
        // Completes the pending entry (or records a refusal). A resumed job refused now keeps its pending charge: the
        // interrupted run may have decrypted.
        var entry = new GateLedger.Entry(transcript.JobId.ToString(), transcript.Dataset.ToString(), check.Job?.Buyer.ToString() ?? "", decision.DecidedAt,
            decision.Allowed, decision.RuleId, decision.Allowed ? 1 : seen?.Decryptions ?? 0, block.Cid.ToString(), Published: false);
        ledger.Put(entry);
        return await FinishAsync(ledger, entry, decision, transcript, check.Job?.Buyer ?? EthereumAddress.Zero, payload, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One decision at a time per state directory, across processes: the ledger is read, decided on and written
    /// under an exclusive lock file.</summary>
    private FileStream LockState()
    {
        string path = Path.Combine(_options.StateDirectory, "ledger.lock");
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new ReleaseException($"Gate: another release gate is deciding with the state in {_options.StateDirectory} ({e.Message}); wait for it and run again.", e);
        }
    }

    /// <summary>Reads a release record by CID.</summary>
    /// <exception cref="JobFormatException">Missing or malformed.</exception>
    public async Task<ReleaseRecord> LoadRecordAsync(Cid recordCid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordCid);
        try
        {
            var block = await _store.GetAsync(recordCid, cancellationToken).ConfigureAwait(false);
            return ReleaseRecord.Parse(block.Data.Span);
        }
        catch (ContentNotFoundException e)
        {
            throw new JobFormatException($"Release record {recordCid} is not in the store: {e.Message}", e);
        }
    }

    private sealed record Check(PolicyVerdict Verdict, Cid PolicyCid, bool Reexecuted, JobSpec? Job, JobTranscript Transcript, SealedDatasetManifest? Manifest,
        CkksParameters? Parameters, EnclavePolicy? Policy);

    private async Task<Check> CheckAsync(JobTranscript t, Cid transcriptCid, GateLedger ledger, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        // Refusals name the dataset's policy when its manifest can be read at all (the chain accepts only receipts
        // carrying the registered policy hash); otherwise the empty block's CID.
        var knownPolicy = Cid.Compute(Multicodec.Raw, []);
        try
        {
            knownPolicy = SealedDatasetManifest.Parse((await _store.GetAsync(t.Dataset, cancellationToken).ConfigureAwait(false)).Data.Span).Policy;
        }
        catch (Exception e) when (e is ManifestFormatException or ContentNotFoundException or ContentIntegrityException)
        {
            // The dataset check below says what is wrong.
        }
        Check Refuse(string rule, string reason, Cid? policy = null, JobSpec? job = null, SealedDatasetManifest? manifest = null) =>
            new(new PolicyVerdict(false, rule, reason), policy ?? knownPolicy, false, job, t, manifest, null, null);

        // The transcript must chain: job record → job id, dataset, algorithm, parameters, inputs.
        JobSpec job;
        try
        {
            job = JobSpec.Parse((await _store.GetAsync(t.Job, cancellationToken).ConfigureAwait(false)).Data.Span);
        }
        catch (Exception e) when (e is JobFormatException or ContentNotFoundException)
        {
            return Refuse(RuleIds.ReleaseTranscriptMismatch, $"the transcript names job record {t.Job}, which is not a readable job: {e.Message}");
        }
        if (job.JobId != t.JobId || job.Dataset != t.Dataset || job.Algorithm != t.Algorithm)
            return Refuse(RuleIds.ReleaseTranscriptMismatch, "the transcript's job id, dataset or algorithm differs from its job record", job: job);
        DatasetVerification verification;
        try
        {
            verification = await DatasetVerifier.VerifyAsync(_store, t.Dataset, _options.AllowInsecure, null, cancellationToken).ConfigureAwait(false);
        }
        catch (DatasetIntegrityException e)
        {
            return Refuse(RuleIds.ReleaseTranscriptMismatch, $"the dataset {t.Dataset} does not verify: {e.Message}", job: job);
        }
        var manifest = verification.Manifest;
        var parameters = verification.Parameters;
        if (parameters.Id != _keys.Parameters.Id)
            return Refuse(RuleIds.ReleaseTranscriptMismatch, $"the dataset is sealed under parameters {parameters.Id}, not this gate's {_keys.Parameters.Id}", manifest.Policy, job, manifest);
        if (!AlgorithmCatalog.All.TryGetValue(t.Algorithm, out var algorithm) || algorithm.Digest != t.AlgorithmDigest)
            return Refuse(RuleIds.AlgorithmDigestMismatch, $"the transcript's algorithm {t.Algorithm} ({t.AlgorithmDigest}) is not one this gate knows", manifest.Policy, job, manifest);
        var training = manifest.Training;
        var keys = manifest.Keys;
        if (training is null || keys.RelinearizationKey is null || keys.GaloisKeys is null)
            return Refuse(RuleIds.ReleaseTranscriptMismatch, "the dataset has no training rows or evaluation keys, so no training job can have run on it", manifest.Policy, job, manifest);
        var inputRoot = IsolatedEngine.InputRoot([t.Dataset, keys.Parameters, keys.RelinearizationKey, keys.GaloisKeys, .. training.Blocks]);
        if (t.ParameterId != parameters.Id.ToString() || t.Rows != manifest.Rows || t.Features != training.Features.Length || t.InputRoot != inputRoot)
            return Refuse(RuleIds.ReleaseTranscriptMismatch, "the transcript's parameters, rows, features or input root do not match the sealed dataset", manifest.Policy, job, manifest);

        // The output must be the declared one, never an input.
        var inputs = new HashSet<Cid>([t.Dataset, .. manifest.ReferencedCids()]);
        if (inputs.Contains(t.Output))
            return Refuse(RuleIds.ReleaseInputCiphertext, $"the output {t.Output} is one of the dataset's own objects; the gate never decrypts input data", manifest.Policy, job, manifest);
        if (t.OutputKind != algorithm.OutputKind || t.OutputValues != AlgorithmDescriptor.OutputValues(training.Features.Length))
            return Refuse(RuleIds.ReleaseUndeclaredOutput, $"the transcript declares {t.OutputValues} {t.OutputKind} values; {algorithm.Id} on {training.Features.Length} features outputs {AlgorithmDescriptor.OutputValues(training.Features.Length)} {algorithm.OutputKind}", manifest.Policy, job, manifest);

        // The policy: the block the manifest names, and the hash registered on chain.
        EnclavePolicy policy;
        try
        {
            var policyBlock = await _store.GetAsync(manifest.Policy, cancellationToken).ConfigureAwait(false);
            policy = PolicyDocument.Parse(policyBlock.Data.Span);
        }
        catch (PolicyFormatException e)
        {
            return Refuse(RuleIds.DatasetPolicyMismatch, $"the dataset's policy {manifest.Policy} does not parse ({e.Message}); nothing is released under a policy the gate cannot read", manifest.Policy, job, manifest);
        }
        if (_chain is not null)
        {
            var registration = await _chain.Contract.GetDatasetAsync(t.Dataset.ToString(), cancellationToken).ConfigureAwait(false);
            var policyHash = PolicyHashOf(manifest.Policy);
            if (registration is null || registration.PolicyHash != policyHash)
                return Refuse(RuleIds.DatasetPolicyMismatch, registration is null ? $"dataset {t.Dataset} is not registered on chain" : $"the chain registers policy hash {registration.PolicyHash}, the manifest's policy has {policyHash}", manifest.Policy, job, manifest);
        }

        var verdict = PolicyEvaluator.Evaluate(policy, t.PolicyFacts(job.Buyer), ledger.UsageOf(t.Dataset, t.JobId), _options.Clock());
        if (!verdict.Allowed) return new Check(verdict, manifest.Policy, false, job, t, manifest, parameters, policy);

        bool reexecuted = false;
        if (policy.ReleaseRequiresReexecution)
        {
            progress?.Report("re-executing the job from public material");
            var rerun = await new IsolatedEngine(_store, _options.Threads, _options.AllowInsecure).RunAsync(job, null, cancellationToken).ConfigureAwait(false);
            if (rerun.Transcript.OutputSha256 != t.OutputSha256)
                return new Check(new PolicyVerdict(false, RuleIds.ReleaseReexecutionMismatch,
                    $"re-execution gives output {rerun.Transcript.OutputSha256}, the transcript claims {t.OutputSha256}: the engine's output was not computed as declared"),
                    manifest.Policy, true, job, t, manifest, parameters, policy);
            reexecuted = true;
        }
        return new Check(verdict, manifest.Policy, reexecuted, job, t, manifest, parameters, policy);
    }

    private async Task<(byte[] Payload, ReleasedOutput Released)> ReleaseOutputAsync(Check check, CancellationToken cancellationToken)
    {
        var t = check.Transcript;
        var manifest = check.Manifest!;
        var parameters = check.Parameters!;
        var job = check.Job!;
        var training = manifest.Training!;
        int p = check.Policy!.ReleasePrecisionBits;
        using var sink = new MemoryStream();
        await UnixFsFile.CopyToAsync(_store, t.Output, sink, cancellationToken).ConfigureAwait(false);
        byte[] bytes = sink.ToArray();
        if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(t.OutputSha256.Span))
            throw new JobFormatException($"Gate: the output {t.Output} does not hash to the transcript's {t.OutputSha256}.");
        var ciphertext = CkksSerializer.ReadCiphertext(bytes, parameters);
        var algorithm = AlgorithmCatalog.Find(t.Algorithm);
        var problem = GradientProblem.Create(algorithm.Options(t.Hyperparameters, training.HessianBound), training.Features.Length);
        var layout = SlotLayout.Create(parameters.Slots, problem.Columns, doubled: true);

        double[] slots;
        using (var secretKey = _keys.ReadSecretKey())
            slots = new CkksEncoder(parameters).DecodeReal(new Decryptor(parameters.Rlwe, secretKey).Decrypt(ciphertext));
        int values = t.OutputValues;
        var exactWeights = EncryptedTrainingResult.AverageCopies(layout, slots, values, problem.Radius, out int copies);
        Array.Clear(slots);

        double sigma = Math.ScaleB(1.0, -(p + 1)) / 8;
        var weights = new double[values];
        for (int j = 0; j < values; j++)
            weights[j] = Math.Round((exactWeights[j] + sigma * Gaussian()) * Math.ScaleB(1.0, p)) / Math.ScaleB(1.0, p);
        Array.Clear(exactWeights);

        var columns = training.Features.Select(name => manifest.Columns.First(c => c.Name == name)).ToArray();
        var model = new ReleasedModel
        {
            Algorithm = algorithm.Algorithm,
            Weights = [.. weights],
            Offsets = [.. columns.Select(c => c.Normalisation.Offset)],
            Scales = [.. columns.Select(c => c.Normalisation.Scale)],
            Winsorised = columns.Any(c => c.Normalisation.Method == NormalisationMethod.Winsorised),
            Features = training.Features,
            Degree = problem.Options.Degree,
            SigmoidRadius = problem.Radius,
            Iterations = problem.Options.Iterations,
            Dataset = t.Dataset.ToString(),
            JobId = t.JobId.ToString(),
            PrecisionBits = p,
            TargetOffset = algorithm.Algorithm == TrainingAlgorithm.Ridge ? manifest.Columns.First(c => c.Name == training.Label).Normalisation.Offset : 0,
            TargetScale = algorithm.Algorithm == TrainingAlgorithm.Ridge ? manifest.Columns.First(c => c.Name == training.Label).Normalisation.Scale : 1,
        };
        byte[] plain = model.ToJson();
        byte[] payload = Ecies.Encrypt(Convert.FromHexString(job.BuyerPublicKey), plain);
        CryptographicOperations.ZeroMemory(plain);
        var block = Block.Create(Multicodec.Raw, payload);
        await _store.PutAsync(block, cancellationToken).ConfigureAwait(false);
        return (payload, new ReleasedOutput(values, p, sigma, copies, block.Cid, job.Buyer));
    }

    private async Task<ReleaseOutcome> RefuseReplayAsync(JobTranscript t, Cid transcriptCid, ReleaseRecord earlier, EthereumAddress earlierBuyer, CancellationToken cancellationToken)
    {
        // The job id is spent (its receipt is on chain, or no chain is used): refuse without publishing a second receipt.
        var replay = new ReleaseRecord
        {
            JobId = t.JobId,
            Transcript = transcriptCid,
            Dataset = t.Dataset,
            Policy = earlier.Policy,
            Allowed = false,
            RuleId = RuleIds.JobReplayed,
            Reason = $"job {t.JobId} was decided at {DateTimeOffset.FromUnixTimeSeconds(earlier.DecidedAt):u} ({earlier.RuleId}); a job id is released at most once",
            Reexecuted = false,
            DecidedAt = _options.Clock().ToUnixTimeSeconds(),
        };
        var block = replay.ToBlock();
        await _store.PutAsync(block, cancellationToken).ConfigureAwait(false);
        var receipt = ReceiptOf(replay, t, earlierBuyer);
        return new ReleaseOutcome(replay, block.Cid, Sign(receipt), null, null);
    }

    private async Task<ReleaseOutcome> FinishAsync(GateLedger ledger, GateLedger.Entry entry, ReleaseRecord record, JobTranscript t, EthereumAddress buyer, byte[]? payload,
        IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var receipt = ReceiptOf(record, t, buyer);
        var signed = Sign(receipt);
        PublishOutcome? publication = null;
        if (_chain is not null)
        {
            progress?.Report("publishing the receipt");
            try
            {
                publication = await _chain.Contract.PublishReceiptAsync(_chain.Sender, receipt, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Vault.Ethereum.Rpc.ContractRevertException or Vault.Ethereum.Rpc.EthereumRpcException or ReceiptConflictException or HttpRequestException)
            {
                throw new ReleaseException($"Gate: the decision on job {t.JobId} is recorded ({record.RuleId}) but its receipt was not published: {e.Message} Run the release again to publish it.", e);
            }
            ledger.Put(entry with { Published = true, Transaction = publication.TransactionHash?.ToString() });
        }
        payload ??= record.Released is { } r ? (await _store.GetAsync(r.Payload, cancellationToken).ConfigureAwait(false)).Data.ToArray() : null;
        return new ReleaseOutcome(record, record.ToBlock().Cid, signed, publication, payload);
    }

    private static Receipt ReceiptOf(ReleaseRecord record, JobTranscript t, EthereumAddress buyer) => new()
    {
        JobId = t.JobId,
        DatasetCid = t.Dataset.ToString(),
        AlgorithmDigest = DigestBytes(t.AlgorithmDigest),
        CkksParameterId = Bytes32.Parse("0x" + t.ParameterId),
        InputRoot = t.InputRoot,
        OutputHash = record.Hash,
        PolicyHash = PolicyHashOf(record.Policy),
        Buyer = buyer,
        Allowed = record.Allowed,
        RuleId = record.RuleId,
        Timestamp = (ulong)record.DecidedAt,
    };

    private static EthereumAddress BuyerOf(GateLedger.Entry entry) =>
        EthereumAddress.TryParse(entry.Buyer, out var buyer) ? buyer : EthereumAddress.Zero;

    private SignedReceipt Sign(Receipt receipt) =>
        _chain is not null
            ? SignedReceipt.Sign(receipt, _chain.Contract.ChainId, _chain.Contract.Address, _signer)
            : SignedReceipt.Sign(receipt, _options.ChainId, _options.Contract, _signer);

    /// <summary>The policy hash a receipt and the chain carry: the SHA-256 digest inside the policy block's CID.</summary>
    public static Bytes32 PolicyHashOf(Cid policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new Bytes32(policy.Multihash.Digest);
    }

    private static Bytes32 DigestBytes(string digest) =>
        digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length == 71 ? Bytes32.Parse("0x" + digest[7..]) : Bytes32.Zero;

    /// <summary>A standard normal deviate from the OS CSPRNG (Box–Muller on 53-bit uniforms).</summary>
    private static double Gaussian()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        double u1 = ((BitConverter.ToUInt64(bytes) >> 11) + 1) * Math.ScaleB(1.0, -53);
        double u2 = (BitConverter.ToUInt64(bytes[8..]) >> 11) * Math.ScaleB(1.0, -53);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
