using System.Collections.Immutable;
using System.Globalization;
using Spectre.Console;
using Vault.Ckks;
using Vault.Ckks.Serialization;
using Vault.Engine.Datasets;
using Vault.Engine.Jobs;
using Vault.Ethereum;
using Vault.Gate;
using Vault.Ipfs;
using Vault.Ipfs.UnixFs;
using Vault.ML;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Cli.Learning;

/// <summary><c>vault train --dataset</c> and <c>vault infer --dataset</c>: the provider works on its own sealed dataset
/// from the store. The computation is the isolated engine's (public material only); the provider then decrypts the
/// result with its own key — its data, its key, so no release gate is involved (buyers go through
/// <c>vault job</c>/<c>vault release</c>).</summary>
internal static class SealedLearning
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> TrainAsync(IContentStore store, Cid dataset, string keyDirectory, TrainingAlgorithm algorithm, int iterations, int degree,
        double learningRate, int threads, Func<RingContext, IRingBackend>? backend, bool allowInsecure, string? output, CancellationToken cancellationToken)
    {
        var keys = ProviderKeyDirectory.Open(keyDirectory, allowInsecure);
        var descriptor = algorithm == TrainingAlgorithm.Logistic ? AlgorithmCatalog.LogisticRegression : AlgorithmCatalog.RidgeRegression;
        var hyper = new Dictionary<string, double> { ["iterations"] = iterations };
        if (learningRate > 0) hyper["learningRate"] = learningRate;
        if (algorithm == TrainingAlgorithm.Logistic) hyper["degree"] = degree;
        using var requester = EthereumKey.Generate();            // the provider asks itself: an ephemeral identity
        var job = new JobSpec
        {
            Dataset = dataset,
            Algorithm = descriptor.Id,
            Hyperparameters = hyper.ToImmutableSortedDictionary(StringComparer.Ordinal),
            Buyer = requester.Address,
            BuyerPublicKey = Convert.ToHexStringLower(requester.PublicKey.Span),
            Nonce = JobSpec.NewNonce(),
        };
        var engine = new IsolatedEngine(store, threads, allowInsecure, backend);
        JobRun? run = null;
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("verify and load", maxValue: iterations);
                run = await engine.RunAsync(job, new SynchronousProgress<JobProgress>(p =>
                {
                    task.Description = p.Stage == "train" ? $"iteration {p.Done}/{p.Total}" : p.Stage;
                    if (p.Stage == "train") task.Value = p.Done;
                }), cancellationToken).ConfigureAwait(false);
                task.Value = iterations;
            }).ConfigureAwait(false);
        var t = run!.Transcript;
        var manifest = SealedDatasetManifest.Parse((await store.GetAsync(dataset, cancellationToken).ConfigureAwait(false)).Data.Span);
        var training = manifest.Training!;
        var parameters = keys.Parameters;
        if (t.ParameterId != parameters.Id.ToString())
            throw new ParameterMismatchException($"train: the dataset is sealed under parameters {t.ParameterId}, the key directory holds {parameters.Id}.");
        var ciphertext = CkksSerializer.ReadCiphertext(await ReadAsync(store, t.Output, cancellationToken).ConfigureAwait(false), parameters);
        var problem = GradientProblem.Create(descriptor.Options(hyper, training.HessianBound), training.Features.Length);
        var layout = SlotLayout.Create(parameters.Slots, problem.Columns, doubled: true);
        double[] weights;
        using (var secretKey = keys.ReadSecretKey())
        {
            var slots = new CkksEncoder(parameters).DecodeReal(new Decryptor(parameters.Rlwe, secretKey).Decrypt(ciphertext));
            weights = EncryptedTrainingResult.AverageCopies(layout, slots, problem.Features + 1, problem.Radius);
        }
        var columns = training.Features.Select(name => manifest.Columns.First(c => c.Name == name)).ToArray();
        var model = new ModelFile
        {
            Algorithm = algorithm,
            Weights = [.. weights],
            Offsets = [.. columns.Select(c => c.Normalisation.Offset)],
            Scales = [.. columns.Select(c => c.Normalisation.Scale)],
            Winsorised = columns.Any(c => c.Normalisation.Method == NormalisationMethod.Winsorised),
            Degree = degree,
            SigmoidRadius = problem.Radius,
            Iterations = iterations,
            Dataset = dataset.ToString(),
        };
        var table = new Table().Title($"{descriptor.Id} on sealed dataset {dataset} ({t.Rows} rows × {t.Features} features)").AddColumns("weight", "value");
        table.AddRow("intercept", weights[0].ToString("G6", Inv));
        for (int j = 0; j < training.Features.Length; j++) table.AddRow(Markup.Escape(training.Features[j]), weights[j + 1].ToString("G6", Inv));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"engine: transcript {run.TranscriptCid}, output {t.Output}; load {t.Timings["load"]:F1} s, train {t.Timings["train"]:F1} s");
        if (output is not null)
        {
            model.Save(output);
            AnsiConsole.MarkupLineInterpolated($"model → {output}");
        }
        return 0;
    }

    public static async Task<int> InferAsync(IContentStore store, Cid dataset, string keyDirectory, ModelFile model, string label, bool allowInsecure, CancellationToken cancellationToken)
    {
        var keys = ProviderKeyDirectory.Open(keyDirectory, allowInsecure);
        var verification = await DatasetVerifier.VerifyAsync(store, dataset, allowInsecure, null, cancellationToken).ConfigureAwait(false);
        var manifest = verification.Manifest;
        var parameters = verification.Parameters;
        if (parameters.Id != keys.Parameters.Id) throw new ParameterMismatchException($"infer: the dataset is sealed under {parameters.Id}, the key directory holds {keys.Parameters.Id}.");
        int labelIndex = manifest.Columns.IndexOf(manifest.Columns.FirstOrDefault(c => c.Name == label)!);
        if (labelIndex < 0) throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"infer: the dataset has no column '{label}'.");
        var features = Enumerable.Range(0, manifest.Columns.Length).Where(c => c != labelIndex).ToArray();
        if (features.Length != model.Offsets.Length)
            throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"infer: the dataset has {features.Length} feature columns, the model {model.Offsets.Length}.");
        // The sealed values are x_d = (x − o_d)/s_d; the model wants (x − o_m)/s_m = (o_d − o_m)/s_m + (s_d/s_m)·x_d.
        var weights = new double[features.Length + 1];
        weights[0] = model.Weights[0];
        for (int j = 0; j < features.Length; j++)
        {
            var n = manifest.Columns[features[j]].Normalisation;
            weights[j + 1] = model.Weights[j + 1] * n.Scale / model.Scales[j];
            weights[0] += model.Weights[j + 1] * (n.Offset - model.Offsets[j]) / model.Scales[j];
        }
        var scorer = new EncryptedColumnScoring(parameters);
        var layout = manifest.Layout;
        var scores = new List<double>();
        var labels = new List<double>();
        var labelNormalisation = manifest.Columns[labelIndex].Normalisation;
        using var secretKey = keys.ReadSecretKey();
        var decryptor = new Decryptor(parameters.Rlwe, secretKey);
        var encoder = new CkksEncoder(parameters);
        for (long b = 0; b < layout.RowBlocks; b++)
        {
            var (_, count) = layout.RowRange(b);
            var columns = new List<Ciphertext>();
            foreach (int c in features)
                columns.Add(CkksSerializer.ReadCiphertext(await ReadAsync(store, manifest.Blocks[(int)layout.CiphertextIndex(b, c)], cancellationToken).ConfigureAwait(false), parameters));
            var score = encoder.DecodeReal(decryptor.Decrypt(scorer.Score(columns, weights)));
            var labelSlots = encoder.DecodeReal(decryptor.Decrypt(CkksSerializer.ReadCiphertext(
                await ReadAsync(store, manifest.Blocks[(int)layout.CiphertextIndex(b, labelIndex)], cancellationToken).ConfigureAwait(false), parameters)));
            for (int i = 0; i < count; i++)
            {
                scores.Add(score[i]);
                labels.Add(Math.Round(labelNormalisation.Offset + labelNormalisation.Scale * labelSlots[i]));
            }
        }
        var table = new Table().Title($"{model.Algorithm} model on sealed dataset {dataset} ({manifest.Rows} rows, scored on ciphertext)").AddColumns("metric", "value");
        if (model.Algorithm == TrainingAlgorithm.Logistic)
        {
            var p = scores.Select(SigmoidApproximation.Sigmoid).ToArray();
            table.AddRow("AUC", Metrics.Auc(scores.ToArray(), labels.ToArray()).ToString("F4", Inv));
            table.AddRow("accuracy", Metrics.Accuracy(p, labels.ToArray()).ToString("F4", Inv));
        }
        else
        {
            table.AddRow("R² (normalised target)", Metrics.RSquared(scores.ToArray(), labels.ToArray()).ToString("F4", Inv));
        }
        table.AddRow("ciphertexts scored", $"{layout.RowBlocks} row blocks × {features.Length} columns");
        AnsiConsole.Write(table);
        return 0;
    }

    private static async Task<byte[]> ReadAsync(IContentStore store, Cid cid, CancellationToken cancellationToken)
    {
        using var sink = new MemoryStream();
        await UnixFsFile.CopyToAsync(store, cid, sink, cancellationToken).ConfigureAwait(false);
        return sink.ToArray();
    }
}
