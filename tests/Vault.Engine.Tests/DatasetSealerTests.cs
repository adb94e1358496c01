using System.Text;
using System.Text.Json.Nodes;
using Vault.Engine.Datasets;
using Vault.Ipfs;
using Vault.Testing;
using Xunit.Abstractions;

namespace Vault.Engine.Tests;

/// <summary>Sealing: values survive encryption (precision in bits), the layout and manifest are as specified, the
/// manifest is byte-stable, and bad input fails with the line and column and leaves no manifest.</summary>
public sealed class DatasetSealerTests(DatasetSealerTests.Context context, ITestOutputHelper output) : IClassFixture<DatasetSealerTests.Context>
{
    /// <summary>One LogN 10 provider for the class (insecure, for fast tests only).</summary>
    public sealed class Context : IDisposable
    {
        public SealingContext Provider { get; } = new("insecure-test-only-logn10");
        public void Dispose() => Provider.Dispose();
    }

    private SealingContext Provider => context.Provider;

    [Fact]
    public async Task SealAsync_EdinAtLogN10_DecryptsToTheCsvValues()
    {
        var result = await DatasetSealer.SealAsync(Provider.Request(SealingContext.EdinPath, SealingContext.EdinSchema), Provider.Store);
        var manifest = result.Manifest;
        Assert.Equal(1253, manifest.Rows);
        Assert.Equal(new PackingLayout(1253, 10, 512, 4, 45), manifest.Layout);
        Assert.Equal(3, manifest.Layout.RowBlocks);
        Assert.Equal(30, manifest.Blocks.Length);
        Assert.Equal(["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "mi"], manifest.Columns.Select(c => c.Name));
        Assert.All(manifest.Columns, c => Assert.Equal(new ColumnNormalisation(NormalisationMethod.MinMax, 0, 1, NormalisationSource.Declared), c.Normalisation));
        Assert.Equal(result.ManifestCid, Cid.Compute(Multicodec.Raw, result.ManifestBytes));
        Assert.Equal(Convert.ToHexStringLower(result.ManifestCid.Multihash.Digest), result.IntegrityHash);

        var (columns, padding) = await Provider.DecryptAsync(Provider.Store, manifest);
        double bits = PrecisionBits(SealingContext.EdinRows(), columns, c => c);
        output.WriteLine($"edin at LogN 10: {bits:F1} bits, padding ≤ {padding:E2}, {result.CiphertextBytes} ciphertext bytes");
        Assert.True(bits >= 25, $"precision {bits:F1} bits < 25 {TestSeed.Describe}");
        Assert.True(padding < Math.ScaleB(1, -25), $"padding slots hold {padding}");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task SealAsync_EdinAtLogN13_DecryptsToTheCsvValues()
    {
        using var provider = new SealingContext("logn13", salt: 13);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await DatasetSealer.SealAsync(provider.Request(SealingContext.EdinPath, SealingContext.EdinSchema), provider.Store);
        double sealSeconds = clock.Elapsed.TotalSeconds;
        Assert.Equal(new PackingLayout(1253, 10, 4096, 2, 40), result.Manifest.Layout);
        Assert.Equal(10, result.Manifest.Blocks.Length);
        Assert.True(result.Manifest.Keys.IsSecure);
        var (columns, padding) = await provider.DecryptAsync(provider.Store, result.Manifest);
        double bits = PrecisionBits(SealingContext.EdinRows(), columns, c => c);
        clock.Restart();
        var verification = await DatasetVerifier.VerifyAsync(provider.Store, result.ManifestCid);
        output.WriteLine($"edin at LogN 13: sealed in {sealSeconds:F2} s, {result.Manifest.Blocks.Length} ciphertexts, {result.CiphertextBytes} ciphertext bytes, " +
            $"{verification.TotalBytes} bytes in all, verified in {clock.Elapsed.TotalSeconds:F2} s; {bits:F1} bits, padding ≤ {padding:E2}");
        Assert.True(bits >= 20, $"precision {bits:F1} bits < 20 {TestSeed.Describe}");
        Assert.Equal(10, verification.Ciphertexts);
    }

    [Fact]
    public async Task SealAsync_SameSeedTwice_GivesTheSameManifestCid()
    {
        var first = await DatasetSealer.SealAsync(Provider.Request(SealingContext.EdinPath, SealingContext.EdinSchema, seed: 7), Provider.Store);
        var second = await DatasetSealer.SealAsync(Provider.Request(SealingContext.EdinPath, SealingContext.EdinSchema, seed: 7), Provider.Store);
        var third = await DatasetSealer.SealAsync(Provider.Request(SealingContext.EdinPath, SealingContext.EdinSchema, seed: 8), Provider.Store);
        Assert.Equal(first.ManifestCid, second.ManifestCid);
        Assert.Equal(first.ManifestBytes, second.ManifestBytes);
        Assert.NotEqual(first.ManifestCid, third.ManifestCid);
        Assert.Equal(first.Manifest.Blocks.Length, third.Manifest.Blocks.Length);
    }

    /// <summary>The manifest of edin at LogN 10 for a fixed time, policy and provider. Ciphertext and key CIDs depend on
    /// the random (here seeded, but floating-point-derived) samples and are masked; everything else — schema,
    /// normalisation, layout, rule, parameter Id and CID, policy CID, time, provider, key order, number forms — is
    /// pinned byte for byte. Regenerate with <c>make vectors</c> only on purpose, with the format document.</summary>
    [Fact]
    [Trait("Category", "Vectors")]
    public async Task SealAsync_EdinManifest_MatchesTheGoldenFile()
    {
        var result = await DatasetSealer.SealAsync(Provider.Request(SealingContext.EdinPath, SealingContext.EdinSchema, seed: 9), Provider.Store);
        var node = JsonNode.Parse(result.ManifestBytes)!.AsObject();
        var blocks = node["blocks"]!.AsArray();
        for (int i = 0; i < blocks.Count; i++) blocks[i] = $"<ciphertext {i}>";
        foreach (string key in new[] { "publicKey", "relinearizationKey", "galoisKeys" }) node["keys"]![key] = $"<{key}>";
        string masked = Encoding.UTF8.GetString(CanonicalJson.Encode(node));
        string path = Path.Combine(Peers.RepositoryRoot, "tests", "Vectors", "sealed", "edin-logn10-manifest.masked.json");
        if (Environment.GetEnvironmentVariable("VAULT_WRITE_VECTORS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, masked + "\n");
        }
        Assert.Equal(File.ReadAllText(path).TrimEnd('\n'), masked);
    }

    [Fact]
    public async Task SealAsync_RaggedRow_ThrowsWithLineAndColumnAndWritesNoManifest()
    {
        using var provider = new SealingContext("insecure-test-only-logn10", salt: 2);
        string path = provider.WriteFile("ragged.csv", "a,b,c\n1,2,3\n4,5,6\n7,8\n9,10,11\n");
        var e = await Assert.ThrowsAsync<DatasetInputException>(() => DatasetSealer.SealAsync(provider.Request(path, null), provider.Store));
        Assert.Equal(4, e.Line);
        Assert.Equal(3, e.Column);
        Assert.Contains("line 4, column 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("2 fields, but there are 3 columns", e.Message, StringComparison.Ordinal);
        Assert.Empty(SealingContext.ManifestsIn(provider.StoreDirectory));

        string longRow = provider.WriteFile("long.csv", "a,b\n1,2\n3,4,5\n");
        var e2 = await Assert.ThrowsAsync<DatasetInputException>(() => DatasetSealer.SealAsync(provider.Request(longRow, null), provider.Store));
        Assert.Equal((3, 3), (e2.Line, e2.Column));
    }

    [Fact]
    public async Task SealAsync_NonNumericValue_ThrowsWithLineColumnAndName()
    {
        var schema = DatasetSchema.Create([new ColumnSpec { Name = "age" }, new ColumnSpec { Name = "weight" }], hasHeader: true);
        var e = await Assert.ThrowsAsync<DatasetInputException>(() =>
            DatasetSealer.SealAsync(Provider.RequestForText("age,weight\n31,70.5\n45,heavy\n", schema), Provider.Store));
        Assert.Equal((3L, 2, "weight"), (e.Line, e.Column, e.ColumnName));
        Assert.Contains("'heavy' is not a number", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x\n0\n1\n2\n", "binary", 4, "2 is not 0 or 1")]
    [InlineData("x\n1.5\n", "integer", 2, "1.5 is not a whole number")]
    [InlineData("x\n1e999\n", "real", 2, "is not a finite number")]
    public async Task SealAsync_ValueOfTheWrongType_ThrowsWithLine(string text, string type, long line, string problem)
    {
        var schema = DatasetSchema.Create([new ColumnSpec { Name = "x", Type = DatasetNames.ParseColumnType(type)!.Value }], hasHeader: true);
        var e = await Assert.ThrowsAsync<DatasetInputException>(() => DatasetSealer.SealAsync(Provider.RequestForText(text, schema), Provider.Store));
        Assert.Equal((line, 1), (e.Line, e.Column));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SealAsync_ValueOutsideTheDeclaredDomain_Throws()
    {
        var schema = DatasetSchema.Create([new ColumnSpec { Name = "age", Min = 0, Max = 120 }], hasHeader: true);
        var e = await Assert.ThrowsAsync<DatasetInputException>(() => DatasetSealer.SealAsync(Provider.RequestForText("age\n30\n130\n", schema), Provider.Store));
        Assert.Equal((3L, 1), (e.Line, e.Column));
        Assert.Contains("outside the declared domain [0, 120]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SealAsync_HeaderDiffersFromTheSchema_ThrowsAtLineOne()
    {
        var schema = DatasetSchema.Create([new ColumnSpec { Name = "a" }, new ColumnSpec { Name = "b" }], hasHeader: true);
        var e = await Assert.ThrowsAsync<DatasetInputException>(() => DatasetSealer.SealAsync(Provider.RequestForText("a,c\n1,2\n", schema), Provider.Store));
        Assert.Equal((1L, 2, "b"), (e.Line, e.Column, e.ColumnName));
    }

    [Theory]
    [InlineData("")]
    [InlineData("NA")]
    [InlineData("n/a")]
    [InlineData("?")]
    [InlineData("NaN")]
    public async Task SealAsync_MissingValueUnderReject_ThrowsWithLineAndColumn(string token)
    {
        var e = await Assert.ThrowsAsync<DatasetInputException>(() =>
            DatasetSealer.SealAsync(Provider.RequestForText($"a,b\n1,2\n3,{token}\n5,6\n", null), Provider.Store));
        Assert.Equal((3L, 2, "b"), (e.Line, e.Column, e.ColumnName));
        Assert.Contains("missing value", e.Message, StringComparison.Ordinal);
        Assert.Contains("--missing impute-mean", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SealAsync_MissingValuesUnderImputeMean_ImputesTheColumnMeanAndRecordsTheCount()
    {
        var request = Provider.RequestForText("a,b\n1,10\n3,NA\n,30\n5,\n", null) with
        {
            MissingValues = MissingValueRule.ImputeMean,
            Normalisation = NormalisationMethod.None,
        };
        var result = await DatasetSealer.SealAsync(request, Provider.Store);
        Assert.Equal(MissingValueRule.ImputeMean, result.Manifest.MissingValues);
        Assert.Equal([1L, 2L], result.Manifest.Columns.Select(c => c.Imputed));
        var (columns, _) = await Provider.DecryptAsync(Provider.Store, result.Manifest);
        double bits = PrecisionBits([[1, 10], [3, 20], [3, 30], [5, 20]], columns, c => c);
        Assert.True(bits >= 20, $"precision {bits:F1} bits {TestSeed.Describe}");
    }

    [Fact]
    public async Task SealAsync_InferredSchemaWithHeader_TakesNamesAndTypesFromTheData()
    {
        var result = await DatasetSealer.SealAsync(Provider.RequestForText("flag;count;level\n0;3;0.5\n1;7;-2\n1;0;10\n", null), Provider.Store);
        Assert.Equal([("flag", ColumnType.Binary), ("count", ColumnType.Integer), ("level", ColumnType.Real)], result.Manifest.Columns.Select(c => (c.Name, c.Type)));
        var level = result.Manifest.Columns[2].Normalisation;
        Assert.Equal(new ColumnNormalisation(NormalisationMethod.MinMax, -2, 12, NormalisationSource.Observed), level);
        var (columns, _) = await Provider.DecryptAsync(Provider.Store, result.Manifest);
        Assert.Equal(0.5, level.Invert(columns[2][0]), 6);
        Assert.Equal(1.0, columns[2][2], 6);
    }

    [Fact]
    public async Task SealAsync_InferredSchemaWithoutHeader_NamesColumnsC1C2()
    {
        var request = Provider.RequestForText("1\t2\n3\t4\n", null) with { InferredSchemaHasHeader = false };
        var result = await DatasetSealer.SealAsync(request, Provider.Store);
        Assert.Equal(["c1", "c2"], result.Manifest.Columns.Select(c => c.Name));
    }

    [Fact]
    public async Task SealAsync_ZScore_RecordsMeanAndDeviationAndEncryptsStandardisedValues()
    {
        double[] x = [2, 4, 4, 4, 5, 5, 7, 9];       // mean 5, population standard deviation 2
        var request = Provider.RequestForText("x\n" + string.Join("\n", x) + "\n", null) with { Normalisation = NormalisationMethod.ZScore };
        var result = await DatasetSealer.SealAsync(request, Provider.Store);
        Assert.Equal(new ColumnNormalisation(NormalisationMethod.ZScore, 5, 2, NormalisationSource.Observed), result.Manifest.Columns[0].Normalisation);
        var (columns, _) = await Provider.DecryptAsync(Provider.Store, result.Manifest);
        double bits = PrecisionBits([.. x.Select(v => new[] { (v - 5) / 2 })], columns, c => c);
        Assert.True(bits >= 25, $"precision {bits:F1} bits {TestSeed.Describe}");
    }

    [Fact]
    public async Task SealAsync_QuotedFieldsAndBlankLines_AreReadAsRfc4180()
    {
        var result = await DatasetSealer.SealAsync(Provider.RequestForText("\"a, first\",b\r\n\"1\",2\r\n\r\n 3 , \"4\"\r\n", null), Provider.Store);
        Assert.Equal(["a, first", "b"], result.Manifest.Columns.Select(c => c.Name));
        Assert.Equal(2, result.Manifest.Rows);
    }

    [Fact]
    public async Task SealAsync_EmptyInputOrHeaderOnly_ThrowsNothingToSeal()
    {
        await Assert.ThrowsAsync<DatasetInputException>(() => DatasetSealer.SealAsync(Provider.RequestForText("", null), Provider.Store));
        var e = await Assert.ThrowsAsync<DatasetInputException>(() => DatasetSealer.SealAsync(Provider.RequestForText("a,b\n", null), Provider.Store));
        Assert.Contains("no data rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SealAsync_StoreFailsMidway_WritesNoManifest()
    {
        using var provider = new SealingContext("insecure-test-only-logn10", salt: 3);
        var failing = new FailingStore(provider.Store, failOnPut: 12);
        await Assert.ThrowsAsync<IOException>(() => DatasetSealer.SealAsync(provider.Request(SealingContext.EdinPath, SealingContext.EdinSchema), failing));
        Assert.True(failing.Puts >= 12);
        Assert.Empty(SealingContext.ManifestsIn(provider.StoreDirectory));
    }

    [Fact]
    public async Task SealAsync_PublicKeyOfOtherParameters_Throws()
    {
        using var other = new SealingContext("insecure-test-only-logn12", salt: 4);
        var request = Provider.Request(SealingContext.EdinPath, SealingContext.EdinSchema) with { PublicKey = other.PublicKey };
        await Assert.ThrowsAsync<Vault.Rlwe.ParameterMismatchException>(() => DatasetSealer.SealAsync(request, Provider.Store));
    }

    /// <summary>−log2 of the largest |decrypted − expected(row)[c]| over every row and column.</summary>
    private static double PrecisionBits(double[][] rows, double[][] columns, Func<double, double> expected)
    {
        double maxError = 0;
        for (int r = 0; r < rows.Length; r++)
            for (int c = 0; c < rows[r].Length; c++)
                maxError = Math.Max(maxError, Math.Abs(columns[c][r] - expected(rows[r][c])));
        return maxError == 0 ? 64 : -Math.Log2(maxError);
    }

    /// <summary>Passes calls through until the n-th put, which fails as a full disk would.</summary>
    private sealed class FailingStore(IContentStore inner, int failOnPut) : IContentStore
    {
        public int Puts { get; private set; }

        public Task PutAsync(Block block, CancellationToken cancellationToken = default) =>
            ++Puts == failOnPut ? throw new IOException("No space left on device (simulated)") : inner.PutAsync(block, cancellationToken);

        public Task<Block> GetAsync(Cid cid, CancellationToken cancellationToken = default) => inner.GetAsync(cid, cancellationToken);
        public Task<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => inner.HasAsync(cid, cancellationToken);
        public Task PinAsync(Cid root, CancellationToken cancellationToken = default) => inner.PinAsync(root, cancellationToken);
    }
}
