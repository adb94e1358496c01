using Vault.Ckks;
using Vault.Ckks.Serialization;
using Vault.Engine.Datasets;
using Vault.Ipfs;
using Vault.Ipfs.UnixFs;
using Vault.Rlwe;

namespace Vault.Engine.Tests;

/// <summary>Verification of sealed datasets: passes on a good one, and fails with a typed error naming the CID at
/// fault for each kind of damage; CAR export and import keep a dataset whole.</summary>
public sealed class DatasetVerifierTests : IDisposable
{
    private readonly SealingContext _provider = new("insecure-test-only-logn10", salt: 20);

    public void Dispose() => _provider.Dispose();

    private Task<SealResult> SealEdinAsync() =>
        DatasetSealer.SealAsync(_provider.Request(SealingContext.EdinPath, SealingContext.EdinSchema), _provider.Store);

    [Fact]
    public async Task VerifyAsync_GoodDataset_ReportsEveryCount()
    {
        var sealedSet = await SealEdinAsync();
        var report = await DatasetVerifier.VerifyAsync(_provider.Store, sealedSet.ManifestCid, allowInsecure: true);
        Assert.Equal(30, report.Ciphertexts);
        Assert.Equal(sealedSet.CiphertextBytes, report.CiphertextBytes);
        Assert.True(report.TotalBytes > report.CiphertextBytes);
        Assert.Equal(sealedSet.IntegrityHash, report.IntegrityHash);
        Assert.Equal(_provider.Parameters.Id, report.Parameters.Id);
        Assert.Equal(1253, report.Manifest.Rows);
    }

    [Fact]
    public async Task VerifyAsync_InsecureParametersNotAllowed_Throws()
    {
        var sealedSet = await SealEdinAsync();
        var e = await Assert.ThrowsAsync<DatasetIntegrityException>(() => DatasetVerifier.VerifyAsync(_provider.Store, sealedSet.ManifestCid));
        Assert.Equal(DatasetIntegrityProblem.InsecureParameters, e.Problem);
        Assert.Equal(sealedSet.Manifest.Keys.Parameters, e.Cid);
    }

    [Fact]
    public async Task VerifyAsync_BlockFileCorruptedOnDisk_ThrowsCorruptNamingTheBlock()
    {
        var sealedSet = await SealEdinAsync();
        var victim = sealedSet.Manifest.Blocks[17];
        string path = _provider.Store.BlockPath(victim);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(path, bytes);
        var e = await Assert.ThrowsAsync<DatasetIntegrityException>(() => DatasetVerifier.VerifyAsync(_provider.Store, sealedSet.ManifestCid, allowInsecure: true));
        Assert.Equal(DatasetIntegrityProblem.Corrupt, e.Problem);
        Assert.Equal(victim, e.Cid);
        Assert.Contains(victim.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains("ciphertext 17 (column x8, row block 1)", e.Message, StringComparison.Ordinal);
        Assert.IsType<ContentIntegrityException>(e.InnerException);
    }

    [Fact]
    public async Task VerifyAsync_BlockMissing_ThrowsMissingNamingTheBlock()
    {
        var sealedSet = await SealEdinAsync();
        var victim = sealedSet.Manifest.Blocks[^1];
        File.Delete(_provider.Store.BlockPath(victim));
        var e = await Assert.ThrowsAsync<DatasetIntegrityException>(() => DatasetVerifier.VerifyAsync(_provider.Store, sealedSet.ManifestCid, allowInsecure: true));
        Assert.Equal(DatasetIntegrityProblem.Missing, e.Problem);
        Assert.Equal(victim, e.Cid);
    }

    [Fact]
    public async Task VerifyAsync_ManifestMissing_ThrowsMissingNamingTheManifest()
    {
        var sealedSet = await SealEdinAsync();
        File.Delete(_provider.Store.BlockPath(sealedSet.ManifestCid));
        var e = await Assert.ThrowsAsync<DatasetIntegrityException>(() => DatasetVerifier.VerifyAsync(_provider.Store, sealedSet.ManifestCid, allowInsecure: true));
        Assert.Equal((DatasetIntegrityProblem.Missing, sealedSet.ManifestCid), (e.Problem, e.Cid));
    }

    /// <summary>A ciphertext of the same size under parameters that differ only in the default scale (so another Id),
    /// and one under another ring degree (a larger object, caught by its header before it is read whole).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task VerifyAsync_CiphertextOfOtherParameters_ThrowsWrongParametersNamingTheBlock(bool otherRing)
    {
        var sealedSet = await SealEdinAsync();
        var spec = otherRing ? CkksParameterPresets.InsecureTestOnlyLogN12 : CkksParameterPresets.InsecureTestOnlyLogN10 with { LogDefaultScale = 44 };
        using var other = new Vault.Testing.CkksTestContext(spec);
        Assert.NotEqual(_provider.Parameters.Id, other.Parameters.Id);
        var foreign = other.Encryptor.Encrypt(other.Encoder.Encode(new double[8]));
        var imported = await UnixFsImporter.ImportAsync(new MemoryStream(CkksSerializer.Write(foreign, other.Parameters)), _provider.Store);
        var tampered = sealedSet.Manifest with { Blocks = sealedSet.Manifest.Blocks.SetItem(4, imported.Root) };
        var block = tampered.ToBlock();
        await _provider.Store.PutAsync(block);
        var e = await Assert.ThrowsAsync<DatasetIntegrityException>(() => DatasetVerifier.VerifyAsync(_provider.Store, block.Cid, allowInsecure: true));
        Assert.Equal(DatasetIntegrityProblem.WrongParameters, e.Problem);
        Assert.Equal(imported.Root, e.Cid);
        Assert.Contains(other.Parameters.Id.ToString(), e.Message, StringComparison.Ordinal);
        if (!otherRing) Assert.IsType<ParameterMismatchException>(e.InnerException);
    }

    [Fact]
    public async Task VerifyAsync_BlockThatIsNotACiphertext_ThrowsMalformedObject()
    {
        var sealedSet = await SealEdinAsync();
        var tampered = sealedSet.Manifest with { Blocks = sealedSet.Manifest.Blocks.SetItem(0, sealedSet.Manifest.Keys.PublicKey) };
        var block = tampered.ToBlock();
        await _provider.Store.PutAsync(block);
        var e = await Assert.ThrowsAsync<DatasetIntegrityException>(() => DatasetVerifier.VerifyAsync(_provider.Store, block.Cid, allowInsecure: true));
        Assert.Equal((DatasetIntegrityProblem.MalformedObject, sealedSet.Manifest.Keys.PublicKey), (e.Problem, e.Cid));
    }

    [Fact]
    public async Task VerifyAsync_RawBlockThatIsNotAManifest_ThrowsManifestMalformed()
    {
        var block = Block.Create(Multicodec.Raw, "{\"format\":\"something else\"}"u8.ToArray());
        await _provider.Store.PutAsync(block);
        var e = await Assert.ThrowsAsync<DatasetIntegrityException>(() => DatasetVerifier.VerifyAsync(_provider.Store, block.Cid, allowInsecure: true));
        Assert.Equal((DatasetIntegrityProblem.ManifestMalformed, block.Cid), (e.Problem, e.Cid));
        var dagPb = Cid.Compute(Multicodec.DagPb, [1, 2, 3]);
        var e2 = await Assert.ThrowsAsync<DatasetIntegrityException>(() => DatasetVerifier.VerifyAsync(_provider.Store, dagPb, allowInsecure: true));
        Assert.Equal(DatasetIntegrityProblem.ManifestMalformed, e2.Problem);
    }

    [Fact]
    public async Task ExportAsync_ThenImportIntoAFreshStore_VerifiesThere()
    {
        var sealedSet = await SealEdinAsync();
        var car = new MemoryStream();
        var (roots, blocks) = await DatasetCar.ExportAsync(_provider.Store, sealedSet.ManifestCid, car);
        Assert.Equal(sealedSet.ManifestCid, roots[0]);
        Assert.Equal(1 + 30 + 4 + 1, roots.Count);
        Assert.True(blocks >= roots.Count);
        var fresh = Directory.CreateTempSubdirectory("vault-engine-import-");
        try
        {
            var store = new FileSystemContentStore(fresh.FullName);
            car.Position = 0;
            var imported = await DatasetCar.ImportAsync(car, store);
            Assert.Equal(sealedSet.ManifestCid, imported);
            var report = await DatasetVerifier.VerifyAsync(store, imported, allowInsecure: true);
            Assert.Equal(30, report.Ciphertexts);
            Assert.Equal(blocks, Directory.EnumerateFiles(Path.Combine(fresh.FullName, "blocks"), "*.data", SearchOption.AllDirectories).Count());
        }
        finally
        {
            fresh.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ImportAsync_TruncatedCar_ThrowsAndStoresNothing()
    {
        var sealedSet = await SealEdinAsync();
        var car = new MemoryStream();
        await DatasetCar.ExportAsync(_provider.Store, sealedSet.ManifestCid, car);
        var truncated = new MemoryStream(car.ToArray()[..(int)(car.Length * 2 / 3)]);
        var fresh = Directory.CreateTempSubdirectory("vault-engine-import-");
        try
        {
            var store = new FileSystemContentStore(fresh.FullName);
            await Assert.ThrowsAsync<CarFormatException>(() => DatasetCar.ImportAsync(truncated, store));
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(fresh.FullName, "blocks"), "*", SearchOption.AllDirectories));
        }
        finally
        {
            fresh.Delete(recursive: true);
        }
    }
}
