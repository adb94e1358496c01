using System.Text;
using Vault.Engine.Datasets;
using Vault.Engine.Jobs;
using Vault.Ethereum;

namespace Vault.Engine.Tests;

public sealed class TrainingSealTests : IDisposable
{
    private readonly SealingContext _context = new(JobTestData.LogN10Training, salt: 3);

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task Seal_WithADesign_ListsTrainingBlocks_ThatRoundTripInTheManifest()
    {
        var result = await JobTestData.SealLogisticAsync(_context, JobTestData.LogisticCsv(700, 5, salt: 1));
        var training = result.Manifest.Training!;
        Assert.Equal(TrainingDesign.Logistic, training.Design);
        Assert.Equal("y", training.Label);
        Assert.Equal(["x1", "x2", "x3", "x4", "x5"], training.Features.ToArray());
        Assert.Equal(8, training.Stride);                       // 6 values → stride 8
        Assert.Equal(512 / 16, training.RowsPerCiphertext);
        Assert.Equal((700 + 31) / 32, training.Blocks.Length);
        var parsed = SealedDatasetManifest.Parse(result.ManifestBytes);
        Assert.Equal(training.Blocks.ToArray(), parsed.Training!.Blocks.ToArray());
        Assert.Equal(result.ManifestBytes, parsed.ToCanonicalJson());
        var verification = await DatasetVerifier.VerifyAsync(_context.Store, result.ManifestCid, allowInsecure: true);
        Assert.Equal(result.Manifest.Blocks.Length + training.Blocks.Length, verification.Ciphertexts);
    }

    [Fact]
    public async Task Seal_RefusesUnusableTrainingDesigns()
    {
        string csv = JobTestData.LogisticCsv(50, 2, salt: 2);
        var noLabel = _context.RequestForText(csv, null) with { TrainingDesign = TrainingDesign.Logistic };
        Assert.Contains("--label", (await Assert.ThrowsAsync<DatasetInputException>(() => DatasetSealer.SealAsync(noLabel, _context.Store))).Message);
        var unknown = noLabel with { Label = "outcome" };
        Assert.Contains("'outcome'", (await Assert.ThrowsAsync<DatasetInputException>(() => DatasetSealer.SealAsync(unknown, _context.Store))).Message);
        var notBinary = noLabel with { Label = "x1" };
        Assert.Contains("0/1 label", (await Assert.ThrowsAsync<DatasetInputException>(() => DatasetSealer.SealAsync(notBinary, _context.Store))).Message);
        var unbounded = noLabel with { Label = "y", Normalisation = NormalisationMethod.ZScore };
        Assert.Contains("min-max", (await Assert.ThrowsAsync<DatasetInputException>(() => DatasetSealer.SealAsync(unbounded, _context.Store))).Message);
        var labelOnly = _context.RequestForText(csv, null) with { Label = "y" };
        Assert.Contains("design", (await Assert.ThrowsAsync<DatasetInputException>(() => DatasetSealer.SealAsync(labelOnly, _context.Store))).Message);
        Assert.Empty(SealingContext.ManifestsIn(_context.StoreDirectory));
    }

    [Fact]
    public void JobSpec_RoundTripsCanonically_AndRefusesAnotherSpelling()
    {
        using var buyer = JobTestData.Buyer();
        var job = JobTestData.Job(Vault.Ipfs.Cid.Parse("bafkreihaav3zfcwkyd4zhdifkuitx77xsbraxigwjgzbwglcwl3xziz42a"), buyer);
        byte[] bytes = job.ToCanonicalJson();
        var parsed = JobSpec.Parse(bytes);
        Assert.Equal(job.JobId, parsed.JobId);
        Assert.Equal(Keccak256.Hash32(bytes), job.JobId);
        string text = Encoding.UTF8.GetString(bytes);
        Assert.Throws<JobFormatException>(() => JobSpec.Parse(Encoding.UTF8.GetBytes(text.Replace(",", ", ", StringComparison.Ordinal))));
        Assert.Throws<JobFormatException>(() => JobSpec.Parse(Encoding.UTF8.GetBytes(text.Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal))));
        Assert.Throws<JobFormatException>(() => JobSpec.Parse(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Fact]
    public void JobSpec_RefusesABuyerWhoDoesNotOwnTheKey()
    {
        using var buyer = JobTestData.Buyer();
        using var other = EthereumKey.FromPrivateKey(Enumerable.Repeat((byte)7, 32).ToArray());
        var job = JobTestData.Job(Vault.Ipfs.Cid.Parse("bafkreihaav3zfcwkyd4zhdifkuitx77xsbraxigwjgzbwglcwl3xziz42a"), buyer) with { Buyer = other.Address };
        Assert.Contains("not the address", Assert.Throws<JobFormatException>(job.ToCanonicalJson).Message);
        var offCurve = job with { Buyer = buyer.Address, BuyerPublicKey = "04" + new string('1', 128) };
        Assert.Throws<JobFormatException>(offCurve.ToCanonicalJson);
    }
}
