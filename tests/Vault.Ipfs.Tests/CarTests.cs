using Vault.Ipfs.Car;
using Vault.Ipfs.UnixFs;

namespace Vault.Ipfs.Tests;

public sealed class CarTests
{
    [Fact]
    public async Task ReadAsync_Carv1Basic_ReadsRootsBlocksAndOffsets()
    {
        var reader = new CarReader(new MemoryStream(CarFixture.Bytes));
        var header = await reader.ReadHeaderAsync();
        Assert.Equal(CarFixture.Roots, header.Roots);
        foreach (var expected in CarFixture.Index)
        {
            Assert.Equal(expected.Offset, reader.Position);
            var block = await reader.ReadBlockAsync();
            Assert.NotNull(block);
            Assert.Equal(expected.Cid, block.Cid);
            Assert.Equal(expected.BlockLength, block.Data.Length);
            Assert.Equal(expected.Offset + expected.Length, reader.Position);
        }
        Assert.Null(await reader.ReadBlockAsync());
    }

    [Fact]
    public async Task WriteAsync_Carv1BasicBlocks_ReproducesTheFixture()
    {
        // Same roots and blocks in the same order: the header's dag-cbor and every section must be byte-identical.
        var output = new MemoryStream();
        var writer = new CarWriter(output);
        await writer.WriteHeaderAsync(CarFixture.Roots);
        foreach (var block in CarFixture.Blocks()) await writer.WriteBlockAsync(block);
        Assert.Equal(Convert.ToHexStringLower(CarFixture.Bytes), Convert.ToHexStringLower(output.ToArray()));
    }

    [Fact]
    public void DagLinks_DagCborFixtureBlock_FindsTheLink()
    {
        var block = CarFixture.Blocks().First(b => b.Cid == CarFixture.Roots[0]);
        Assert.Equal(["QmNX6Tffavsya4xgBi2VJQnSuqy9GsxongxZZ9uZBqp16d"], DagLinks.Of(block).Select(c => c.ToString()));
        Assert.Empty(DagLinks.Of(CarFixture.Blocks().First(b => b.Cid == CarFixture.Roots[1])));
    }

    [Fact]
    public async Task ExportAsync_ThenImportAsync_RoundTripsTheDag()
    {
        var source = new MemoryContentStore();
        var data = TestData.Bytes(3 * TestData.Chunk + 99);
        var file = await UnixFsImporter.ImportAsync(new MemoryStream(data), source);
        var car = new MemoryStream();
        Assert.Equal(file.BlockCount, await CarArchive.ExportAsync(source, file.Root, car));
        car.Position = 0;
        var destination = new MemoryContentStore();
        var header = await CarArchive.ImportAsync(car, destination);
        Assert.Equal([file.Root], header.Roots);
        Assert.Equal(file.BlockCount, destination.Count);
        var output = new MemoryStream();
        await UnixFsFile.CopyToAsync(destination, file.Root, output);
        Assert.Equal(data, output.ToArray());
    }

    [Fact]
    public async Task ImportAsync_TruncatedAnywhere_ThrowsAndWritesNothing()
    {
        var bytes = CarFixture.Bytes;
        foreach (int cut in new[] { 0, 1, 50, 100, 101, 137, 191, 400, bytes.Length - 1 })
        {
            var destination = new MemoryContentStore();
            var e = await Assert.ThrowsAsync<CarFormatException>(() => CarArchive.ImportAsync(new MemoryStream(bytes[..cut]), destination));
            Assert.StartsWith("CAR:", e.Message, StringComparison.Ordinal);
            Assert.Equal(0, destination.Count);
        }
    }

    [Fact]
    public async Task ImportAsync_TruncatedSection_NamesTheOffset()
    {
        var e = await Assert.ThrowsAsync<CarFormatException>(() => CarArchive.ImportAsync(new MemoryStream(CarFixture.Bytes[..150]), new MemoryContentStore()));
        Assert.Contains("section at byte 100", e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_GarbledBlockByte_ThrowsContentIntegrityAndWritesNothing()
    {
        var bytes = CarFixture.Bytes;
        var last = CarFixture.Index[^1];
        bytes[last.BlockOffset + 3] ^= 0x01;  // the last block: all earlier ones were already verified and staged
        var destination = new MemoryContentStore();
        var e = await Assert.ThrowsAsync<ContentIntegrityException>(() => CarArchive.ImportAsync(new MemoryStream(bytes), destination));
        Assert.Contains($"byte {last.Offset}", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, destination.Count);
    }

    [Theory]
    [InlineData(1, 0xFF)]    // header: a2 map → invalid
    [InlineData(0, 0x00)]    // header length 0
    [InlineData(100, 0x00)]  // section length 0
    [InlineData(101, 0x02)]  // CID version 2
    public async Task ImportAsync_GarbledStructure_ThrowsCarFormatException(int offset, byte value)
    {
        var bytes = CarFixture.Bytes;
        bytes[offset] = value;
        await Assert.ThrowsAsync<CarFormatException>(() => CarArchive.ImportAsync(new MemoryStream(bytes), new MemoryContentStore()));
    }

    [Fact]
    public async Task ImportAsync_RootNotInArchive_ThrowsCarFormatException()
    {
        var car = new MemoryStream();
        var writer = new CarWriter(car);
        var block = Block.Create(Multicodec.Raw, "x"u8.ToArray());
        await writer.WriteHeaderAsync([Block.Create(Multicodec.Raw, "y"u8.ToArray()).Cid]);
        await writer.WriteBlockAsync(block);
        car.Position = 0;
        var destination = new MemoryContentStore();
        var e = await Assert.ThrowsAsync<CarFormatException>(() => CarArchive.ImportAsync(car, destination));
        Assert.Contains("not in the archive", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, destination.Count);
    }

    [Fact]
    public async Task ReadHeaderAsync_CarV2Pragma_ThrowsCarFormatException()
    {
        // CARv2 starts with the pragma 0x0a a1 67 "version" 02.
        var pragma = Convert.FromHexString("0aa16776657273696f6e02");
        var e = await Assert.ThrowsAsync<CarFormatException>(() => new CarReader(new MemoryStream(pragma)).ReadHeaderAsync());
        Assert.Contains("version 2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9f", "indefinite")]
    [InlineData("1817", "shortest form")]
    [InlineData("c1", "tag 1")]
    [InlineData("a2616101616102", "duplicate map key")]
    [InlineData("fa3f800000", "not allowed")]
    [InlineData("d82a450001551220", "invalid CID")]
    public void DagCborDecode_NonStrict_ThrowsBlockFormatException(string hex, string problem)
    {
        var e = Assert.Throws<BlockFormatException>(() => DagCbor.Decode(Convert.FromHexString(hex)));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
