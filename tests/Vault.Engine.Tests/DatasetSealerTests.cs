using Vault.Engine.Datasets;
using Vault.Testing;
using Xunit.Abstractions;

namespace Vault.Engine.Tests;

/// <summary>Sealing edin at the insecure LogN 10 test preset: values, layout, manifest, determinism.</summary>
public sealed class DatasetSealerTests(ITestOutputHelper output) : IClassFixture<DatasetSealerTests.Context>
{
    public sealed class Context() : IDisposable
    {
        public SealingContext Provider { get; } = new("insecure-test-only-logn10");
        public void Dispose() => Provider.Dispose();
    }

    [Fact]
    public async Task SealAsync_EdinAtLogN10_DecryptsToTheCsvValues()
    {
        using var provider = new SealingContext("insecure-test-only-logn10", salt: 1);
        var result = await DatasetSealer.SealAsync(provider.Request(SealingContext.EdinPath, SealingContext.EdinSchema), provider.Store);
        var manifest = result.Manifest;
        Assert.Equal(1253, manifest.Rows);
        Assert.Equal(10, manifest.Layout.Columns);
        Assert.Equal(512, manifest.Layout.Slots);
        Assert.Equal(3, manifest.Layout.RowBlocks);
        Assert.Equal(30, manifest.Blocks.Length);
        Assert.All(manifest.Columns, c => Assert.Equal(ColumnNormalisation.Identity with { Method = NormalisationMethod.MinMax }, c.Normalisation));

        var (columns, padding) = await provider.DecryptAsync(provider.Store, manifest);
        var rows = SealingContext.EdinRows();
        double maxError = 0;
        for (int r = 0; r < rows.Length; r++)
            for (int c = 0; c < 10; c++)
                maxError = Math.Max(maxError, Math.Abs(columns[c][r] - rows[r][c]));
        double bits = -Math.Log2(maxError);
        output.WriteLine($"edin at LogN 10: max |error| {maxError:E2} ({bits:F1} bits), padding ≤ {padding:E2}, {result.CiphertextBytes} ciphertext bytes");
        Assert.True(bits >= 25, $"precision {bits:F1} bits < 25 {TestSeed.Describe}");
        Assert.True(padding < Math.ScaleB(1, -25), $"padding slots hold {padding}");
    }
}
