using Vault.Testing;

namespace Vault.Cli.Tests;

/// <summary>The dataset commands end to end, in process, on the insecure LogN 10 preset: exit codes and the messages
/// that say what to fix. One class, so the console redirection is never shared between tests running in parallel.</summary>
[Collection(ConsoleGroup.Name)]
public sealed class DatasetCommandsTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("vault-cli-test-");
    private static readonly string Edin = Path.Combine(Peers.RepositoryRoot, "datasets", "edin", "edin.txt");
    private static readonly string EdinSchema = Path.Combine(Peers.RepositoryRoot, "datasets", "edin", "schema.json");
    private static readonly string DenyAll = Path.Combine(Peers.RepositoryRoot, "enclave-policies", "deny-all.yaml");

    public void Dispose() => _root.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_root.FullName, name);

    private static Task<(int Exit, string Output)> RunAsync(params string[] args) => CliRunner.RunAsync(args);

    [Fact]
    public async Task KeysSealVerifyExportImport_EdinAtLogN10_AllSucceedAndAgreeOnTheCid()
    {
        File.Copy(DenyAll, PathOf("policy.json"));
        var keys = await RunAsync("keys", "new", "--preset", "insecure-test-only-logn10", "--allow-insecure", "--out", PathOf("keys"));
        Assert.True(keys.Exit == 0, keys.Output);
        Assert.True(File.Exists(Path.Combine(PathOf("keys"), "secret.key")));

        var seal = await RunAsync("seal", Edin, "--schema", EdinSchema, "--key", PathOf("keys"), "--policy", PathOf("policy.json"),
            "--store", PathOf("store"), "--allow-insecure", "--provider", "cli-test");
        Assert.True(seal.Exit == 0, seal.Output);
        string cid = seal.Output.TrimEnd().Split('\n')[^1].Trim();
        Assert.StartsWith("bafkrei", cid, StringComparison.Ordinal);

        var verify = await RunAsync("verify", cid, "--store", PathOf("store"), "--allow-insecure");
        Assert.True(verify.Exit == 0, verify.Output);
        Assert.Contains("verified", verify.Output, StringComparison.Ordinal);
        var refused = await RunAsync("verify", cid, "--store", PathOf("store"));
        Assert.Equal(1, refused.Exit);
        Assert.Contains("INSECURE", refused.Output, StringComparison.Ordinal);

        var export = await RunAsync("export-car", cid, "--out", PathOf("edin.car"), "--store", PathOf("store"));
        Assert.True(export.Exit == 0, export.Output);
        var import = await RunAsync("import-car", PathOf("edin.car"), "--store", PathOf("store2"));
        Assert.True(import.Exit == 0, import.Output);
        Assert.Equal(cid, import.Output.TrimEnd().Split('\n')[^1].Trim());
        Assert.Equal(0, (await RunAsync("verify", cid, "--store", PathOf("store2"), "--allow-insecure")).Exit);

        // Damage one block file: verify names it and exits 1.
        string victim = Directory.EnumerateFiles(Path.Combine(PathOf("store2"), "blocks"), "*.data", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var bytes = await File.ReadAllBytesAsync(victim);
        bytes[^1] ^= 1;
        await File.WriteAllBytesAsync(victim, bytes);
        var damaged = await RunAsync("verify", cid, "--store", PathOf("store2"), "--allow-insecure");
        Assert.Equal(1, damaged.Exit);
        Assert.Contains("corrupt", damaged.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seal_RaggedCsv_ExitsTwoNamingLineAndColumnAndWritesNoManifest()
    {
        File.Copy(DenyAll, PathOf("policy.json"));
        await File.WriteAllTextAsync(PathOf("bad.csv"), "a,b\n1,2\n3\n");
        Assert.Equal(0, (await RunAsync("keys", "new", "--preset", "insecure-test-only-logn10", "--allow-insecure", "--out", PathOf("keys"))).Exit);
        var seal = await RunAsync("seal", PathOf("bad.csv"), "--infer-schema", "--key", PathOf("keys"), "--policy", PathOf("policy.json"),
            "--store", PathOf("store"), "--allow-insecure");
        Assert.Equal(2, seal.Exit);
        Assert.Contains("line 3, column 2", seal.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        var noSchema = await RunAsync("seal", PathOf("bad.csv"), "--key", PathOf("keys"), "--policy", PathOf("policy.json"), "--store", PathOf("store"), "--allow-insecure");
        Assert.Equal(2, noSchema.Exit);
        var secure = await RunAsync("seal", PathOf("bad.csv"), "--infer-schema", "--key", PathOf("keys"), "--policy", PathOf("policy.json"), "--store", PathOf("store"));
        Assert.Equal(2, secure.Exit);
        Assert.Contains("--allow-insecure", secure.Output, StringComparison.Ordinal);
        var again = await RunAsync("keys", "new", "--preset", "insecure-test-only-logn10", "--allow-insecure", "--out", PathOf("keys"));
        Assert.NotEqual(0, again.Exit);
        Assert.Contains("already holds a secret key", again.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }
}
