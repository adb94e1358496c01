using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Vault.ML;

namespace Vault.Cli.Learning;

/// <summary><c>vault train-sweep</c>: the plaintext twin (<see cref="PlaintextGradientDescent"/>, the encrypted trainer's
/// arithmetic in doubles, which predicts its AUC to ~1e-4) under k-fold cross-validation for a grid of hyperparameters,
/// against ML.NET's converged L-BFGS on the same rows. No encryption: milliseconds per configuration, so the levers of
/// encrypted training can be explored before spending depth on them.</summary>
internal static class SweepCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly string[] Keys = ["scaling", "precondition", "iterations", "degree", "radius", "rate", "decay", "nesterov"];

    public static Command Create()
    {
        var data = new Option<string[]>("--data") { Description = "Dataset files (repeat the option).", Required = true, AllowMultipleArgumentsPerToken = true };
        var grid = new Option<string>("--grid")
        {
            Description = "Grid as key=v1,v2;key=… over scaling (maxabs, minmax, centred, winsorisedK for k = K), precondition (none, jacobi, sfh, fixed-hessian), " +
                "iterations, degree, radius, rate (a number, or xL for x/s with s the polynomial's largest slope), decay (true/false), nesterov (true/false). " +
                "Unset keys take vault train's defaults (winsorised2, fixed-hessian, 5, 5, 12, 1L, false, true); Kim et al.'s setting is " +
                "scaling=maxabs;precondition=none;iterations=7;degree=3;radius=8;rate=10;decay=true.",
            DefaultValueFactory = _ => "",
        };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the fold split.", DefaultValueFactory = _ => 1 };
        var margin = new Option<double>("--margin") { Description = "Rank configurations whose max |z·v| exceeds this fraction of the radius as failures.", DefaultValueFactory = _ => 1.0 };
        var top = new Option<int>("--top") { Description = "Print only the best N configurations by the worst gap to ML.NET (0: all).", DefaultValueFactory = _ => 0 };
        var command = new Command("train-sweep", "Cross-validate the plaintext twin of encrypted training over a hyperparameter grid, against ML.NET (no encryption).");
        foreach (var o in new Option[] { data, grid, folds, seed, top, margin })
            command.Options.Add(o);
        command.SetAction(parse => TrainCommand.Guard(() =>
        {
            try
            {
                return Run(parse.GetValue(data)!, parse.GetValue(grid)!, parse.GetValue(folds), parse.GetValue(seed), parse.GetValue(top), parse.GetValue(margin));
            }
            catch (FormatException e)
            {
                throw new JobPlanException($"train-sweep: a grid value does not parse ({e.Message}).");
            }
        }));
        return command;
    }

    private sealed record Prepared(string Name, string Scaling, double[][] Rows, double[] Targets,
        IReadOnlyList<(int[] Train, int[] Test)> Folds, double[] MLNet, ImmutableArray<double>[] Jacobi, ImmutableArray<double>[] FixedHessian,
        ImmutableArray<double>[] Sfh);

    private static int Run(string[] files, string gridText, int folds, int seed, int top, double margin)
    {
        var grid = ParseGrid(gridText);
        var configurations = Expand(grid);
        var datasets = files.Select(f => (Name: Path.GetFileNameWithoutExtension(f), Data: DatasetFile.Load(f, binary: true))).ToList();
        var prepared = new Dictionary<(string, string), Prepared>();
        Prepared Prepare(string name, LabeledData data, string scalingName)
        {
            if (prepared.TryGetValue((name, scalingName), out var p)) return p;
            var scaling = Scaling(scalingName, data);
            var rows = scaling.Apply(data);
            var targets = data.Targets();
            var split = data.StratifiedFolds(folds, seed);
            var net = new double[split.Count];
            for (int f = 0; f < split.Count; f++)
            {
                var (train, test) = split[f];
                var scores = MLNetBaseline.TrainAndScore([.. train.Select(i => rows[i])], [.. train.Select(i => targets[i])], [.. test.Select(i => rows[i])], seed);
                net[f] = Metrics.Auc(scores, [.. test.Select(i => targets[i])]);
            }
            // Preconditioners from each fold's training rows: what the provider would record when sealing those rows.
            double[][] TrainRows(int f) => [.. split[f].Train.Select(i => rows[i])];
            p = new Prepared(name, scalingName, rows, targets, split, net,
                [.. Enumerable.Range(0, split.Count).Select(f => Jacobi(TrainRows(f)))],
                [.. Enumerable.Range(0, split.Count).Select(f => DiagonalHessianBound.StepScales(TrainRows(f)))],
                [.. Enumerable.Range(0, split.Count).Select(f => SimplifiedFixedHessian(TrainRows(f)))]);
            prepared[(name, scalingName)] = p;
            return p;
        }

        var results = new List<(Dictionary<string, string> Config, List<(string Name, double Auc, double Net, double MaxInput)> PerDataset)>();
        foreach (var config in configurations)
        {
            var perDataset = new List<(string, double, double, double)>();
            foreach (var (name, data) in datasets)
            {
                var p = Prepare(name, data, config["scaling"]);
                double auc = 0, maxInput = 0;
                for (int f = 0; f < p.Folds.Count; f++)
                {
                    var options = Options(config, p, f);
                    var (train, test) = p.Folds[f];
                    var problem = GradientProblem.Create(options, data.Features);
                    var design = problem.DesignRows([.. train.Select(i => p.Rows[i])], [.. train.Select(i => p.Targets[i])]);
                    var result = PlaintextGradientDescent.Train(problem, design);
                    double[] scores = [.. test.Select(i => Metrics.LinearScore(p.Rows[i], result.Weights))];
                    auc += Metrics.Auc(scores, [.. test.Select(i => p.Targets[i])]);
                    maxInput = Math.Max(maxInput, result.MaxAbsRowInput);
                }
                perDataset.Add((name, auc / p.Folds.Count, p.MLNet.Average(), maxInput));
            }
            results.Add((config, perDataset));
        }

        var varying = Keys.Where(k => grid.TryGetValue(k, out var values) && values.Length > 1).ToArray();
        // Ranked by the worst gap to ML.NET, counting a dataset whose |z·v| left the sigmoid interval as a failure.
        double Score(Dictionary<string, string> config, List<(string Name, double Auc, double Net, double MaxInput)> perDataset) =>
            perDataset.Min(d => d.MaxInput <= margin * double.Parse(config["radius"], Inv) ? d.Auc - d.Net : -1);
        var ordered = top > 0 ? results.OrderByDescending(r => Score(r.Config, r.PerDataset)).Take(top).ToList() : results;
        foreach (var config in configurations.Where(c => c["rate"].EndsWith('L')).DistinctBy(c => (c["degree"], c["radius"])))
            Console.WriteLine($"degree {config["degree"]} on [−{config["radius"]}, {config["radius"]}]: s = {MaxSlope(config):F4}, 1/s = {1 / MaxSlope(config):F2}");
        Console.WriteLine($"plaintext twin, {folds}-fold CV (seed {seed}); fixed: {string.Join(", ", Keys.Except(varying).Select(k => $"{k}={configurations[0][k]}"))}");
        Console.WriteLine("| " + string.Join(" | ", varying) + " | " + string.Join(" | ", datasets.Select(d => $"{d.Name} AUC (Δ) max\\|u\\|")) + " | worst Δ |");
        Console.WriteLine("|" + string.Concat(Enumerable.Repeat("---|", varying.Length + datasets.Count + 1)));
        foreach (var (config, perDataset) in ordered)
        {
            var cells = varying.Select(k => config[k]).Concat(perDataset.Select(d => $"{d.Auc:F4} ({d.Auc - d.Net:+0.0000;−0.0000}) {(d.MaxInput < 1000 ? d.MaxInput.ToString("F1", Inv) : "∞")}"));
            double score = Score(config, perDataset);
            Console.WriteLine("| " + string.Join(" | ", cells) + $" | {(score > -1 ? score.ToString("+0.0000;−0.0000", Inv) : "out of interval")} |");
        }
        Console.WriteLine("ML.NET: " + string.Join(", ", datasets.Select(d => $"{d.Name} {prepared.Values.Where(p => p.Name == d.Name).Select(p => $"{p.Scaling} {p.MLNet.Average():F4}").Aggregate((a, b) => a + ", " + b)}")));
        return 0;
    }

    private static TrainingOptions Options(Dictionary<string, string> c, Prepared p, int fold) => new()
    {
        Algorithm = TrainingAlgorithm.Logistic,
        Iterations = int.Parse(c["iterations"], Inv),
        Degree = int.Parse(c["degree"], Inv),
        SigmoidRadius = double.Parse(c["radius"], Inv),
        LearningRate = Rate(c),
        DecayingLearningRate = bool.Parse(c["decay"]),
        Nesterov = bool.Parse(c["nesterov"]),
        StepScales = c["precondition"] switch
        {
            "none" => [],
            "jacobi" => p.Jacobi[fold],
            "fixed-hessian" => p.FixedHessian[fold],
            "sfh" => p.Sfh[fold],
            _ => throw new JobPlanException($"train-sweep: unknown precondition '{c["precondition"]}'."),
        },
    };

    /// <summary>Jacobi: p_j = 1 / (1/n)·Σ_i z_ij², the inverse diagonal of (1/n)·ZᵀZ (not a bound: correlated columns overshoot).</summary>
    private static ImmutableArray<double> Jacobi(double[][] rows) =>
        [1.0, .. Enumerable.Range(0, rows[0].Length).Select(j => Math.Min(TrainingOptions.MaxStepScale, rows.Length / Math.Max(1e-300, rows.Sum(x => x[j] * x[j]))))];

    /// <summary>Bonte and Vercauteren's simplified fixed Hessian: p_j = 1 / (1/n)·Σ_i |z_ij|·Σ_k |z_ik| over z = (1, x).</summary>
    private static ImmutableArray<double> SimplifiedFixedHessian(double[][] rows)
    {
        int c = rows[0].Length + 1;
        var sums = new double[c];
        foreach (var x in rows)
        {
            double l1 = 1 + x.Sum(Math.Abs);
            sums[0] += l1;
            for (int j = 1; j < c; j++) sums[j] += Math.Abs(x[j - 1]) * l1;
        }
        return [.. sums.Select(h => Math.Min(TrainingOptions.MaxStepScale, rows.Length / Math.Max(1e-300, h)))];
    }

    /// <summary>A plain rate, or "xL": x/s with s = max |p'| of the sigmoid polynomial on [−R, R] (x = 1 is the fixed-Hessian step).</summary>
    private static double Rate(Dictionary<string, string> c)
    {
        string text = c["rate"];
        return text.EndsWith('L') ? double.Parse(text[..^1], Inv) / MaxSlope(c) : double.Parse(text, Inv);
    }

    private static double MaxSlope(Dictionary<string, string> c) =>
        SigmoidApproximation.LeastSquares(int.Parse(c["degree"], Inv), double.Parse(c["radius"], Inv)).MaxSlope;

    private static FeatureScaling Scaling(string name, LabeledData data) => name switch
    {
        "maxabs" => FeatureScaling.FitMaxAbs(data),
        "minmax" => FeatureScaling.FitMinMax(data),
        "centred" => FeatureScaling.FitWinsorised(data, double.PositiveInfinity),
        _ when name.StartsWith("winsorised", StringComparison.Ordinal) => FeatureScaling.FitWinsorised(data, double.Parse(name["winsorised".Length..], Inv)),
        _ => throw new JobPlanException($"train-sweep: unknown scaling '{name}'."),
    };

    private static Dictionary<string, string[]> ParseGrid(string text)
    {
        var grid = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["scaling"] = ["winsorised2"],
            ["precondition"] = ["fixed-hessian"],
            ["iterations"] = ["5"],
            ["degree"] = ["5"],
            ["radius"] = ["12"],
            ["rate"] = ["1L"],
            ["decay"] = ["false"],
            ["nesterov"] = ["true"],
        };
        foreach (string part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !grid.ContainsKey(kv[0])) throw new JobPlanException($"train-sweep: '{part}' is not key=v1,v2 with a key of {string.Join(", ", Keys)}.");
            grid[kv[0]] = kv[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        return grid;
    }

    private static List<Dictionary<string, string>> Expand(Dictionary<string, string[]> grid)
    {
        var result = new List<Dictionary<string, string>> { new(StringComparer.Ordinal) };
        foreach (string key in Keys)
            result = [.. result.SelectMany(partial => grid[key].Select(value => new Dictionary<string, string>(partial, StringComparer.Ordinal) { [key] = value }))];
        return result;
    }
}
