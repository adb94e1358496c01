using System.Diagnostics;

namespace Vault.Testing;

/// <summary>Runs the real peers installed under tests/peers (by <c>make peers</c>) as child processes.</summary>
public static class Peers
{
    /// <summary>The repository root (the folder holding Vault.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>tests/peers.</summary>
    public static string Directory => Path.Combine(RepositoryRoot, "tests", "peers");

    /// <summary>Runs <c>node tests/peers/&lt;script&gt; args…</c> and returns its standard output.
    /// Fails the test (never skips) when the peers are not installed or the script exits non-zero.</summary>
    public static string RunNode(string script, params string[] arguments) => RunNodeIn("", script, arguments);

    /// <summary>Runs <c>node tests/peers/&lt;peer&gt;/&lt;script&gt; args…</c> in that folder, for a peer installed from its
    /// own lock file (its own node_modules). Fails the test (never skips) when it is not installed or exits non-zero.</summary>
    public static string RunNodeIn(string peer, string script, params string[] arguments)
    {
        string directory = Path.Combine(Directory, peer);
        if (!System.IO.Directory.Exists(Path.Combine(directory, "node_modules")))
            throw new Xunit.Sdk.XunitException($"The npm peers are not installed in {directory}: run `make peers` (make test does it).");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add(Path.Combine(directory, script));
        foreach (string a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new Xunit.Sdk.XunitException("could not start node");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"node {script} timed out");
        }
        if (process.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"node {script} {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}");
        return stdout;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Vault.sln"))) return dir.FullName;
        throw new InvalidOperationException("Vault.sln not found above the test binaries.");
    }
}
