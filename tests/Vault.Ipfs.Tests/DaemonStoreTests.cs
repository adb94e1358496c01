using System.Text;
using Vault.Ipfs.Car;
using Vault.Ipfs.UnixFs;
using Vault.Testing;

namespace Vault.Ipfs.Tests;

/// <summary>KuboContentStore against the real js-ipfs daemon.</summary>
[Collection(IpfsDaemonGroup.Name)]
public sealed class DaemonStoreTests(IpfsDaemonFixture daemon)
{
    [Fact]
    public async Task GetNodeInfoAsync_RunningDaemon_ReportsJsIpfs()
    {
        using var store = daemon.CreateStore();
        var info = await store.GetNodeInfoAsync();
        Assert.False(string.IsNullOrEmpty(info.Id));
        Assert.Contains("js-ipfs", info.AgentVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_AfterPutRawAndDagPb_ReturnsVerifiedBlocks()
    {
        using var store = daemon.CreateStore();
        var raw = Block.Create(Multicodec.Raw, Encoding.UTF8.GetBytes($"raw block {Guid.NewGuid()}"));
        var pb = Block.Create(Multicodec.DagPb, new DagPbNode([new DagPbLink(raw.Cid, "", (ulong)raw.Data.Length)], new byte[] { 8, 2 }).Encode());
        await store.PutAsync(raw);
        await store.PutAsync(pb);
        Assert.True(await store.HasAsync(raw.Cid));
        Assert.Equal(raw.Data.ToArray(), (await store.GetAsync(raw.Cid)).Data.ToArray());
        Assert.Equal(pb.Data.ToArray(), (await store.GetAsync(pb.Cid)).Data.ToArray());
        Assert.Equal(pb.Data.ToArray(), (await store.GetAsync(Cid.CreateV0(pb.Cid.Multihash))).Data.ToArray());
        await store.PinAsync(pb.Cid);
    }

    [Fact]
    public async Task GetAsync_MissingCid_ThrowsContentNotFoundWithinTheTimeout()
    {
        using var store = daemon.CreateStore(requestTimeout: TimeSpan.FromSeconds(3));
        var missing = Block.Create(Multicodec.Raw, Encoding.UTF8.GetBytes($"never stored {Guid.NewGuid()}")).Cid;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAsync<ContentNotFoundException>(() => store.GetAsync(missing));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.False(await store.HasAsync(missing));
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(0, 100)]
    [InlineData(1, 5 * TestData.Chunk + 321)]
    [InlineData(0, 5 * TestData.Chunk + 321)]
    public async Task CatAsync_AfterAdd_ReturnsTheBytesVerified(int cidVersion, int size)
    {
        var options = cidVersion == 1 ? UnixFsImportOptions.CidV1 : UnixFsImportOptions.CidV0;
        var data = TestData.Bytes(size, salt: cidVersion + 10);
        using var store = daemon.CreateStore();
        var added = await store.AddAsync(new MemoryStream(data), options);
        var output = new MemoryStream();
        Assert.Equal((ulong)data.Length, await store.CatAsync(added.Root, output));
        Assert.Equal(data, output.ToArray());
        var viaBlocks = new MemoryStream();
        await UnixFsFile.CopyToAsync(store, added.Root, viaBlocks);
        Assert.Equal(data, viaBlocks.ToArray());
    }

    [Fact]
    public async Task ImportCarAsync_ExportedFromLocalStore_DaemonServesTheDag()
    {
        // Vault imports locally, exports a CAR, the daemon imports it (dag/import), and everything reads back verified.
        var local = new MemoryContentStore();
        var data = TestData.Bytes(7 * TestData.Chunk + 4242, salt: 77);
        var file = await UnixFsImporter.ImportAsync(new MemoryStream(data), local);
        var car = new MemoryStream();
        await CarArchive.ExportAsync(local, file.Root, car);
        car.Position = 0;
        using var store = daemon.CreateStore();
        Assert.Equal([file.Root], await store.ImportCarAsync(new NonSeekable(car)));
        var output = new MemoryStream();
        await store.CatAsync(file.Root, output);
        Assert.Equal(data, output.ToArray());
        await DagLinks.WalkAsync(store, file.Root, (block, _) => ValueTask.CompletedTask);  // every block via block/get
        await store.PinAsync(file.Root);
    }

    [Fact]
    public async Task ImportCarAsync_GarbledCar_NothingReachesTheDaemon()
    {
        var local = new MemoryContentStore();
        var file = await UnixFsImporter.ImportAsync(new MemoryStream(TestData.Bytes(2 * TestData.Chunk, salt: 91)), local);
        var car = new MemoryStream();
        await CarArchive.ExportAsync(local, file.Root, car);
        var bytes = car.ToArray();
        bytes[^10] ^= 0x40;  // inside the last leaf
        using var store = daemon.CreateStore();
        await Assert.ThrowsAsync<ContentIntegrityException>(() => store.ImportCarAsync(new MemoryStream(bytes)));
        Assert.False(await store.HasAsync(file.Root));
    }

    [Fact]
    public async Task GetAsync_BlockCorruptedInTheDaemonsRepository_ThrowsContentIntegrityException()
    {
        using var store = daemon.CreateStore();
        var block = Block.Create(Multicodec.Raw, Encoding.UTF8.GetBytes($"to be corrupted on disk {Guid.NewGuid()}"));
        await store.PutAsync(block);
        // js-ipfs keeps blocks as files named by the base32 multihash (as flatfs): damage the file behind its back.
        string key = Multibase.EncodeBare(MultibaseEncoding.Base32Upper, block.Cid.Multihash.Bytes);
        var files = Directory.EnumerateFiles(Path.Combine(daemon.RepositoryPath, "blocks"), key + ".data", SearchOption.AllDirectories).ToList();
        Assert.Single(files);
        var bytes = await File.ReadAllBytesAsync(files[0]);
        bytes[0] ^= 0x20;
        await File.WriteAllBytesAsync(files[0], bytes);
        var e = await Assert.ThrowsAsync<ContentIntegrityException>(() => store.GetAsync(block.Cid));
        Assert.Contains(daemon.ApiAddress.ToString().TrimEnd('/'), e.Message, StringComparison.Ordinal);
    }

    /// <summary>A stream that cannot seek, as a network download would be.</summary>
    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
