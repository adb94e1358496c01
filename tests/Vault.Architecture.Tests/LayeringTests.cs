using System.Text.RegularExpressions;
using System.Xml.Linq;
using Vault.Testing;

namespace Vault.Architecture.Tests;

/// <summary>Enforces the layering of STYLE.md: references point down Ring → Rlwe → Ckks → ML → Engine → Gate →
/// {Service, Cli}; Policy, Ethereum and Ipfs are leaves; only the composition roots see Ring.Gpu. The release gate
/// (the provider's side, which holds the secret key) sits above the isolated engine, which must never see one.</summary>
public partial class LayeringTests
{
    private static readonly string[] Below = ["Vault.Ring", "Vault.Rlwe", "Vault.Ckks", "Vault.ML"];

    /// <summary>For each src project, the Vault projects it may reference.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Vault.Ring"] = [],
        ["Vault.Ring.Gpu"] = ["Vault.Ring"],
        ["Vault.Rlwe"] = ["Vault.Ring"],
        ["Vault.Ckks"] = ["Vault.Rlwe", "Vault.Ring"],
        ["Vault.ML"] = ["Vault.Ckks", "Vault.Rlwe", "Vault.Ring"],
        ["Vault.Policy"] = [],
        ["Vault.Ethereum"] = [],
        ["Vault.Ipfs"] = [],
        ["Vault.Engine"] = [.. Below, "Vault.Policy", "Vault.Ethereum", "Vault.Ipfs"],
        ["Vault.Gate"] = [.. Below, "Vault.Policy", "Vault.Ethereum", "Vault.Ipfs", "Vault.Engine"],
        ["Vault.Service"] = [.. Below, "Vault.Policy", "Vault.Ethereum", "Vault.Ipfs", "Vault.Engine", "Vault.Gate", "Vault.Ring.Gpu"],
        ["Vault.Cli"] = [.. Below, "Vault.Policy", "Vault.Ethereum", "Vault.Ipfs", "Vault.Engine", "Vault.Gate", "Vault.Ring.Gpu"],
    };

    /// <summary>Crypto layers, and the policy evaluator (the caller passes the time), do no I/O: no files, sockets,
    /// clocks, processes or environment.</summary>
    private static readonly string[] PureLayers = ["Vault.Ring", "Vault.Rlwe", "Vault.Ckks", "Vault.ML", "Vault.Policy"];

    public static TheoryData<string> SourceProjects()
    {
        var data = new TheoryData<string>();
        foreach (string dir in Directory.GetDirectories(Path.Combine(Peers.RepositoryRoot, "src")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void ProjectReferences_PointDownTheLayers(string project)
    {
        Assert.True(Allowed.ContainsKey(project), $"{project} is not in the layering table; add it to STYLE.md and to this test.");
        var references = VaultReferences(project);
        var illegal = references.Where(r => !Allowed[project].Contains(r)).ToList();
        Assert.True(illegal.Count == 0, $"{project} references {string.Join(", ", illegal)}, which breaks the layering.");
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void PackageReferences_CarryNoVersion(string project)
    {
        var csproj = XDocument.Load(CsprojPath(project));
        var versioned = csproj.Descendants("PackageReference").Where(e => e.Attribute("Version") is not null).Select(e => (string?)e.Attribute("Include")).ToList();
        Assert.True(versioned.Count == 0, $"{project} pins {string.Join(", ", versioned)} itself; versions belong in Directory.Packages.props.");
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void PureLayers_DoNoIO(string project)
    {
        if (!PureLayers.Contains(project)) return;
        var offenders = new List<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(Peers.RepositoryRoot, "src", project), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal)) continue;
            string text = File.ReadAllText(file);
            foreach (Match m in IoPattern().Matches(text))
                offenders.Add($"{Path.GetRelativePath(Peers.RepositoryRoot, file)}: {m.Value}");
        }
        Assert.True(offenders.Count == 0, "I/O in a crypto layer:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void LayeringTable_RejectsAnUpwardReference()
    {
        // The check itself must be able to fail: Ring referencing Ckks is illegal.
        Assert.DoesNotContain("Vault.Ckks", Allowed["Vault.Ring"]);
        Assert.DoesNotContain("Vault.Ring.Gpu", Allowed["Vault.Ckks"]);
        Assert.Empty(Allowed["Vault.Ethereum"]);
    }

    private static string CsprojPath(string project) => Path.Combine(Peers.RepositoryRoot, "src", project, project + ".csproj");

    private static List<string> VaultReferences(string project) =>
        XDocument.Load(CsprojPath(project)).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension((string?)e.Attribute("Include") ?? ""))
            .Where(name => name.StartsWith("Vault.", StringComparison.Ordinal))
            .ToList();

    [GeneratedRegex(@"\b(File|Directory|FileStream|HttpClient|Socket|TcpClient|Process|Console|DateTime\.Now|DateTime\.UtcNow|DateTimeOffset\.Now|DateTimeOffset\.UtcNow|Environment\.GetEnvironmentVariable)\b(\.|\()")]
    private static partial Regex IoPattern();
}
