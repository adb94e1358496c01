using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using Vault.Ckks.Serialization;
using Vault.Engine.Datasets;
using Vault.Ethereum;
using Vault.Ipfs;
using Vault.Ipfs.UnixFs;
using Vault.ML;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Engine.Jobs;

/// <summary>The isolated execution engine: runs a buyer's job on a sealed dataset with public material only. It
/// verifies every input against its CID (the manifest, the parameters, and each key and block it reads), trains on the
/// ciphertexts, stores the output ciphertext and then the <see cref="JobTranscript"/>, and never holds, loads or
/// accepts a secret key — no member of this assembly mentions one (tests/Vault.Architecture.Tests checks it).</summary>
/// <remarks>
/// <para><b>Deterministic.</b> Training uses no randomness (plaintext constants are encoded, never encrypted) and
/// modular arithmetic is exact, so the same job on the same sealed data gives a byte-identical output ciphertext on
/// the same build and CPU, whatever the thread count: the release gate and auditors re-execute and compare hashes.</para>
/// <para><b>Crash-safe.</b> Everything goes to a content-addressed store, output first and transcript last: an
/// interrupted or cancelled job leaves no transcript, only unreferenced blocks, and running it again writes the same
/// blocks (the same CIDs) and then the transcript.</para>
/// </remarks>
public sealed class IsolatedEngine
{
    private readonly IContentStore _store;
    private readonly int _threads;
    private readonly bool _allowInsecure;
    private readonly Func<RingContext, IRingBackend>? _backend;

    /// <summary>An engine over <paramref name="store"/>.</summary>
    /// <param name="store">Where sealed datasets, jobs and outputs live.</param>
    /// <param name="threads">Worker threads on the host (0: one per core).</param>
    /// <param name="allowInsecure">Accept datasets sealed under insecure test parameters (tests only).</param>
    /// <param name="backend">Null to train on the host; otherwise makes the ring backend (a GPU) a job's steps run on,
    /// for the job's ring (disposed by the engine after the job). The output is bit-identical either way.</param>
    public IsolatedEngine(IContentStore store, int threads = 0, bool allowInsecure = false, Func<RingContext, IRingBackend>? backend = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        _store = store;
        _threads = threads;
        _allowInsecure = allowInsecure;
        _backend = backend;
    }

    /// <summary>The engine's name and version, as transcripts record it.</summary>
    public static string Version { get; } = "vault-engine/" +
        (typeof(IsolatedEngine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    /// <summary>Stores <paramref name="job"/>'s record and returns its CID (idempotent).</summary>
    public async Task<Cid> SubmitAsync(JobSpec job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var block = job.ToBlock();
        await _store.PutAsync(block, cancellationToken).ConfigureAwait(false);
        return block.Cid;
    }

    /// <summary>Reads the job record <paramref name="jobCid"/>.</summary>
    /// <exception cref="JobFormatException">It is missing or not a job.</exception>
    public Task<JobSpec> LoadJobAsync(Cid jobCid, CancellationToken cancellationToken = default) =>
        ReadRecordAsync(_store, jobCid, "the job", JobSpec.MaxLength, JobSpec.Parse, cancellationToken);

    /// <summary>Reads the transcript <paramref name="transcriptCid"/>.</summary>
    /// <exception cref="JobFormatException">It is missing or not a transcript.</exception>
    public static Task<JobTranscript> LoadTranscriptAsync(IContentStore store, Cid transcriptCid, CancellationToken cancellationToken = default) =>
        ReadRecordAsync(store, transcriptCid, "the transcript", JobTranscript.MaxLength, JobTranscript.Parse, cancellationToken);

    /// <summary>Runs <paramref name="job"/>: verify, load, train, store the output and the transcript.</summary>
    /// <exception cref="JobFormatException">The job names an unknown algorithm or hyperparameter, or the dataset
    /// holds no training rows of the design the algorithm needs.</exception>
    /// <exception cref="DatasetIntegrityException">An input is missing, corrupt or inconsistent.</exception>
    /// <exception cref="JobPlanException">The job needs more levels than the sealed data has.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; nothing references what was stored.</exception>
    public async Task<JobRun> RunAsync(JobSpec job, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var algorithm = AlgorithmCatalog.Find(job.Algorithm);
        algorithm.Check(job.Hyperparameters);                              // unknown or malformed hyperparameters fail before any I/O
        var jobCid = await SubmitAsync(job, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();

        // Every object the job uses is read whole and re-hashed against its CID (the store checks each block), then parsed.
        var (_, manifest, parameters, _) = await DatasetVerifier.OpenAsync(_store, job.Dataset, _allowInsecure, cancellationToken).ConfigureAwait(false);
        var training = manifest.Training;
        if (training is null || training.Design != algorithm.Design)
            throw new JobFormatException($"Job: {algorithm.Id} needs the {DatasetNames.Of(algorithm.Design)} training rows, but dataset {job.Dataset} was sealed " +
                (training is null ? "without training rows" : $"with {DatasetNames.Of(training.Design)} ones") +
                $"; the provider must seal it with the {DatasetNames.Of(algorithm.Design)} design and a label column.");
        var keys = manifest.Keys;
        if (keys.RelinearizationKey is not { } rlkCid || keys.GaloisKeys is not { } gkCid)
            throw new JobFormatException($"Job: dataset {job.Dataset} publishes no {(keys.RelinearizationKey is null ? "relinearization" : "Galois")} key; training needs both.");
        int features = training.Features.Length;
        var options = algorithm.Options(job.Hyperparameters, training.HessianBound);
        var problem = GradientProblem.Create(options, features);
        if (manifest.Rows > int.MaxValue) throw new JobFormatException($"Job: {manifest.Rows} rows are more than one job handles.");

        int total = training.Blocks.Length + 2;
        progress?.Report(new JobProgress("load", 0, total));
        var rlkBytes = await DatasetVerifier.ReadObjectAsync(_store, rlkCid, "the relinearization key", parameters, cancellationToken).ConfigureAwait(false);
        var relinearizationKey = DatasetVerifier.ParseKey(rlkCid, "the relinearization key", () => CkksSerializer.ReadRelinearizationKey(rlkBytes, parameters));
        progress?.Report(new JobProgress("load", 1, total));
        var gkBytes = await DatasetVerifier.ReadObjectAsync(_store, gkCid, "the Galois keys", parameters, cancellationToken).ConfigureAwait(false);
        var galoisKeys = DatasetVerifier.ParseKey(gkCid, "the Galois keys", () => CkksSerializer.ReadGaloisKeys(gkBytes, parameters));
        progress?.Report(new JobProgress("load", 2, total));
        var ciphertexts = new List<Ciphertext>(training.Blocks.Length);
        foreach (var cid in training.Blocks)
        {
            string what = $"training ciphertext {ciphertexts.Count}";
            var bytes = await DatasetVerifier.ReadObjectAsync(_store, cid, what, parameters, cancellationToken).ConfigureAwait(false);
            ciphertexts.Add(DatasetVerifier.ParseCiphertext(cid, what, bytes, parameters, manifest.Layout.Level, manifest.Layout.LogScale));
            progress?.Report(new JobProgress("load", ciphertexts.Count + 2, total));
        }
        var layout = SlotLayout.Create(parameters.Slots, problem.Columns, doubled: true);
        if (layout.Stride != training.Stride || layout.RowsPerCiphertext != training.RowsPerCiphertext)
            throw new JobFormatException($"Job: the sealed training rows have stride {training.Stride}; {algorithm.Id} on {features} features needs {layout.Stride}.");
        var data = new EncryptedDataset(layout, (int)manifest.Rows, ciphertexts);
        double loadSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        using var backend = _backend?.Invoke(parameters.Rlwe.Ring);
        var trainer = backend is null
            ? new EncryptedGradientDescent(parameters, relinearizationKey, galoisKeys, _threads)
            : new EncryptedGradientDescent(parameters, relinearizationKey, galoisKeys, backend);
        var result = trainer.Train(problem, data,
            progress is null ? null : new SynchronousProgress<TrainingProgress>(p => progress.Report(new JobProgress("train", p.Iteration, p.Iterations))),
            keepIterates: false, cancellationToken);
        double trainSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        progress?.Report(new JobProgress("write", 0, 1));
        byte[] output = CkksSerializer.Write(result.Weights, parameters);
        var imported = await UnixFsImporter.ImportAsync(new MemoryStream(output, writable: false), _store, UnixFsImportOptions.CidV1, cancellationToken).ConfigureAwait(false);
        var transcript = new JobTranscript
        {
            JobId = job.JobId,
            Job = jobCid,
            Dataset = job.Dataset,
            Algorithm = algorithm.Id,
            AlgorithmDigest = algorithm.Digest,
            Hyperparameters = HyperparametersAsRun(algorithm, options),
            ParameterId = parameters.Id.ToString(),
            InputRoot = InputRoot([job.Dataset, keys.Parameters, rlkCid, gkCid, .. training.Blocks]),
            Rows = manifest.Rows,
            Features = features,
            Output = imported.Root,
            OutputSha256 = new Bytes32(SHA256.HashData(output)),
            OutputKind = algorithm.OutputKind,
            OutputValues = AlgorithmDescriptor.OutputValues(features),
            Engine = Version,
            Timings = new SortedDictionary<string, double> { ["load"] = loadSeconds, ["train"] = trainSeconds, ["write"] = clock.Elapsed.TotalSeconds }
                .ToImmutableSortedDictionary(StringComparer.Ordinal),
        };
        var transcriptBlock = transcript.ToBlock();
        await _store.PutAsync(transcriptBlock, cancellationToken).ConfigureAwait(false);
        progress?.Report(new JobProgress("done", 1, 1));
        return new JobRun(jobCid, transcriptBlock.Cid, JobTranscript.Parse(transcriptBlock.Data.Span));
    }

    /// <summary>SHA-256 over the binary forms of <paramref name="inputs"/>, in order.</summary>
    public static Bytes32 InputRoot(IEnumerable<Cid> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var cid in inputs) hash.AppendData(cid.Bytes);
        return new Bytes32(hash.GetHashAndReset());
    }

    private static ImmutableSortedDictionary<string, double> HyperparametersAsRun(AlgorithmDescriptor algorithm, TrainingOptions options)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["iterations"] = options.Iterations,
            ["learningRate"] = options.LearningRate,
        };
        if (algorithm.Defaults.ContainsKey("degree")) values["degree"] = options.Degree;
        if (algorithm.Preconditioned) values["learningRate"] = options.LearningRate;
        if (algorithm.Defaults.ContainsKey("ridgeLambda")) values["ridgeLambda"] = options.RidgeLambda;
        return values.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    private static async Task<T> ReadRecordAsync<T>(IContentStore store, Cid cid, string what, int maxLength, ReadRecord<T> parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cid);
        if (cid.Codec != Multicodec.Raw) throw new JobFormatException($"{what} {cid} is not a raw block.");
        Block block;
        try
        {
            block = await store.GetAsync(cid, cancellationToken).ConfigureAwait(false);
        }
        catch (ContentNotFoundException e)
        {
            throw new JobFormatException($"{what} {cid} is not in the store: {e.Message}", e);
        }
        if (block.Data.Length > maxLength) throw new JobFormatException($"{what} {cid} has {block.Data.Length} bytes, more than {maxLength}.");
        return parse(block.Data.Span);
    }

    private delegate T ReadRecord<out T>(ReadOnlySpan<byte> json);

    /// <summary>Reports on the calling thread (training reports from its own thread; Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
