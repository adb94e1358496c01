using Vault.Engine.Datasets;
using Vault.Testing;
using Xunit.Abstractions;

namespace Vault.Engine.Tests;

/// <summary>Tests sharing one IPFS daemon (the fixture of <see cref="IpfsDaemonFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class IpfsDaemonGroup : ICollectionFixture<IpfsDaemonFixture>
{
    public const string Name = "engine-ipfs-daemon";
}

/// <summary>A sealed dataset moves to a real IPFS node (js-ipfs) as one CAR and verifies there.</summary>
[Collection(IpfsDaemonGroup.Name)]
public sealed class DaemonDatasetTests(IpfsDaemonFixture daemon, ITestOutputHelper output)
{
    [Fact]
    public async Task ExportCar_DagImportIntoTheDaemon_VerifiesFromTheDaemon()
    {
        using var provider = new SealingContext("logn13", salt: 50);
        var sealedSet = await DatasetSealer.SealAsync(provider.Request(SealingContext.EdinPath, SealingContext.EdinSchema), provider.Store);
        string carPath = Path.Combine(provider.TempDirectory, "edin.car");
        await using (var file = File.Create(carPath))
            await DatasetCar.ExportAsync(provider.Store, sealedSet.ManifestCid, file);

        using var node = daemon.CreateStore();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<Vault.Ipfs.Cid> roots;
        await using (var file = File.OpenRead(carPath))
            roots = await node.ImportCarAsync(file);
        double importSeconds = clock.Elapsed.TotalSeconds;
        Assert.Equal(sealedSet.ManifestCid, DatasetCar.ManifestOf(roots));
        Assert.True(await node.HasAsync(sealedSet.ManifestCid));

        clock.Restart();
        var report = await DatasetVerifier.VerifyAsync(node, sealedSet.ManifestCid);
        output.WriteLine($"CAR {new FileInfo(carPath).Length} bytes, {roots.Count} roots; dag/import {importSeconds:F2} s; verify from the daemon {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(10, report.Ciphertexts);
        Assert.Equal(sealedSet.IntegrityHash, report.IntegrityHash);
        Assert.Equal(sealedSet.CiphertextBytes, report.CiphertextBytes);
    }
}
