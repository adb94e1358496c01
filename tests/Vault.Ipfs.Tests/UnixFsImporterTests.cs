using System.Text;
using Vault.Ipfs.UnixFs;

namespace Vault.Ipfs.Tests;

public sealed class UnixFsImporterTests
{
    private const int C = TestData.Chunk;

    [Fact]
    public void Compute_KuboVectors_MatchKubo()
    {
        foreach (var f in Vectors.Load("unixfs.json").GetProperty("files").EnumerateArray())
        {
            var options = f.Str("options") == "CidV0" ? UnixFsImportOptions.CidV0 : UnixFsImportOptions.CidV1;
            Assert.Equal(f.Str("cid"), UnixFsImporter.Compute(Encoding.UTF8.GetBytes(f.Str("text")), options).Root.ToString());
        }
    }

    [Fact]
    public void Compute_SingleChunkV1_IsTheRawBlock()
    {
        var data = TestData.Bytes(1000);
        var result = UnixFsImporter.Compute(data);
        Assert.Equal(Cid.Compute(Multicodec.Raw, data), result.Root);
        Assert.Equal(1, result.BlockCount);
        Assert.Equal(1000UL, result.DagSize);
    }

    [Fact]
    public void Compute_EmptyFileV0_IsTheKnownEmptyFile()
    {
        // An empty dag-pb UnixFS file: Data = {Type: File, filesize: 0}.
        var result = UnixFsImporter.Compute([], UnixFsImportOptions.CidV0);
        Assert.Equal(Cid.Compute(Multicodec.DagPb, Convert.FromHexString("0a0408021800"), 0), result.Root);
    }

    [Fact]
    public async Task ImportAsync_174ChunksPlusOne_BuildsTwoLevels()
    {
        var data = TestData.Bytes(174L * C + 1);
        var store = new MemoryContentStore();
        var result = await UnixFsImporter.ImportAsync(new MemoryStream(data), store);
        Assert.Equal(175 + 2 + 1, result.BlockCount);     // leaves, two parents, root
        Assert.Equal(result.BlockCount, store.Count);
        var root = DagPbNode.Decode((await store.GetAsync(result.Root)).Data.Span);
        Assert.Equal(2, root.Links.Count);
        var rootData = UnixFsData.Decode(root.Data!.Value.Span);
        Assert.Equal([174UL * C, 1UL], rootData.BlockSizes);
        Assert.Equal((ulong)data.Length, rootData.FileSize);
        var first = DagPbNode.Decode((await store.GetAsync(root.Links[0].Hash)).Data.Span);
        Assert.Equal(174, first.Links.Count);
        Assert.All(first.Links, l => Assert.Equal(Multicodec.Raw, l.Hash.Codec));
        var second = DagPbNode.Decode((await store.GetAsync(root.Links[1].Hash)).Data.Span);
        Assert.Single(second.Links);
        // Tsize of each link is the child's whole DAG; the root's DAG size adds its own bytes.
        ulong sum = root.Links.Aggregate(0UL, (s, l) => s + l.Tsize!.Value);
        Assert.Equal(sum + (ulong)(await store.GetAsync(result.Root)).Data.Length, result.DagSize);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(C)]
    [InlineData(5 * C + 77)]
    public async Task CopyToAsync_AfterImport_ReturnsTheBytes(int size)
    {
        foreach (var options in new[] { UnixFsImportOptions.CidV1, UnixFsImportOptions.CidV0 })
        {
            var data = TestData.Bytes(size);
            var store = new MemoryContentStore();
            var result = await UnixFsImporter.ImportAsync(new MemoryStream(data), store, options);
            var output = new MemoryStream();
            Assert.Equal((ulong)size, await UnixFsFile.CopyToAsync(store, result.Root, output));
            Assert.Equal(data, output.ToArray());
        }
    }

    /// <summary>The length a file's root declares, from the root block alone: the content's length for a DAG (v0 roots
    /// are always dag-pb, also for one chunk), unknown (null) for a v1 file that is one raw block.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(C)]
    [InlineData(5 * C + 77)]
    [InlineData(174 * C + 1)]
    public async Task DeclaredLengthAsync_AfterImport_IsTheContentLength(int size)
    {
        foreach (var options in new[] { UnixFsImportOptions.CidV1, UnixFsImportOptions.CidV0 })
        {
            var store = new MemoryContentStore();
            var result = await UnixFsImporter.ImportAsync(new MemoryStream(TestData.Bytes(size)), store, options);
            ulong? declared = await UnixFsFile.DeclaredLengthAsync(store, result.Root);
            if (result.Root.Codec == Multicodec.Raw) Assert.Null(declared);
            else Assert.Equal((ulong)size, declared);
        }
    }

    [Fact]
    public async Task DeclaredLengthAsync_OfADirectoryOrACorruptRoot_Throws()
    {
        var store = new MemoryContentStore();
        var directory = Block.Create(Multicodec.DagPb, new DagPbNode([], new UnixFsData(UnixFsType.Directory, default, null, []).Encode()).Encode());
        await store.PutAsync(directory);
        await Assert.ThrowsAsync<BlockFormatException>(() => UnixFsFile.DeclaredLengthAsync(store, directory.Cid));

        var result = await UnixFsImporter.ImportAsync(new MemoryStream(TestData.Bytes(2 * C)), store);
        store.Corrupt(result.Root);
        await Assert.ThrowsAsync<ContentIntegrityException>(() => UnixFsFile.DeclaredLengthAsync(store, result.Root));
    }

    [Fact]
    public async Task ComputeAsync_ShortReads_SameCidAsInMemory()
    {
        var data = TestData.Bytes(3 * C + 5);
        var result = await UnixFsImporter.ComputeAsync(new TrickleStream(data, 1000));
        Assert.Equal(UnixFsImporter.Compute(data).Root, result.Root);
    }

    [Fact]
    public async Task CopyToAsync_CorruptLeaf_ThrowsContentIntegrityException()
    {
        var store = new MemoryContentStore();
        var result = await UnixFsImporter.ImportAsync(new MemoryStream(TestData.Bytes(2 * C)), store);
        var leaf = DagPbNode.Decode((await store.GetAsync(result.Root)).Data.Span).Links[1].Hash;
        store.Corrupt(leaf);
        var output = new MemoryStream();
        await Assert.ThrowsAsync<ContentIntegrityException>(() => UnixFsFile.CopyToAsync(store, result.Root, output));
        Assert.Equal(C, output.Length);  // only the verified first chunk was written
    }

    [Fact]
    public void Compute_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentException>(() => UnixFsImporter.Compute([], new UnixFsImportOptions { CidVersion = 2 }));
        Assert.Throws<ArgumentException>(() => UnixFsImporter.Compute([], new UnixFsImportOptions { ChunkSize = 0 }));
        Assert.Throws<ArgumentException>(() => UnixFsImporter.Compute([], new UnixFsImportOptions { MaxLinksPerNode = 1 }));
    }

    /// <summary>Returns at most <c>step</c> bytes per read, as a network stream may.</summary>
    private sealed class TrickleStream(byte[] data, int step) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, step));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, step)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, step)], cancellationToken);
    }
}
