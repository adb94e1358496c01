using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Vault.Ckks;
using Vault.Cli.Backends;
using Vault.ML;
using Vault.Rlwe;

namespace Vault.Cli.Learning;

/// <summary><c>vault infer</c>: scores records on ciphertext with a released model (weights in plaintext, or
/// encrypted with <c>--encrypted-weights</c>), decrypts the scores, and checks them against the same model in doubles.</summary>
internal static class InferCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A model written by vault train --output.", Required = true };
        var data = new Option<string?>("--data") { Description = "Records to score (same format as for training; labels, if present, give the AUC)." };
        var dataset = new Option<string?>("--dataset") { Description = "Instead: a sealed dataset's CID in the store; its column blocks are scored on ciphertext and decrypted with --key." };
        var key = new Option<string?>("--key") { Description = "With --dataset: the provider's key directory." };
        var label = new Option<string?>("--label") { Description = "With --dataset: the label column (the other columns are the model's features, in order)." };
        var stores = new StoreOptions();
        var encryptedWeights = new Option<bool>("--encrypted-weights") { Description = "Encrypt the weights too (the engine sees neither records nor model)." };
        var probabilities = new Option<bool>("--probabilities") { Description = "Return p(x·β) with the model's polynomial sigmoid instead of linear scores (refused when the scores can leave [−R, R])." };
        var preset = new Option<string?>("--preset") { Description = "Fixed CKKS preset; default: the planner's 128-bit set." };
        var allowInsecure = PresetOption.AllowInsecure();
        var output = new Option<string?>("--output") { Description = "Write the decrypted scores as CSV (row,score)." };
        var backend = BackendOption.CreateForEngine();
        var command = new Command("infer", "Score records on ciphertext with a trained model (batched: thousands of rows per ciphertext).");
        foreach (var o in new Option[] { model, data, dataset, key, label, encryptedWeights, probabilities, preset, allowInsecure, output, backend }) command.Options.Add(o);
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(dataset) is { } cid)
            {
                return CliErrors.RunAsync(async () =>
                {
                    if (parse.GetValue(data) is not null) throw new ArgumentException("infer: give --data FILE or --dataset CID, not both.");
                    string keyDirectory = parse.GetValue(key) ?? throw new ArgumentException("infer --dataset: give the provider's key directory with --key.");
                    string labelColumn = parse.GetValue(label) ?? throw new ArgumentException("infer --dataset: name the label column with --label.");
                    if (parse.GetValue(backend) is "gpu" or "ilgpu-cpu")
                        AnsiConsole.MarkupLine("[grey]--dataset scores the sealed column blocks on the host: one level of constant products and additions, " +
                            "cheaper than copying the blocks to a device; --backend applies to --data.[/]");
                    var store = stores.Open(parse, out _);
                    try
                    {
                        return await SealedLearning.InferAsync(store, Vault.Ipfs.Cid.Parse(cid), keyDirectory, ModelFile.Load(parse.GetValue(model)!), labelColumn,
                            parse.GetValue(allowInsecure), cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        (store as IDisposable)?.Dispose();
                    }
                });
            }
            if (parse.GetValue(data) is not { } file)
                return Task.FromResult(TrainCommand.Guard(() => throw new FileNotFoundException("infer: give --data FILE or --dataset CID.")));
            return Task.FromResult(TrainCommand.Guard(() => Run(parse.GetValue(model)!, file, parse.GetValue(encryptedWeights),
                parse.GetValue(probabilities), parse.GetValue(preset), parse.GetValue(allowInsecure), parse.GetValue(output), parse.GetValue(backend)!)));
        });
        return command;
    }

    private static int Run(string modelPath, string dataPath, bool encryptedWeights, bool probabilities, string? preset, bool allowInsecure, string? outputPath,
        string backendName)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
        var model = ModelFile.Load(modelPath);
        bool logistic = model.Algorithm == TrainingAlgorithm.Logistic;
        var data = DatasetFile.Load(dataPath, binary: logistic);
        if (data.Features != model.Offsets.Length)
            throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"infer: {dataPath} has {data.Features} features, the model {model.Offsets.Length}.");
        var rows = model.Scaling.Apply(data);              // refuses values outside the recorded normalisation (clamps them if winsorised)
        var weights = model.Weights.ToArray();
        var sigmoid = SigmoidApproximation.LeastSquares(model.Degree, model.SigmoidRadius);
        bool sigmoidOutput = logistic && probabilities;
        if (sigmoidOutput) EncryptedInference.CheckSigmoidInterval(weights, sigmoid.Radius);
        var plan = JobPlanner.Plan(new JobRequest
        {
            Kind = sigmoidOutput ? JobKind.LogisticInference : JobKind.LinearInference,
            Rows = data.Rows,
            Features = data.Features,
            Degree = model.Degree,
            Parameters = preset is null ? null : PresetOption.Resolve(preset, allowInsecure).Spec,
        });
        var parameters = plan.Parameters;
        AnsiConsole.MarkupLineInterpolated($"[bold]vault infer[/] {Path.GetFileName(dataPath)}: {data.Rows} rows × {data.Features} features, {model.Algorithm} model from {model.Dataset}, {(encryptedWeights ? "encrypted" : "plaintext")} weights, {(sigmoidOutput ? "polynomial-sigmoid probabilities" : "linear scores")}");
        AnsiConsole.MarkupLineInterpolated($"plan: {plan.Summary}; {(parameters.IsSecure ? "128-bit secure" : "INSECURE test parameters")}");

        var clock = Stopwatch.StartNew();
        using var generator = new KeyGenerator(parameters.Rlwe);
        using var secretKey = generator.GenerateSecretKey();
        var publicKey = generator.GeneratePublicKey(secretKey);
        var relinearizationKey = generator.GenerateRelinearizationKey(secretKey);
        var galoisKeys = generator.GenerateGaloisKeys(secretKey, plan.RotationSteps.Select(step => GaloisElements.ForRotation(parameters.LogN, step)));
        double keySeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var withIntercept = rows.Select(r => (double[])[1.0, .. r]).ToArray();
        var source = new InMemoryEncryptedDatasetSource(Path.GetFileName(dataPath), withIntercept, parameters, publicKey);
        var encrypted = source.OpenAsync(plan.Layout, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        double encryptSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        using var backends = BackendFactory.OpenForEngine(backendName);
        using var ringBackend = backends.EngineBackend?.Invoke(parameters.Rlwe.Ring);
        var engine = new EncryptedInference(parameters, relinearizationKey, galoisKeys, ringBackend);
        IReadOnlyList<Ciphertext> scores;
        if (encryptedWeights)
        {
            double factor = sigmoidOutput ? 1 / sigmoid.Radius : 1;
            using var encryptor = new Encryptor(parameters.Rlwe, publicKey);
            var encoder = new CkksEncoder(parameters);
            var pt = new Plaintext(parameters.Rlwe, parameters.MaxLevel, parameters.DefaultScale);
            encoder.Encode(plan.Layout.Replicate([.. weights.Select(w => w * factor)]), pt.Level, pt.Scale, pt);
            var weightsCt = encryptor.Encrypt(pt);
            scores = sigmoidOutput ? engine.ScoreLogistic(encrypted, weightsCt, sigmoid) : engine.ScoreLinear(encrypted, weightsCt);
        }
        else
        {
            scores = sigmoidOutput ? engine.ScoreLogistic(encrypted, weights, sigmoid) : engine.ScoreLinear(encrypted, weights);
        }
        double scoreSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var decoder = new CkksEncoder(parameters);
        var decryptor = new Decryptor(parameters.Rlwe, secretKey);
        var decrypted = new List<double>();
        for (int b = 0; b < scores.Count; b++)
            decrypted.AddRange(EncryptedInference.DecodeScores(plan.Layout, decoder.DecodeReal(decryptor.Decrypt(scores[b])), data.Rows - b * plan.Layout.RowsPerCiphertext));
        double decryptSeconds = clock.Elapsed.TotalSeconds;

        if (!logistic)
            for (int i = 0; i < decrypted.Count; i++) decrypted[i] = decrypted[i] * model.TargetScale + model.TargetOffset;   // original units
        var expected = rows.Select(r => sigmoidOutput ? sigmoid.Evaluate(Metrics.LinearScore(r, weights))
            : logistic ? Metrics.LinearScore(r, weights) : Metrics.LinearScore(r, weights) * model.TargetScale + model.TargetOffset).ToArray();
        double maxDifference = expected.Select((e, i) => Math.Abs(e - decrypted[i])).Max();
        var table = new Table().Title("encrypted scores");
        table.AddColumns("rows", "ciphertexts", "max |Δ| vs plaintext", logistic ? "AUC (encrypted)" : "R² (encrypted)", logistic ? "AUC (plaintext)" : "R² (plaintext)", "keys (s)", "encrypt (s)", "score on ciphertext (s)", "decrypt (s)", "peak memory");
        var labels = data.Targets();
        // Scores are released to 1e-5 (well inside the ~2^-20 precision): on data with many identical rows (edin's
        // binary flags) unrounded noise would break the ties between equal scores at random and move the AUC.
        var released = decrypted.Select(v => Math.Round(v, 5)).ToArray();
        string auc = (logistic ? Metrics.Auc(released, labels) : Metrics.RSquared(released, labels)).ToString("F4", Inv);
        string plainAuc = (logistic ? Metrics.Auc([.. expected.Select(v => Math.Round(v, 5))], labels) : Metrics.RSquared(expected, labels)).ToString("F4", Inv);
        table.AddRow(data.Rows.ToString(Inv), scores.Count.ToString(Inv), maxDifference.ToString("E2", Inv), auc, plainAuc, keySeconds.ToString("F2", Inv),
            encryptSeconds.ToString("F2", Inv), scoreSeconds.ToString("F2", Inv), decryptSeconds.ToString("F2", Inv),
            $"{Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024 * 1024):F2} GiB");
        AnsiConsole.Write(table);
        if (outputPath is not null)
        {
            File.WriteAllLines(outputPath, ["row,score", .. released.Select((v, i) => $"{i},{v.ToString("R", Inv)}")]);
            AnsiConsole.MarkupLineInterpolated($"scores written to {outputPath}");
        }
        return 0;
    }
}
