using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ILGPU.Runtime;
using Spectre.Console;
using Vault.Ckks;
using Vault.Cli.Backends;
using Vault.ML;
using Vault.Ring.Gpu;
using Vault.Rlwe;

namespace Vault.Cli.Learning;

/// <summary><c>vault train</c>: k-fold cross-validated training on ciphertext. The process plays the data provider
/// (normalises, encrypts under its key, decrypts the released model) and the engine (trains with public keys only),
/// and compares the encrypted model with the identical plaintext algorithm and with ML.NET's L-BFGS.</summary>
internal static class TrainCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Dataset file (TSV/CSV, no header; label in the last column, or wdbc.data): cross-validated in one process." };
        var dataset = new Option<string?>("--dataset") { Description = "Instead: a sealed dataset's CID in the store (sealed with --design); the isolated engine trains, the provider decrypts with --key." };
        var key = new Option<string?>("--key") { Description = "With --dataset: the provider's key directory." };
        var stores = new StoreOptions();
        var algorithm = new Option<string>("--algorithm") { Description = "logistic or ridge.", DefaultValueFactory = _ => "logistic" };
        var iterations = new Option<int>("--iterations") { Description = "Gradient steps K (each costs 3–4 levels).", DefaultValueFactory = _ => 5 };
        var degree = new Option<int>("--degree") { Description = "Sigmoid degree: 3, 5 or 7.", DefaultValueFactory = _ => 5 };
        var radius = new Option<double>("--sigmoid-radius") { Description = "R: the sigmoid is approximated on [−R, R].", DefaultValueFactory = _ => 12 };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds (1: train and evaluate on all rows).", DefaultValueFactory = _ => 5 };
        var preset = new Option<string?>("--preset") { Description = $"Fixed CKKS preset ({string.Join(", ", CkksParameterPresets.All.Keys)}); default: the planner's 128-bit set." };
        var allowInsecure = PresetOption.AllowInsecure();
        var learningRate = new Option<double>("--learning-rate")
        {
            Description = "a: γ_t = a (constant schedule) or a/(t+1) (decaying; Kim et al.: 10). 0: 1/s, the fixed-Hessian step, with s the sigmoid polynomial's largest slope on [−R, R] (1 for ridge).",
            DefaultValueFactory = _ => 0,
        };
        var schedule = new Option<string>("--schedule") { Description = "constant (γ_t = a) or decaying (γ_t = a/(t+1), Kim et al.).", DefaultValueFactory = _ => "constant" };
        var precondition = new Option<string>("--precondition")
        {
            Description = "fixed-hessian (per-column steps 1/h_j from the diagonal Hessian bound the provider records with the sealed rows) or none.",
            DefaultValueFactory = _ => "fixed-hessian",
        };
        var lambda = new Option<double>("--ridge-lambda") { Description = "Ridge penalty λ (ridge only).", DefaultValueFactory = _ => 0 };
        var logScale = new Option<int>("--log-scale") { Description = "log2 Δ for the planner's parameters (0: 32).", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0: one per core).", DefaultValueFactory = _ => 0 };
        var backend = BackendOption.CreateForEngine();
        var scalingOption = new Option<string>("--scaling")
        {
            Description = "winsorised ((x − mean) / (k·sd), clamped to [−1, 1]), maxabs (x / max|x|, Kim et al.; keeps 0/1 flags) or minmax (to [−1, 1]).",
            DefaultValueFactory = _ => "winsorised",
        };
        var winsoriseAt = new Option<double>("--winsorise-at") { Description = "k of the winsorised scaling (∞: centre only).", DefaultValueFactory = _ => 2 };
        var seed = new Option<int>("--seed") { Description = "Seed of the fold split.", DefaultValueFactory = _ => 1 };
        var plot = new Option<string?>("--plot") { Description = "Directory for roc.png and loss.png." };
        var output = new Option<string?>("--output") { Description = "Write the (first fold's) decrypted model as JSON." };
        var command = new Command("train", "Train a logistic or ridge regression on encrypted rows (k-fold CV) and compare with plaintext and ML.NET.");
        foreach (var o in new Option[] { data, dataset, key, algorithm, iterations, degree, radius, folds, preset, allowInsecure, learningRate, schedule, precondition, lambda, logScale,
            threads, backend, scalingOption, winsoriseAt, seed, plot, output })
            command.Options.Add(o);
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(dataset) is { } cid)
            {
                return CliErrors.RunAsync(async () =>
                {
                    if (parse.GetValue(data) is not null) throw new ArgumentException("train: give --data FILE or --dataset CID, not both.");
                    string keyDirectory = parse.GetValue(key) ?? throw new ArgumentException("train --dataset: give the provider's key directory with --key (the model is decrypted with it).");
                    var kind = parse.GetValue(algorithm)!.ToLowerInvariant() switch
                    {
                        "logistic" => TrainingAlgorithm.Logistic,
                        "ridge" => TrainingAlgorithm.Ridge,
                        var other => throw new JobPlanException($"train: unknown algorithm '{other}'; use logistic or ridge."),
                    };
                    using var backends = BackendFactory.OpenForEngine(parse.GetValue(backend)!);
                    var store = stores.Open(parse, out _);
                    try
                    {
                        return await SealedLearning.TrainAsync(store, Vault.Ipfs.Cid.Parse(cid), keyDirectory, kind, parse.GetValue(iterations), parse.GetValue(degree),
                            parse.GetValue(learningRate), parse.GetValue(threads), backends.EngineBackend, parse.GetValue(allowInsecure), parse.GetValue(output),
                            cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        (store as IDisposable)?.Dispose();
                    }
                });
            }
            if (parse.GetValue(data) is not { } file)
                return Task.FromResult(Guard(() => throw new FileNotFoundException("train: give --data FILE (cross-validation in one process) or --dataset CID (a sealed dataset).")));
            return Task.FromResult(Guard(() => Run(new Settings(
                file, parse.GetValue(algorithm)!, parse.GetValue(iterations), parse.GetValue(degree), parse.GetValue(radius), parse.GetValue(folds),
                parse.GetValue(preset), parse.GetValue(allowInsecure), parse.GetValue(learningRate), parse.GetValue(schedule)!, parse.GetValue(precondition)!,
                parse.GetValue(lambda), parse.GetValue(logScale), parse.GetValue(threads), parse.GetValue(backend)!, parse.GetValue(scalingOption)!, parse.GetValue(winsoriseAt),
                parse.GetValue(seed), parse.GetValue(plot), parse.GetValue(output)))));
        });
        return command;
    }

    internal static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is DatasetException or JobPlanException or ParameterException or FileNotFoundException or DirectoryNotFoundException
            or BackendUnavailableException or GpuDeviceException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }
        catch (AcceleratorException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {CliErrors.DeviceFailure(e)}");
            return CliErrors.StoreFailed;
        }
    }

    private sealed record Settings(string Data, string Algorithm, int Iterations, int Degree, double Radius, int Folds, string? Preset, bool AllowInsecure,
        double LearningRate, string Schedule, string Precondition, double Lambda, int LogScale, int Threads, string Backend, string Scaling, double WinsoriseAt, int Seed,
        string? Plot, string? Output);

    private sealed record FoldResult(int Fold, int TrainRows, int TestRows, double EncryptedMetric, double EncryptedAccuracy, double PlainMetric,
        double MLNetMetric, double MaxWeightDifference, double EncryptSeconds, double TrainSeconds, double DecryptSeconds, double PlainSeconds,
        double MLNetSeconds, int FinalLevel, double MaxAbsRowInput);

    private static int Run(Settings s)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 240;    // keep the report table readable in logs
        var algorithm = s.Algorithm.ToLowerInvariant() switch
        {
            "logistic" => TrainingAlgorithm.Logistic,
            "ridge" => TrainingAlgorithm.Ridge,
            _ => throw new JobPlanException($"train: unknown algorithm '{s.Algorithm}'; use logistic or ridge."),
        };
        bool logistic = algorithm == TrainingAlgorithm.Logistic;
        string name = Path.GetFileNameWithoutExtension(s.Data);
        var clock = Stopwatch.StartNew();
        var data = DatasetFile.Load(s.Data, binary: logistic);
        // The normalisation the provider records when sealing, over the whole dataset (features only): by default
        // centred and winsorised at 2 standard deviations; Kim et al. divide by max|x| (maxabs).
        var scaling = s.Scaling.ToLowerInvariant() switch
        {
            "winsorised" => FeatureScaling.FitWinsorised(data, s.WinsoriseAt),
            "maxabs" => FeatureScaling.FitMaxAbs(data),
            "minmax" => FeatureScaling.FitMinMax(data),
            _ => throw new JobPlanException($"train: unknown scaling '{s.Scaling}'; use winsorised, maxabs or minmax."),
        };
        bool precondition = s.Precondition.ToLowerInvariant() switch
        {
            "fixed-hessian" => true,
            "none" => false,
            _ => throw new JobPlanException($"train: unknown preconditioner '{s.Precondition}'; use fixed-hessian or none."),
        };
        bool decaying = s.Schedule.ToLowerInvariant() switch
        {
            "constant" => false,
            "decaying" => true,
            _ => throw new JobPlanException($"train: unknown schedule '{s.Schedule}'; use constant or decaying."),
        };
        if (!(s.LearningRate >= 0)) throw new JobPlanException("train: the learning rate must be positive (or 0 for the fixed-Hessian step 1/s).");
        var normalised = scaling.Apply(data);
        var targets = data.Targets();
        var (targetOffset, targetScale) = logistic ? (0.0, 1.0) : TargetScaling(targets);
        if (!logistic) targets = [.. targets.Select(t => (t - targetOffset) / targetScale)];
        var folds = s.Folds >= 2
            ? data.StratifiedFolds(s.Folds, s.Seed)
            : [(Enumerable.Range(0, data.Rows).ToArray(), Enumerable.Range(0, data.Rows).ToArray())];
        var options = new TrainingOptions
        {
            Algorithm = algorithm,
            Iterations = s.Iterations,
            Degree = s.Degree,
            SigmoidRadius = s.Radius,
            LearningRate = 1,
            DecayingLearningRate = decaying,
            RidgeLambda = s.Lambda,
        };
        var problemTemplate = GradientProblem.Create(options, data.Features);
        // 0: the majorise–minimise step 1/s for the surrogate's largest curvature per unit of (1/n)·ZᵀZ (DiagonalHessianBound).
        double rate = s.LearningRate > 0 ? s.LearningRate : logistic ? 1 / problemTemplate.Sigmoid!.MaxSlope : 1;
        options = options with { LearningRate = rate };
        CkksParameterSpec? fixedSpec = null;
        if (s.Preset is { } presetName)
        {
            var p = PresetOption.Resolve(presetName, s.AllowInsecure);
            fixedSpec = p.Spec;
        }
        var plan = JobPlanner.Plan(new JobRequest
        {
            Kind = logistic ? JobKind.LogisticRegression : JobKind.RidgeRegression,
            Rows = folds.Max(f => f.Train.Length),
            Features = data.Features,
            Iterations = s.Iterations,
            Degree = s.Degree,
            Parameters = fixedSpec,
            LogScale = s.LogScale,
        });
        var parameters = plan.Parameters;
        AnsiConsole.MarkupLineInterpolated($"[bold]vault train[/] {name}: {data.Rows} rows × {data.Features} features, {algorithm}, {s.Iterations} iterations{(logistic ? $", sigmoid degree {s.Degree} on [−{s.Radius.ToString(Inv)}, {s.Radius.ToString(Inv)}]" : "")}, {folds.Count} fold(s)");
        AnsiConsole.MarkupLineInterpolated($"method: {s.Scaling.ToLowerInvariant()} scaling{(scaling.Winsorised ? $" (k = {s.WinsoriseAt.ToString(Inv)})" : "")}, {(precondition ? "fixed-Hessian diagonal preconditioner" : "no preconditioner")}, γ_t = {rate.ToString("G4", Inv)}{(decaying ? "/(t + 1)" : "")}, {(options.Nesterov ? "Nesterov" : "plain gradient descent")}");
        AnsiConsole.MarkupLineInterpolated($"plan: {plan.Summary}; {(parameters.IsSecure ? "128-bit secure" : "INSECURE test parameters")}");
        double loadSeconds = clock.Elapsed.TotalSeconds;

        // Provider: keys. The engine gets only the public, relinearization and Galois keys.
        clock.Restart();
        using var generator = new KeyGenerator(parameters.Rlwe);
        using var secretKey = generator.GenerateSecretKey();
        var publicKey = generator.GeneratePublicKey(secretKey);
        var relinearizationKey = generator.GenerateRelinearizationKey(secretKey);
        var galoisKeys = generator.GenerateGaloisKeys(secretKey, plan.RotationSteps.Select(step => GaloisElements.ForRotation(parameters.LogN, step)));
        double keySeconds = clock.Elapsed.TotalSeconds;
        using var backends = BackendFactory.OpenForEngine(s.Backend);
        using var ringBackend = backends.EngineBackend?.Invoke(parameters.Rlwe.Ring);
        var trainer = ringBackend is null
            ? new EncryptedGradientDescent(parameters, relinearizationKey, galoisKeys, s.Threads)
            : new EncryptedGradientDescent(parameters, relinearizationKey, galoisKeys, ringBackend);
        var decryptor = new Decryptor(parameters.Rlwe, secretKey);
        var encoder = new CkksEncoder(parameters);

        var results = new List<FoldResult>();
        var pooled = (Enc: new List<double>(), Plain: new List<double>(), Net: new List<double>(), Labels: new List<double>());
        double[]? encryptedLoss = null, plainLoss = null;
        double? mlnetLoss = null;
        ModelFile? firstModel = null;
        AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                for (int f = 0; f < folds.Count; f++)
                {
                    var task = ctx.AddTask($"fold {f + 1}/{folds.Count}: encrypt", maxValue: s.Iterations + 2);
                    var (trainIndex, testIndex) = folds[f];
                    var trainRows = trainIndex.Select(i => normalised[i]).ToArray();
                    var trainTargets = trainIndex.Select(i => targets[i]).ToArray();
                    var testRows = testIndex.Select(i => normalised[i]).ToArray();
                    var testTargets = testIndex.Select(i => targets[i]).ToArray();
                    // The provider records the fixed-Hessian bound of the rows it seals (here: this fold's training rows).
                    var problem = GradientProblem.Create(precondition ? options with { StepScales = DiagonalHessianBound.StepScales(trainRows) } : options, data.Features);
                    var design = problem.DesignRows(trainRows, trainTargets);

                    var stage = Stopwatch.StartNew();
                    var source = new InMemoryEncryptedDatasetSource($"{name} fold {f + 1}", design, parameters, publicKey);
                    var encrypted = source.OpenAsync(SlotLayout.Create(parameters.Slots, problem.Columns, doubled: true), CancellationToken.None).AsTask().GetAwaiter().GetResult();
                    double encryptSeconds = stage.Elapsed.TotalSeconds;
                    task.Increment(1);
                    task.Description = $"fold {f + 1}/{folds.Count}: train";

                    stage.Restart();
                    var progress = new SynchronousProgress<TrainingProgress>(p =>
                    {
                        task.Increment(1);
                        task.Description = $"fold {f + 1}/{folds.Count}: iteration {p.Iteration}/{p.Iterations} (level {p.Level})";
                    });
                    var result = trainer.Train(problem, encrypted, progress, keepIterates: s.Plot is not null && f == 0);
                    double trainSeconds = stage.Elapsed.TotalSeconds;

                    stage.Restart();
                    var weights = result.DecodeWeights(encoder.DecodeReal(decryptor.Decrypt(result.Weights)));
                    double decryptSeconds = stage.Elapsed.TotalSeconds;

                    stage.Restart();
                    var plain = PlaintextGradientDescent.Train(problem, design);
                    double plainSeconds = stage.Elapsed.TotalSeconds;

                    double[] encScores = [.. testRows.Select(x => Metrics.LinearScore(x, weights))];
                    double[] plainScores = [.. testRows.Select(x => Metrics.LinearScore(x, plain.Weights))];
                    double encMetric, encAccuracy, plainMetric, netMetric = double.NaN, netSeconds = 0;
                    if (logistic)
                    {
                        encMetric = Metrics.Auc(encScores, testTargets);
                        encAccuracy = Metrics.Accuracy([.. encScores.Select(SigmoidApproximation.Sigmoid)], testTargets);
                        plainMetric = Metrics.Auc(plainScores, testTargets);
                        stage.Restart();
                        var net = MLNetBaseline.TrainAndScore(trainRows, trainTargets, testRows, s.Seed);
                        netSeconds = stage.Elapsed.TotalSeconds;
                        netMetric = Metrics.Auc(net, testTargets);
                        pooled.Enc.AddRange(encScores);
                        pooled.Plain.AddRange(plainScores);
                        pooled.Net.AddRange(net);
                        pooled.Labels.AddRange(testTargets);
                        if (f == 0 && s.Plot is not null)
                        {
                            var iterates = result.Iterates.Select(c => result.DecodeWeights(encoder.DecodeReal(decryptor.Decrypt(c)))).Append(weights).ToList();
                            encryptedLoss = [.. iterates.Select(w => Metrics.LogLoss(Metrics.LogisticProbabilities(trainRows, w), trainTargets))];
                            plainLoss = [.. plain.Iterates.Select(w => Metrics.LogLoss(Metrics.LogisticProbabilities(trainRows, w), trainTargets))];
                            var netTrain = MLNetBaseline.TrainAndScore(trainRows, trainTargets, trainRows, s.Seed);
                            mlnetLoss = Metrics.LogLoss(netTrain, trainTargets);
                        }
                    }
                    else
                    {
                        encMetric = Metrics.RSquared(encScores, testTargets);
                        plainMetric = Metrics.RSquared(plainScores, testTargets);
                        encAccuracy = double.NaN;
                    }
                    double maxDifference = 0;
                    for (int j = 0; j < weights.Length; j++) maxDifference = Math.Max(maxDifference, Math.Abs(weights[j] - plain.Weights[j]));
                    results.Add(new FoldResult(f + 1, trainRows.Length, testRows.Length, encMetric, encAccuracy, plainMetric, netMetric, maxDifference,
                        encryptSeconds, trainSeconds, decryptSeconds, plainSeconds, netSeconds, result.Weights.Level, plain.MaxAbsRowInput));
                    firstModel ??= new ModelFile
                    {
                        Algorithm = algorithm,
                        Weights = [.. weights],
                        Offsets = scaling.Offsets,
                        Scales = scaling.Scales,
                        Winsorised = scaling.Winsorised,
                        Degree = s.Degree,
                        SigmoidRadius = s.Radius,
                        Iterations = s.Iterations,
                        Dataset = name,
                        TargetOffset = targetOffset,
                        TargetScale = targetScale,
                    };
                    task.Description = $"fold {f + 1}/{folds.Count}: done";
                    task.Value = task.MaxValue;
                }
            });
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Report(s, name, data, algorithm, plan, results, loadSeconds, keySeconds, peak);
        if (s.Output is { } outputPath && firstModel is not null)
        {
            firstModel.Save(outputPath);
            AnsiConsole.MarkupLineInterpolated($"model (fold 1) written to {outputPath}");
        }
        if (s.Plot is { } dir && logistic)
        {
            Directory.CreateDirectory(dir);
            var labels = pooled.Labels.ToArray();
            var curves = new[] { ("encrypted", pooled.Enc), ("plaintext, same algorithm", pooled.Plain), ("ML.NET L-BFGS", pooled.Net) }
                .Select(c =>
                {
                    var scores = c.Item2.ToArray();
                    var (fpr, tpr) = Metrics.Roc(scores, labels);
                    return (c.Item1, fpr, tpr, Metrics.Auc(scores, labels));
                }).ToList();
            Plots.Roc(Path.Combine(dir, "roc.png"), $"{name}: ROC of the test folds (pooled, {folds.Count}-fold CV)", curves);
            if (encryptedLoss is not null && plainLoss is not null)
                Plots.Loss(Path.Combine(dir, "loss.png"), $"{name}: training log-loss per iteration (fold 1, degree {s.Degree})", "log-loss (bits)",
                    [("encrypted", encryptedLoss), ("plaintext, same algorithm", plainLoss)], mlnetLoss, "ML.NET L-BFGS (converged)");
            AnsiConsole.MarkupLineInterpolated($"plots written to {Path.Combine(dir, "roc.png")} and {Path.Combine(dir, "loss.png")}");
        }
        return 0;
    }

    /// <summary>Regression targets are mapped to [−1, 1] (min–max) for training; the model file records the map.</summary>
    private static (double Offset, double Scale) TargetScaling(double[] targets)
    {
        double min = targets.Min(), max = targets.Max();
        return ((max + min) / 2, max > min ? (max - min) / 2 : 1);
    }

    private static void Report(Settings s, string name, LabeledData data, TrainingAlgorithm algorithm, JobPlan plan, List<FoldResult> results,
        double loadSeconds, double keySeconds, long peak)
    {
        bool logistic = algorithm == TrainingAlgorithm.Logistic;
        string metric = logistic ? "AUC" : "R²";
        var table = new Table().Title($"{name}: {data.Rows}×{data.Features}, {algorithm}, K = {s.Iterations}{(logistic ? $", degree {s.Degree}" : "")}, N = 2^{plan.Parameters.LogN}, Δ = 2^{plan.Parameters.Spec.LogDefaultScale}");
        table.AddColumns("fold", "train/test", $"encrypted {metric}", "encrypted acc.", $"plaintext {metric}", $"ML.NET {metric}", $"|Δ{metric}|", "max |Δw|",
            "encrypt (s)", "train (s)", "decrypt (s)", "plaintext (s)", "ML.NET (s)", "level left");
        foreach (var r in results)
            table.AddRow(r.Fold.ToString(Inv), $"{r.TrainRows}/{r.TestRows}", F(r.EncryptedMetric), F(r.EncryptedAccuracy), F(r.PlainMetric), F(r.MLNetMetric),
                F(Math.Abs(r.EncryptedMetric - r.PlainMetric)), r.MaxWeightDifference.ToString("E1", Inv), S(r.EncryptSeconds), S(r.TrainSeconds),
                S(r.DecryptSeconds), S(r.PlainSeconds), S(r.MLNetSeconds), r.FinalLevel.ToString(Inv));
        double Mean(Func<FoldResult, double> f) => results.Average(f);
        table.AddRow("[bold]mean[/]", "", F(Mean(r => r.EncryptedMetric)), F(Mean(r => r.EncryptedAccuracy)), F(Mean(r => r.PlainMetric)), F(Mean(r => r.MLNetMetric)),
            F(Mean(r => Math.Abs(r.EncryptedMetric - r.PlainMetric))), results.Max(r => r.MaxWeightDifference).ToString("E1", Inv),
            S(Mean(r => r.EncryptSeconds)), S(Mean(r => r.TrainSeconds)), S(Mean(r => r.DecryptSeconds)), S(Mean(r => r.PlainSeconds)), S(Mean(r => r.MLNetSeconds)), "");
        AnsiConsole.Write(table);
        double maxInput = results.Max(r => r.MaxAbsRowInput);
        AnsiConsole.MarkupLineInterpolated($"load {S(loadSeconds)} s, key generation {S(keySeconds)} s ({plan.RotationSteps.Count} Galois keys), peak working set {peak / (1024.0 * 1024 * 1024):F2} GiB; threads {(s.Threads > 0 ? s.Threads : Environment.ProcessorCount)}");
        if (logistic)
        {
            if (maxInput > s.Radius)
                AnsiConsole.MarkupLineInterpolated($"[yellow]warning:[/] some |z·v| reached {maxInput:F1}, outside the sigmoid interval [−{s.Radius}, {s.Radius}]: the polynomial no longer approximates σ there (the encrypted and plaintext runs use the same polynomial, so they still agree); use a smaller learning rate or a wider interval.");
            else
                AnsiConsole.MarkupLineInterpolated($"largest |z·v| over the folds and iterations (plaintext twin): {maxInput:F2}, {100 * maxInput / s.Radius:F0}% of the sigmoid interval's radius {s.Radius}");
        }
        // One markdown row for datasets/REPORT.md.
        Console.WriteLine(
            $"| {name} | {data.Rows}×{data.Features} | {s.Iterations} | {(logistic ? s.Degree.ToString(Inv) : "–")} | {F(Mean(r => r.EncryptedMetric))} | {F(Mean(r => r.EncryptedAccuracy))} | " +
            $"{F(Mean(r => r.PlainMetric))} | {F(Mean(r => r.MLNetMetric))} | {F(results.Max(r => Math.Abs(r.EncryptedMetric - r.PlainMetric)))} | " +
            $"{S(Mean(r => r.EncryptSeconds + r.TrainSeconds + r.DecryptSeconds))} | {S(Mean(r => r.EncryptSeconds))} / {S(Mean(r => r.TrainSeconds))} / {S(Mean(r => r.DecryptSeconds))} | " +
            $"{S(keySeconds)} | {peak / (1024.0 * 1024 * 1024):F2} GiB | 2^{plan.Parameters.LogN}, L = {plan.Parameters.MaxLevel}, Δ = 2^{plan.Parameters.Spec.LogDefaultScale} |");
    }

    private static string F(double v) => double.IsNaN(v) ? "–" : v.ToString("F4", Inv);

    private static string S(double v) => v.ToString("F2", Inv);
}
