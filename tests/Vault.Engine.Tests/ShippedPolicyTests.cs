using Vault.Engine.Jobs;
using Vault.Policy;
using Vault.Testing;

namespace Vault.Engine.Tests;

/// <summary>The shipped policies pin the digests the engine actually has, so a job under them can be allowed.</summary>
public class ShippedPolicyTests
{
    public static TheoryData<string> Policies()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(Peers.RepositoryRoot, "enclave-policies"), "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void PinnedDigests_AreTheEnginesDigests(string file)
    {
        var policy = PolicyDocument.Parse(File.ReadAllBytes(Path.Combine(Peers.RepositoryRoot, "enclave-policies", file)));
        foreach (var algorithm in policy.Algorithms)
        {
            if (!AlgorithmCatalog.All.TryGetValue(algorithm.Id, out var known))
            {
                // An algorithm this engine does not run yet: it cannot pin a build no engine has.
                Assert.True(algorithm.Digest is null, $"{file} pins {algorithm.Id}, which this engine does not run, to a digest.");
                continue;
            }
            if (algorithm.Digest is { } digest)
                Assert.True(string.Equals(digest, known.Digest, StringComparison.OrdinalIgnoreCase), $"{file} pins {algorithm.Id} to {digest}; the engine's build is {known.Digest}.");
            foreach (string name in algorithm.Hyperparameters.Keys)
                Assert.True(known.Defaults.ContainsKey(name), $"{file} bounds {algorithm.Id}'s {name}, which the algorithm does not take.");
        }
    }
}
