using Vault.Ipfs.UnixFs;
using Vault.Testing;
using Xunit.Abstractions;

namespace Vault.Ipfs.Tests;

/// <summary>The same bytes give the same CID three ways: Vault's importer, the js-ipfs daemon's <c>add</c>, and (for
/// CIDv0) Debian's <c>ipfs_cid</c>.</summary>
[Collection(IpfsDaemonGroup.Name)]
public sealed class DaemonCidTests(IpfsDaemonFixture daemon, ITestOutputHelper output)
{
    private const int C = TestData.Chunk;

    public static TheoryData<long> Sizes() =>
    [
        0, 1, 11, C - 1, C, C + 1, 2 * C, 3 * C + 12345, 174L * C - 1, 174L * C, 174L * C + 1,
    ];

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task AddAsync_CidV1RawLeaves_MatchesDaemon(long size)
    {
        var data = TestData.Bytes(size);
        var local = UnixFsImporter.Compute(data, UnixFsImportOptions.CidV1);
        using var store = daemon.CreateStore();
        // AddAsync throws ContentIntegrityException when the daemon's CID differs from Vault's.
        var added = await store.AddAsync(new MemoryStream(data), UnixFsImportOptions.CidV1);
        Assert.Equal(local.Root, added.Root);
        Assert.Equal((ulong)size, added.FileSize);
        output.WriteLine($"{size} bytes: {local.Root} (v1 raw leaves) = daemon");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task AddAsync_CidV0_MatchesDaemonAndIpfsCid(long size)
    {
        var data = TestData.Bytes(size);
        var local = UnixFsImporter.Compute(data, UnixFsImportOptions.CidV0);
        using var store = daemon.CreateStore();
        var added = await store.AddAsync(new MemoryStream(data), UnixFsImportOptions.CidV0);
        Assert.Equal(local.Root, added.Root);
        Assert.Equal(0, local.Root.Version);
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, data);
            Assert.Equal(local.Root.ToString(), IpfsCidTool.CidV0(path));
        }
        finally
        {
            File.Delete(path);
        }
        output.WriteLine($"{size} bytes: {local.Root} (v0) = daemon = ipfs_cid");
    }

    [Fact]
    public void Fixture_Started_ReportsTimings() =>
        output.WriteLine($"js-ipfs init {daemon.Timings.Init:F1} s, daemon ready {daemon.Timings.Start:F1} s at {daemon.ApiAddress}");
}
