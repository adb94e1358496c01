using Vault.Cli.Demo;
using Vault.Ethereum;
using Vault.Ethereum.Keystore;
using Vault.Ring.Gpu;
using Vault.Testing;

namespace Vault.Cli.Tests;

/// <summary>The compute-to-data commands end to end on a real local anvil: the demo's story at small insecure
/// parameters, and the README's walkthrough command by command (keys, seal with training rows, chain deploy and
/// register, job submit and run, release, open, infer, audit online with re-execution, audit of the bundle offline).</summary>
[Collection(ConsoleGroup.Name)]
public sealed class ComputeToDataCommandsTests : IDisposable
{
    private const string Password = "cli-test-password";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vault-c2d-test-");

    public ComputeToDataCommandsTests() => Environment.SetEnvironmentVariable(EthereumOptions.PasswordVariable, Password);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(EthereumOptions.PasswordVariable, null);
        if (Environment.GetEnvironmentVariable("VAULT_KEEP") is null) _root.Delete(recursive: true);
    }

    private string PathOf(string name) => Path.Combine(_root.FullName, name);

    [Fact]
    public async Task Demo_Quick_RunsTheWholeStory_AndPasses()
    {
        var (exit, output) = await CliRunner.RunAsync("demo", "--quick", "--allow-insecure", "--proofs", PathOf("proofs"));
        Assert.True(exit == 0, output);
        Assert.Contains("audit (incl. re-execution) │ PASS", output, StringComparison.Ordinal);
        Assert.Contains("offline bundle check       │ PASS", output, StringComparison.Ordinal);
        Assert.Contains("all 2 refused", output, StringComparison.Ordinal);
        Assert.Contains("job.replayed", output, StringComparison.Ordinal);
        Assert.Contains("release.input-ciphertext", output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(PathOf("proofs"), "0x*.json"));
    }

    [Fact]
    public async Task Demo_OnGpuWithoutCuda_ExitsTwoWithTheResolutionError()
    {
        if (GpuAccelerator.IsCudaAvailable) return;   // the message is about machines without a CUDA device

        var (exit, output) = await CliRunner.RunAsync("demo", "--quick", "--allow-insecure", "--backend", "gpu", "--proofs", PathOf("proofs"));
        Assert.Equal(CliErrors.BadInput, exit);
        Assert.Contains("--backend gpu: no CUDA device found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_Quick_WithoutAllowInsecure_IsRefused()
    {
        var (exit, output) = await CliRunner.RunAsync("demo", "--quick");
        Assert.Equal(2, exit);
        Assert.Contains("--allow-insecure", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Walkthrough_CommandByCommand_OnAnvil()
    {
        string store = PathOf("store"), keys = PathOf("keys");
        string provider = Keystore("provider.json", LocalChain.ProviderKey), buyer = Keystore("buyer.json", LocalChain.BuyerKey);
        string policy = PathOf("policy.yaml");
        await File.WriteAllTextAsync(policy, (await File.ReadAllTextAsync(Path.Combine(Peers.RepositoryRoot, "enclave-policies", "hospital-default.yaml")))
            .Replace("validFrom: 2026-01-01T00:00:00Z", "validFrom: 2020-01-01T00:00:00Z", StringComparison.Ordinal)
            .Replace("expires: 2028-01-01T00:00:00Z", "expires: 2100-01-01T00:00:00Z", StringComparison.Ordinal));

        var r = await Run("keys", "new", "--preset", "insecure-test-only-logn10", "--allow-insecure", "--out", keys);
        r = await Run("seal", Edin, "--schema", EdinSchema, "--key", keys, "--policy", policy, "--design", "logistic", "--label", "mi", "--store", store, "--allow-insecure");
        string dataset = CliRunner.LastLine(r);
        Assert.Contains("training rows", r, StringComparison.Ordinal);

        using var chain = await LocalChain.StartAsync(CancellationToken.None);
        string rpc = chain.Url.ToString();
        r = await Run("chain", "deploy", "--rpc", rpc, "--keystore", provider);
        string contract = CliRunner.LastLine(r)["contract=".Length..];
        await Run("chain", "register", dataset, "--rpc", rpc, "--contract", contract, "--keystore", provider, "--store", store);

        r = await Run("job", "submit", "--dataset", dataset, "--param", "iterations=1", "--keystore", buyer, "--store", store);
        string job = CliRunner.LastLine(r);
        string jobId = System.Text.RegularExpressions.Regex.Match(r, "job id (0x[0-9a-f]{64})").Groups[1].Value;
        r = await Run("job", "run", job, "--store", store, "--allow-insecure");
        string transcript = CliRunner.LastLine(r);

        r = await Run("release", transcript, "--key", keys, "--keystore", provider, "--rpc", rpc, "--contract", contract, "--state", PathOf("gate"),
            "--receipt-out", PathOf("receipt.json"), "--store", store, "--allow-insecure");
        string payload = CliRunner.LastLine(r);
        Assert.Contains("released", r, StringComparison.Ordinal);

        await Run("open", payload, "--keystore", buyer, "--out", PathOf("model.json"), "--store", store);
        r = await Run("infer", "--model", PathOf("model.json"), "--data", Edin, "--preset", "insecure-test-only-logn10", "--allow-insecure");

        r = await Run("audit", jobId, "--rpc", rpc, "--contract", contract, "--signature", PathOf("receipt.json"), "--reexecute", "--proofs", PathOf("proofs"),
            "--store", store, "--allow-insecure");
        Assert.Contains("re-execution", r, StringComparison.Ordinal);
        await Run("audit", "--bundle", Path.Combine(PathOf("proofs"), $"{jobId}.json"));

        // A second release of the same transcript is refused and says why.
        var (exit, output) = await CliRunner.RunAsync("release", transcript, "--key", keys, "--keystore", provider, "--rpc", rpc, "--contract", contract,
            "--state", PathOf("gate"), "--store", store, "--allow-insecure");
        Assert.Equal(1, exit);
        Assert.Contains("job.replayed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainAndInfer_OnASealedDatasetFromTheStore()
    {
        string store = PathOf("store"), keys = PathOf("keys");
        await Run("keys", "new", "--preset", "insecure-test-only-logn10", "--allow-insecure", "--out", keys);
        string seal = await Run("seal", Edin, "--schema", EdinSchema, "--key", keys, "--policy", Path.Combine(Peers.RepositoryRoot, "enclave-policies", "deny-all.yaml"),
            "--design", "logistic", "--label", "mi", "--store", store, "--allow-insecure");
        string dataset = CliRunner.LastLine(seal);
        string train = await Run("train", "--dataset", dataset, "--key", keys, "--iterations", "1", "--store", store, "--allow-insecure", "--output", PathOf("model.json"));
        Assert.Contains("intercept", train, StringComparison.Ordinal);
        string infer = await Run("infer", "--dataset", dataset, "--model", PathOf("model.json"), "--key", keys, "--label", "mi", "--store", store, "--allow-insecure");
        var auc = System.Text.RegularExpressions.Regex.Match(infer, @"AUC\s*│\s*([0-9.]+)");
        Assert.True(auc.Success, infer);
        // The AUC of the encrypted scores is the AUC of the same model scored in doubles (one step is a weak model: ~0.52);
        // edin's features are binary, so many scores tie and the scores' tiny CKKS noise may order a few ties differently.
        var model = System.Text.Json.JsonDocument.Parse(File.ReadAllText(PathOf("model.json"))).RootElement.GetProperty("Weights").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var rows = File.ReadLines(Edin).Where(l => l.Length > 0).Select(l => l.Split('\t').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        double expected = Vault.ML.Metrics.Auc(rows.Select(r => Vault.ML.Metrics.LinearScore(r.AsSpan(0, 9), model)).ToArray(), rows.Select(r => r[9]).ToArray());
        Assert.InRange(double.Parse(auc.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), expected - 0.005, expected + 0.005);
        var (exit, output) = await CliRunner.RunAsync("train", "--dataset", dataset, "--store", store, "--allow-insecure");
        Assert.Equal(2, exit);
        Assert.Contains("--key", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seal_MalformedPolicy_NamesLineAndColumn()
    {
        await Run("keys", "new", "--preset", "insecure-test-only-logn10", "--allow-insecure", "--out", PathOf("keys"));
        await File.WriteAllTextAsync(PathOf("policy.yaml"), "version: 1\nname: broken\nbuyers: open\nminimumCohort: -5\n");
        var (exit, output) = await CliRunner.RunAsync("seal", Edin, "--schema", EdinSchema, "--key", PathOf("keys"), "--policy", PathOf("policy.yaml"), "--store", PathOf("store"), "--allow-insecure");
        Assert.Equal(2, exit);
        Assert.Contains("line 4, column", output, StringComparison.Ordinal);
    }

    private static string Edin => Path.Combine(Peers.RepositoryRoot, "datasets", "edin", "edin.txt");

    private static string EdinSchema => Path.Combine(Peers.RepositoryRoot, "datasets", "edin", "schema.json");

    private string Keystore(string name, string privateKey)
    {
        using var key = EthereumKey.FromPrivateKey(Hex.Decode(privateKey));
        File.WriteAllText(PathOf(name), Web3Keystore.Encrypt(key, Password, KeystoreKdf.ScryptLight));
        return PathOf(name);
    }

    private static async Task<string> Run(params string[] args)
    {
        var (exit, output) = await CliRunner.RunAsync(args);
        Assert.True(exit == 0, $"vault {string.Join(' ', args)} exited {exit}:\n{output}");
        return output;
    }
}
