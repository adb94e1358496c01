using System.Diagnostics;
using Vault.Testing;
using Xunit.Abstractions;

namespace Vault.ML.Tests;

/// <summary><c>vault train</c> and <c>vault infer</c> as processes, on a shipped dataset with the insecure N = 2^10
/// test preset (fast), and their error exits.</summary>
public sealed class CliTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vault-ml-cli-").FullName;

    private static string Lbw => Path.Combine(Peers.RepositoryRoot, "datasets", "lbw", "lbw.txt");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TrainThenInfer_OnLbw_ReportsAndWritesModelAndPlots()
    {
        string model = Path.Combine(_directory, "model.json");
        var train = Vault("train", "--data", Lbw, "--iterations", "1", "--folds", "2", "--preset", "insecure-test-only-logn10", "--allow-insecure",
            "--plot", _directory, "--output", model);
        output.WriteLine(train.Output);
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("INSECURE test parameters", train.Output, StringComparison.Ordinal);
        Assert.Contains("encrypted AUC", train.Output, StringComparison.Ordinal);
        Assert.Contains("| lbw | 189×9 | 1 | 5 |", train.Output, StringComparison.Ordinal);
        Assert.Contains("fixed-Hessian diagonal preconditioner", train.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(model));
        Assert.True(new FileInfo(Path.Combine(_directory, "roc.png")).Length > 10_000);
        Assert.True(new FileInfo(Path.Combine(_directory, "loss.png")).Length > 10_000);

        var infer = Vault("infer", "--model", model, "--data", Lbw, "--preset", "insecure-test-only-logn10", "--allow-insecure", "--encrypted-weights",
            "--output", Path.Combine(_directory, "scores.csv"));
        output.WriteLine(infer.Output);
        Assert.Equal(0, infer.ExitCode);
        Assert.Equal(190, File.ReadAllLines(Path.Combine(_directory, "scores.csv")).Length);
    }

    /// <summary>The accuracy target on the plaintext twin (which the encrypted runs match to ~1e-4): with vault train's
    /// defaults, 5-fold CV AUC within 0.01 of ML.NET's converged L-BFGS on every shipped dataset, with every |z·v|
    /// inside the sigmoid interval.</summary>
    [Fact]
    public void TrainSweep_DefaultsOnShippedDatasets_WithinOneHundredthOfMLNet()
    {
        string Data(string name, string file) => Path.Combine(Peers.RepositoryRoot, "datasets", name, file);
        var sweep = Vault("train-sweep", "--data", Data("edin", "edin.txt"), "--data", Lbw, "--data", Data("pcs", "pcs.txt"), "--data", Data("uis", "uis.txt"),
            "--data", Data("wdbc", "wdbc.data"), "--grid", "scaling=winsorised2,maxabs");
        output.WriteLine(sweep.Output);
        Assert.Equal(0, sweep.ExitCode);
        var rows = sweep.Output.Split('\n').Where(l => l.StartsWith("| winsorised2 |", StringComparison.Ordinal) || l.StartsWith("| maxabs |", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        static double Worst(string row) => double.Parse(row.Split('|', StringSplitOptions.TrimEntries)[^2].Replace('−', '-'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Worst(rows[0]) >= -0.01, rows[0]);
        // Uncentred (max-abs) columns correlate with the intercept, which makes the diagonal bound loose: not enough.
        Assert.True(Worst(rows[1]) < -0.01, rows[1]);
    }

    [Fact]
    public void Commands_BadJobsAndData_ExitTwoAndSayWhatToChange()
    {
        var deep = Vault("train", "--data", Lbw, "--iterations", "3", "--preset", "insecure-test-only-logn10", "--allow-insecure");
        Assert.Equal(2, deep.ExitCode);
        Assert.Contains("at most 1 iterations", deep.Output, StringComparison.Ordinal);

        var insecure = Vault("train", "--data", Lbw, "--preset", "insecure-test-only-logn10");
        Assert.Equal(2, insecure.ExitCode);
        Assert.Contains("--allow-insecure", insecure.Output, StringComparison.Ordinal);

        string nan = Path.Combine(_directory, "nan.txt");
        File.WriteAllLines(nan, ["1\t2\t1", "NaN\t3\t0"]);
        var bad = Vault("train", "--data", nan);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("NaN", bad.Output, StringComparison.Ordinal);

        string model = Path.Combine(_directory, "m.json");
        Assert.Equal(0, Vault("train", "--data", Lbw, "--iterations", "1", "--folds", "1", "--preset", "insecure-test-only-logn10", "--allow-insecure", "--output", model).ExitCode);
        var mismatch = Vault("infer", "--model", model, "--data", Path.Combine(Peers.RepositoryRoot, "datasets", "uis", "uis.txt"));
        Assert.Equal(2, mismatch.ExitCode);
        Assert.Contains("8 features, the model 9", mismatch.Output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Vault(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vault.dll"));
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("vault timed out");
        }
        return (process.ExitCode, stdout + stderr.Result);
    }
}
