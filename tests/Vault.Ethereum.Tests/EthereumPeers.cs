using System.Diagnostics;
using Vault.Testing;

namespace Vault.Ethereum.Tests;

/// <summary>The npm Ethereum peers installed by <c>make peers</c> under tests/peers/ethereum: anvil (a local chain),
/// cast (independent cross-checks) and solc-js (compile.js). Missing peers fail the test; they never skip it.</summary>
internal static class EthereumPeers
{
    public static string Directory => Path.Combine(Peers.RepositoryRoot, "tests", "peers", "ethereum");

    public static string Anvil => Binary("anvil");

    public static string Cast => Binary("cast");

    /// <summary>Anvil's first test account (standard test mnemonic), 10000 ETH on a fresh chain.</summary>
    public const string Account0Key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /// <summary>Anvil's second test account.</summary>
    public const string Account1Key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    /// <summary>Anvil's third test account.</summary>
    public const string Account2Key = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

    /// <summary>Runs cast with <paramref name="arguments"/> and returns its trimmed standard output.</summary>
    public static string RunCast(params string[] arguments) => Run(Cast, arguments, null).Trim();

    /// <summary>Runs <c>node tests/peers/ethereum/&lt;script&gt;</c> and returns its standard output.</summary>
    public static string RunNode(string script, params string[] arguments)
    {
        RequireInstalled();
        return Run("node", [Path.Combine(Directory, script), .. arguments], Directory);
    }

    private static string Binary(string tool)
    {
        RequireInstalled();
        string path = Path.Combine(Directory, "node_modules", "@foundry-rs", $"{tool}-linux-amd64", "bin", tool);
        return File.Exists(path) ? path : throw new Xunit.Sdk.XunitException($"{tool} is missing at {path}: run `make peers` (make test does it).");
    }

    private static void RequireInstalled()
    {
        if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules")))
            throw new Xunit.Sdk.XunitException($"The Ethereum npm peers are not installed in {Directory}: run `make peers` (make test does it).");
    }

    private static string Run(string program, string[] arguments, string? workingDirectory)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new Xunit.Sdk.XunitException($"could not start {program}");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{Path.GetFileName(program)} timed out");
        }
        if (process.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
