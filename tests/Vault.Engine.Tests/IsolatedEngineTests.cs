using System.Security.Cryptography;
using Vault.Ckks;
using Vault.Ckks.Serialization;
using Vault.Engine.Datasets;
using Vault.Engine.Jobs;
using Vault.Ipfs;
using Vault.Ipfs.UnixFs;
using Vault.ML;
using Vault.Ring;
using Vault.Rlwe;
using Vault.Testing;

namespace Vault.Engine.Tests;

public sealed class IsolatedEngineTests : IDisposable
{
    private const int Rows = 300, Features = 4;
    private readonly SealingContext _context = new(JobTestData.LogN10Training, salt: 11);
    private readonly string _csv = JobTestData.LogisticCsv(Rows, Features, salt: 5);

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task Run_TrainsOnTheSealedDesignRows_AsThePlaintextTwin()
    {
        var sealedSet = await JobTestData.SealLogisticAsync(_context, _csv);
        Assert.NotNull(sealedSet.Manifest.Training);
        using var buyer = JobTestData.Buyer();
        var job = JobTestData.Job(sealedSet.ManifestCid, buyer);
        var engine = new IsolatedEngine(_context.Store, threads: 2, allowInsecure: true);
        var run = await engine.RunAsync(job);

        var t = run.Transcript;
        Assert.Equal(job.JobId, t.JobId);
        Assert.Equal(sealedSet.ManifestCid, t.Dataset);
        Assert.Equal(AlgorithmCatalog.LogisticRegression.Digest, t.AlgorithmDigest);
        Assert.Equal(Rows, t.Rows);
        Assert.Equal(Features + 1, t.OutputValues);
        Assert.Equal(2, t.Hyperparameters["iterations"]);
        Assert.Equal(_context.Parameters.Id.ToString(), t.ParameterId);
        var stored = await IsolatedEngine.LoadTranscriptAsync(_context.Store, run.TranscriptCid);
        Assert.Equal(t.ToCanonicalJson(), stored.ToCanonicalJson());

        // The provider decrypts (test only) and compares with the identical plaintext algorithm on the same rows.
        byte[] output = await ReadAsync(t.Output);
        Assert.Equal(t.OutputSha256.ToArray(), SHA256.HashData(output));
        var ciphertext = CkksSerializer.ReadCiphertext(output, _context.Parameters);
        using var secretKey = _context.KeyDirectory.ReadSecretKey();
        var slots = new CkksEncoder(_context.Parameters).DecodeReal(new Decryptor(_context.Parameters.Rlwe, secretKey).Decrypt(ciphertext));
        var problem = GradientProblem.Create(AlgorithmCatalog.LogisticRegression.Options(job.Hyperparameters, sealedSet.Manifest.Training!.HessianBound), Features);
        var layout = SlotLayout.Create(_context.Parameters.Slots, problem.Columns, doubled: true);
        var encrypted = EncryptedTrainingResult.AverageCopies(layout, slots, problem.Features + 1, problem.Radius);
        var plain = PlaintextGradientDescent.Train(problem, DesignRows(sealedSet.Manifest)).Weights;
        Assert.Equal(Features + 1, encrypted.Length);
        for (int j = 0; j < encrypted.Length; j++) Assert.True(Math.Abs(encrypted[j] - plain[j]) < 1e-3, $"weight {j}: encrypted {encrypted[j]}, plaintext {plain[j]}");
    }

    [Fact]
    public async Task Run_IsDeterministic_AcrossRunsAndThreadCounts()
    {
        var sealedSet = await JobTestData.SealLogisticAsync(_context, _csv);
        using var buyer = JobTestData.Buyer();
        var job = JobTestData.Job(sealedSet.ManifestCid, buyer);
        var first = await new IsolatedEngine(_context.Store, threads: 1, allowInsecure: true).RunAsync(job);
        var second = await new IsolatedEngine(_context.Store, threads: 2, allowInsecure: true).RunAsync(job);
        Assert.Equal(first.Transcript.Output, second.Transcript.Output);
        Assert.Equal(first.Transcript.OutputSha256, second.Transcript.OutputSha256);
        Assert.Equal(first.Transcript.InputRoot, second.Transcript.InputRoot);

        // Another nonce is another job with the same output.
        var other = await new IsolatedEngine(_context.Store, threads: 2, allowInsecure: true).RunAsync(job with { Nonce = "ffeeddccbbaa99887766554433221100" });
        Assert.NotEqual(first.Transcript.JobId, other.Transcript.JobId);
        Assert.Equal(first.Transcript.OutputSha256, other.Transcript.OutputSha256);
    }

    /// <summary>On a ring backend the job's steps run on the device; the output (hence the transcript's output CID and
    /// hash, which the gate and the auditor re-derive) is the host's, and the engine disposes the backend it made.</summary>
    [Fact]
    public async Task Run_OnARingBackend_GivesTheHostOutput_AndDisposesTheBackend()
    {
        var sealedSet = await JobTestData.SealLogisticAsync(_context, _csv);
        using var buyer = JobTestData.Buyer();
        var job = JobTestData.Job(sealedSet.ManifestCid, buyer);
        var host = await new IsolatedEngine(_context.Store, threads: 2, allowInsecure: true).RunAsync(job);
        var made = new List<CountingRingBackend>();
        var device = await new IsolatedEngine(_context.Store, allowInsecure: true, backend: ring =>
        {
            var backend = new CountingRingBackend(new CpuRingBackend(ring), ownsInner: true);
            made.Add(backend);
            return backend;
        }).RunAsync(job);
        Assert.Equal(host.Transcript.Output, device.Transcript.Output);
        Assert.Equal(host.Transcript.OutputSha256, device.Transcript.OutputSha256);
        var backend = Assert.Single(made);
        Assert.True(backend.DeviceOperations > 0, "no step ran on the backend");
        Assert.True(backend.IsDisposed, "the engine did not dispose the backend it made");
    }

    [Fact]
    public async Task Run_CancelledMidway_LeavesNoTranscript_AndARerunGivesTheSameOutput()
    {
        var sealedSet = await JobTestData.SealLogisticAsync(_context, _csv);
        using var buyer = JobTestData.Buyer();
        var job = JobTestData.Job(sealedSet.ManifestCid, buyer);
        var before = TranscriptsIn(_context.StoreDirectory);
        using var cancel = new CancellationTokenSource();
        var progress = new CallbackProgress(p =>
        {
            if (p.Stage == "train") cancel.Cancel();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new IsolatedEngine(_context.Store, 1, allowInsecure: true).RunAsync(job, progress, cancel.Token));
        Assert.Equal(before, TranscriptsIn(_context.StoreDirectory));

        var rerun = await new IsolatedEngine(_context.Store, 1, allowInsecure: true).RunAsync(job);
        var clean = await new IsolatedEngine(_context.Store, 2, allowInsecure: true).RunAsync(job);
        Assert.Equal(clean.Transcript.OutputSha256, rerun.Transcript.OutputSha256);
        Assert.Equal(before + 2, TranscriptsIn(_context.StoreDirectory));   // two runs, two timings, one output
    }

    [Fact]
    public async Task Run_RefusesJobsThatDoNotFit_BeforeTraining()
    {
        var sealedSet = await JobTestData.SealLogisticAsync(_context, _csv);
        using var buyer = JobTestData.Buyer();
        var engine = new IsolatedEngine(_context.Store, 1, allowInsecure: true);
        var unknown = await Assert.ThrowsAsync<JobFormatException>(() => engine.RunAsync(JobTestData.Job(sealedSet.ManifestCid, buyer, algorithm: "k-means")));
        Assert.Contains("logistic-regression", unknown.Message);
        var hyper = await Assert.ThrowsAsync<JobFormatException>(() => engine.RunAsync(JobTestData.Job(sealedSet.ManifestCid, buyer, hyperparameters: new Dictionary<string, double> { ["epochs"] = 3 })));
        Assert.Contains("epochs", hyper.Message);
        var design = await Assert.ThrowsAsync<JobFormatException>(() => engine.RunAsync(JobTestData.Job(sealedSet.ManifestCid, buyer, algorithm: "ridge-regression", hyperparameters: new Dictionary<string, double> { ["iterations"] = 2 })));
        Assert.Contains("linear", design.Message);
        var deep = await Assert.ThrowsAsync<JobPlanException>(() => engine.RunAsync(JobTestData.Job(sealedSet.ManifestCid, buyer, hyperparameters: new Dictionary<string, double> { ["iterations"] = 5 })));
        Assert.Contains("iterations", deep.Message);
    }

    [Fact]
    public async Task Run_DetectsACorruptTrainingBlock()
    {
        var sealedSet = await JobTestData.SealLogisticAsync(_context, _csv);
        var block = sealedSet.Manifest.Training!.Blocks[0];
        // Corrupt the first leaf block of the training ciphertext in the filesystem store.
        var root = await _context.Store.GetAsync(block);
        var links = DagLinks.Of(root);
        var leaf = links.Count > 0 ? links[0] : block;
        string path = _context.Store.BlockPath(leaf);
        var bytes = File.ReadAllBytes(path);
        bytes[^10] ^= 1;
        File.WriteAllBytes(path, bytes);
        using var buyer = JobTestData.Buyer();
        var e = await Assert.ThrowsAsync<DatasetIntegrityException>(() => new IsolatedEngine(_context.Store, 1, allowInsecure: true).RunAsync(JobTestData.Job(sealedSet.ManifestCid, buyer)));
        Assert.Equal(DatasetIntegrityProblem.Corrupt, e.Problem);
    }

    [Fact]
    public async Task Run_RefusesInsecureDatasets_UnlessAllowed()
    {
        var sealedSet = await JobTestData.SealLogisticAsync(_context, _csv);
        using var buyer = JobTestData.Buyer();
        var e = await Assert.ThrowsAsync<DatasetIntegrityException>(() => new IsolatedEngine(_context.Store).RunAsync(JobTestData.Job(sealedSet.ManifestCid, buyer)));
        Assert.Equal(DatasetIntegrityProblem.InsecureParameters, e.Problem);
    }

    private async Task<byte[]> ReadAsync(Cid cid)
    {
        using var sink = new MemoryStream();
        await UnixFsFile.CopyToAsync(_context.Store, cid, sink);
        return sink.ToArray();
    }

    private static int TranscriptsIn(string storeDirectory)
    {
        int count = 0;
        foreach (string file in Directory.EnumerateFiles(Path.Combine(storeDirectory, "blocks"), "*.data", SearchOption.AllDirectories))
        {
            try
            {
                JobTranscript.Parse(File.ReadAllBytes(file));
                count++;
            }
            catch (JobFormatException)
            {
                // Not a transcript.
            }
        }
        return count;
    }

    /// <summary>The design rows the sealer should have encrypted, recomputed from the CSV and the manifest's normalisation.</summary>
    private double[][] DesignRows(SealedDatasetManifest manifest)
    {
        var lines = _csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).ToArray();
        return [.. lines.Select(line =>
        {
            var v = line.Split(',').Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            double sign = v[Features] == 1 ? 1 : -1;
            return new[] { sign }.Concat(Enumerable.Range(0, Features).Select(j => sign * manifest.Columns[j].Normalisation.Apply(v[j]))).ToArray();
        })];
    }

    private sealed class CallbackProgress(Action<JobProgress> report) : IProgress<JobProgress>
    {
        public void Report(JobProgress value) => report(value);
    }
}
