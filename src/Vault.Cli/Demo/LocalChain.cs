using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Vault.Ethereum.Rpc;

namespace Vault.Cli.Demo;

/// <summary>A local anvil chain for the demo: the binary that <c>make peers</c> installs under tests/peers/ethereum (or
/// <c>$VAULT_ANVIL</c>), on a free loopback port, stopped (and its process reaped) on dispose.</summary>
internal sealed class LocalChain : IDisposable
{
    /// <summary>Anvil's chain id.</summary>
    public const ulong ChainId = 31337;

    /// <summary>Anvil's first and second funded test accounts (the standard test mnemonic): provider and buyer.</summary>
    public const string ProviderKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /// <summary>The second funded account.</summary>
    public const string BuyerKey = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    private readonly Process _process;

    private LocalChain(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>The JSON-RPC endpoint.</summary>
    public Uri Url { get; }

    /// <summary>Starts anvil and waits until it answers.</summary>
    /// <exception cref="UserError">The binary is missing or does not start.</exception>
    public static async Task<LocalChain> StartAsync(CancellationToken cancellationToken)
    {
        string anvil = Environment.GetEnvironmentVariable("VAULT_ANVIL") ?? Path.Combine(RepositoryRoot(), "tests", "peers", "ethereum", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");
        if (!File.Exists(anvil))
            throw new UserError($"anvil is not installed at {anvil}: run `make peers` (make demo does it), or set VAULT_ANVIL to an anvil binary.");
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo(anvil) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])["--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--chain-id", ChainId.ToString(CultureInfo.InvariantCulture), "--silent"])
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new UserError($"could not start {anvil}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var chain = new LocalChain(process, new Uri($"http://127.0.0.1:{port}"));
        using var rpc = new JsonRpcClient(chain.Url, requestTimeout: TimeSpan.FromSeconds(2));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                chain.Dispose();
                throw new UserError($"anvil exited with code {process.ExitCode} before answering on port {port}.");
            }
            try
            {
                await rpc.ChainIdAsync(cancellationToken).ConfigureAwait(false);
                return chain;
            }
            catch (NodeUnreachableException) when (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(25, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The repository the demo runs from (the directory holding Vault.sln), searched up from the working directory and the binary.</summary>
    public static string RepositoryRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Vault.sln"))) return dir.FullName;
        }
        throw new UserError("the demo runs from a Vault checkout (no Vault.sln above the working directory).");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
