using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Vault.Cli.Bench;

/// <summary>Microsoft SEAL 4.1 through npm node-seal 6.0.3, run as <c>node tests/peers/seal/seal-bench.js</c> in a child
/// process (which inherits this process's CPU affinity, so <c>taskset</c> pins both).</summary>
internal sealed class NodeSealPeer
{
    private const string Script = "seal/seal-bench.js";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    private NodeSealPeer(string directory, string nodeVersion)
    {
        Directory = directory;
        NodeVersion = nodeVersion;
    }

    /// <summary>The peers folder (holds <c>seal/seal-bench.js</c> and <c>node_modules</c>).</summary>
    public string Directory { get; }

    /// <summary><c>node --version</c>.</summary>
    public string NodeVersion { get; }

    /// <summary>How to install the peer, for error messages.</summary>
    public const string InstallHint = "install it with `make peers` (that is: cd tests/peers && npm ci) in a Vault checkout, or pass --no-seal to time Vault only";

    /// <summary>Finds the peers folder (<paramref name="explicitDirectory"/>, else <c>tests/peers</c> above the current
    /// directory or above the executable) and checks that node and node-seal are installed.</summary>
    /// <exception cref="InvalidOperationException">Something is missing; the message says what and how to install it.</exception>
    public static NodeSealPeer Locate(string? explicitDirectory)
    {
        string directory = explicitDirectory ?? FindPeersDirectory()
            ?? throw new InvalidOperationException(
                $"bench: the node-seal peer (tests/peers/{Script}) was not found above {Environment.CurrentDirectory}; run from a Vault checkout or pass --peers DIR; {InstallHint}.");
        directory = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(directory, Script)))
            throw new InvalidOperationException($"bench: {Path.Combine(directory, Script)} does not exist; --peers must name the tests/peers folder of a Vault checkout.");
        if (!File.Exists(Path.Combine(directory, "node_modules", "node-seal", "package.json")))
            throw new InvalidOperationException($"bench: node-seal is not installed in {directory}; {InstallHint}.");
        string version;
        try
        {
            version = RunNode(directory, ["--version"], TimeSpan.FromSeconds(30)).Trim();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"bench: cannot run `node` ({e.Message}); install Node.js 20 or later, then {InstallHint}.", e);
        }
        return new NodeSealPeer(directory, version);
    }

    /// <summary>Times every operation at N = 2^<paramref name="logN"/> on SEAL's <c>BFVDefault</c> chain.</summary>
    /// <exception cref="InvalidOperationException">node exited non-zero or printed something unexpected.</exception>
    public NodeSealResult Run(int logN, bool quick)
    {
        List<string> arguments = ["--expose-gc", Path.Combine(Directory, Script), "--n", logN.ToString(CultureInfo.InvariantCulture)];
        if (quick) arguments.Add("--quick");
        string json = RunNode(Directory, arguments, Timeout);
        try
        {
            return NodeSealResult.Parse(json, logN);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidOperationException($"bench: unexpected output from {Script}: {e.Message}", e);
        }
    }

    private static string RunNode(string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bench: could not start node.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"bench: node {string.Join(' ', arguments)} did not finish within {timeout.TotalMinutes} minutes.");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"bench: node {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result.Trim()}");
        return stdout.Result;
    }

    private static string? FindPeersDirectory()
    {
        foreach (string from in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "tests", "peers");
                if (File.Exists(Path.Combine(candidate, Script))) return candidate;
            }
        }
        return null;
    }
}
