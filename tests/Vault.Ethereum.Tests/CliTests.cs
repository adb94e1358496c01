using System.Diagnostics;
using Vault.Ethereum.Contracts;
using Vault.Ethereum.Keystore;
using Vault.Ethereum.Rpc;
using Xunit.Abstractions;

namespace Vault.Ethereum.Tests;

/// <summary>The <c>vault</c> chain commands end to end as a user runs them, against anvil: deploy from a keystore,
/// list a dataset's receipts, verify a receipt with and without a signature file, and the errors.</summary>
[Collection("anvil")]
public sealed class CliTests(AnvilFixture chain, ITestOutputHelper output) : IDisposable
{
    private const string Account3Key = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
    private readonly string _directory = Directory.CreateTempSubdirectory("vault-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task DeployListVerify_ThroughTheCommandLine_ReportsValidAndInvalid()
    {
        using var provider = EthereumKey.FromPrivateKey(Hex.Decode(Account3Key));
        string keystore = Path.Combine(_directory, "provider.json");
        await File.WriteAllTextAsync(keystore, Web3Keystore.Encrypt(provider, "cli-password", KeystoreKdf.ScryptLight));
        string rpcUrl = chain.Node.Url.ToString();

        var deploy = Vault("cli-password", "chain", "deploy", "--rpc", rpcUrl, "--keystore", keystore);
        Assert.Equal(0, deploy.ExitCode);
        string address = deploy.Output.Split('\n').Single(l => l.StartsWith("contract=", StringComparison.Ordinal))["contract=".Length..].Trim();
        var contract = await VaultReceiptsContract.AtAsync(chain.Rpc, EthereumAddress.Parse(address), CancellationToken.None);

        using var sender = new TransactionSender(chain.Rpc, provider, AnvilNode.ChainId);
        string cid = ChainTests.NewCid();
        var policy = Keccak256.Hash32("policy");
        await contract.RegisterDatasetAsync(sender, cid, Keccak256.Hash32("manifest"), policy, CancellationToken.None);
        var receipt = ChainTests.NewReceipt(cid, policy, chain.Stranger.Address);
        await contract.PublishReceiptAsync(sender, receipt, CancellationToken.None);

        var list = Vault(null, "receipts", "list", "--dataset", cid, "--rpc", rpcUrl, "--contract", address);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("1 receipt(s)", list.Output, StringComparison.Ordinal);
        Assert.Contains("released", list.Output, StringComparison.Ordinal);

        string signature = Path.Combine(_directory, "receipt.signed.json");
        await File.WriteAllTextAsync(signature, SignedReceipt.Sign(receipt, AnvilNode.ChainId, contract.Address, provider).ToJson());
        var verify = Vault(null, "receipts", "verify", receipt.JobId.ToString(), "--rpc", rpcUrl, "--contract", address, "--signature", signature);
        output.WriteLine(verify.Output);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("verdict=valid", verify.Output, StringComparison.Ordinal);

        string forged = Path.Combine(_directory, "forged.signed.json");
        await File.WriteAllTextAsync(forged, SignedReceipt.Sign(receipt with { Allowed = false, RuleId = "output.too-fine" }, AnvilNode.ChainId, contract.Address, provider).ToJson());
        var invalid = Vault(null, "receipts", "verify", receipt.JobId.ToString(), "--rpc", rpcUrl, "--contract", address, "--signature", forged);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("verdict=invalid", invalid.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_CommonMistakes_ExitTwoAndSayWhatToDo()
    {
        string down = $"http://127.0.0.1:{AnvilNode.FreePort()}/";
        var unreachable = Vault(null, "receipts", "list", "--dataset", "bafy", "--rpc", down, "--contract", chain.Contract.Address.ToString());
        Assert.Equal(2, unreachable.ExitCode);
        Assert.Contains(down, unreachable.Output, StringComparison.Ordinal);

        var noContract = Vault(null, "receipts", "verify", Keccak256.Hash32("x").ToString(), "--rpc", chain.Node.Url.ToString(), "--contract", chain.Stranger.Address.ToString());
        Assert.Equal(2, noContract.ExitCode);
        Assert.Contains("no contract at", noContract.Output, StringComparison.Ordinal);

        string keystore = Path.Combine(_directory, "k.json");
        using (var key = EthereumKey.Generate()) File.WriteAllText(keystore, Web3Keystore.Encrypt(key, "right", KeystoreKdf.ScryptLight));
        var wrong = Vault("wrong", "chain", "deploy", "--rpc", chain.Node.Url.ToString(), "--keystore", keystore);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("wrong password", wrong.Output, StringComparison.Ordinal);
        var missing = Vault(null, "chain", "deploy", "--rpc", chain.Node.Url.ToString(), "--keystore", keystore);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("VAULT_KEYSTORE_PASSWORD", missing.Output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Vault(string? password, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vault.dll"));
        foreach (string a in arguments) start.ArgumentList.Add(a);
        start.Environment.Remove("VAULT_KEYSTORE_PASSWORD");
        if (password is not null) start.Environment["VAULT_KEYSTORE_PASSWORD"] = password;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("vault timed out");
        }
        return (process.ExitCode, stdout + stderr.Result);
    }
}
