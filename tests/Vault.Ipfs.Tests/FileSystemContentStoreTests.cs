using Vault.Ipfs.UnixFs;

namespace Vault.Ipfs.Tests;

public sealed class FileSystemContentStoreTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("vault-fsstore-test-");

    public void Dispose() => _directory.Delete(recursive: true);

    private FileSystemContentStore NewStore() => new(_directory.FullName);

    [Fact]
    public async Task GetAsync_AfterPut_ReturnsVerifiedBlock()
    {
        var store = NewStore();
        var block = Block.Create(Multicodec.Raw, TestData.Bytes(1234));
        Assert.False(await store.HasAsync(block.Cid));
        await store.PutAsync(block);
        await store.PutAsync(block);  // idempotent
        Assert.True(await store.HasAsync(block.Cid));
        Assert.Equal(block.Data.ToArray(), (await store.GetAsync(block.Cid)).Data.ToArray());
        // A fresh store over the same directory sees it.
        Assert.True(await NewStore().HasAsync(block.Cid));
    }

    [Fact]
    public async Task BlockPath_ShardedByMultihash_LikeFlatfs()
    {
        var store = NewStore();
        var block = Block.Create(Multicodec.DagPb, new DagPbNode([], new byte[] { 8, 2, 0x18, 0 }).Encode(), 0);
        await store.PutAsync(block);
        string path = store.BlockPath(block.Cid);
        string key = Path.GetFileNameWithoutExtension(path);
        Assert.StartsWith("CIQ", key, StringComparison.Ordinal);                      // base32 of 0x12 0x20 …
        Assert.Equal(key[^3..^1], Path.GetFileName(Path.GetDirectoryName(path)));   // next-to-last/2
        Assert.Equal(path, store.BlockPath(block.Cid.ToV1()));                      // CIDv0 and v1 share the file
        Assert.Equal(block.Data.ToArray(), (await store.GetAsync(block.Cid.ToV1())).Data.ToArray());
    }

    [Fact]
    public async Task GetAsync_TamperedFile_ThrowsContentIntegrityExceptionNamingTheFile()
    {
        var store = NewStore();
        var block = Block.Create(Multicodec.Raw, TestData.Bytes(100));
        await store.PutAsync(block);
        string path = store.BlockPath(block.Cid);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[50] ^= 1;
        await File.WriteAllBytesAsync(path, bytes);
        var e = await Assert.ThrowsAsync<ContentIntegrityException>(() => store.GetAsync(block.Cid));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_Missing_ThrowsContentNotFoundException() =>
        await Assert.ThrowsAsync<ContentNotFoundException>(() => NewStore().GetAsync(Block.Create(Multicodec.Raw, "nope"u8.ToArray()).Cid));

    [Fact]
    public async Task PutAsync_FailureBeforeRename_LeavesNoFile()
    {
        var store = NewStore();
        store.BeforeCommit = _ => throw new IOException("simulated failure (disk full) before the rename");
        var block = Block.Create(Multicodec.Raw, TestData.Bytes(300_000));
        await Assert.ThrowsAsync<IOException>(() => store.PutAsync(block));
        Assert.False(await store.HasAsync(block.Cid));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(store.RootDirectory, "blocks"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PutAsync_Cancelled_LeavesNoFile()
    {
        var store = NewStore();
        using var cts = new CancellationTokenSource();
        store.BeforeCommit = _ => { cts.Cancel(); cts.Token.ThrowIfCancellationRequested(); return ValueTask.CompletedTask; };
        var block = Block.Create(Multicodec.Raw, TestData.Bytes(1000));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutAsync(block, cts.Token));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(store.RootDirectory, "blocks"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PinAsync_CompleteDag_Pins()
    {
        var store = NewStore();
        var file = await UnixFsImporter.ImportAsync(new MemoryStream(TestData.Bytes(3 * TestData.Chunk)), store);
        await store.PinAsync(file.Root);
        Assert.True(store.IsPinned(file.Root));
    }

    [Fact]
    public async Task PinAsync_MissingBlock_ThrowsContentNotFoundAndDoesNotPin()
    {
        var store = NewStore();
        var file = await UnixFsImporter.ImportAsync(new MemoryStream(TestData.Bytes(3 * TestData.Chunk)), store);
        var leaf = DagPbNode.Decode((await store.GetAsync(file.Root)).Data.Span).Links[2].Hash;
        File.Delete(store.BlockPath(leaf));
        await Assert.ThrowsAsync<ContentNotFoundException>(() => store.PinAsync(file.Root));
        Assert.False(store.IsPinned(file.Root));
    }

    [Fact]
    public async Task GetAsync_IdentityCid_ReturnsInlineContent()
    {
        var cid = Cid.CreateV1(Multicodec.Raw, Multihash.Compute(MultihashCode.Identity, "inline"u8));
        Assert.True(await NewStore().HasAsync(cid));
        Assert.Equal("inline"u8.ToArray(), (await NewStore().GetAsync(cid)).Data.ToArray());
    }
}
