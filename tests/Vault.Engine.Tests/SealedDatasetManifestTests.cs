using System.Text;
using Vault.Engine.Datasets;
using Vault.Ipfs;

namespace Vault.Engine.Tests;

/// <summary>The manifest's canonical encoding: a fixed manifest has fixed bytes, parsing is strict and round-trips.</summary>
public sealed class SealedDatasetManifestTests
{
    private static Cid RawCid(string content) => Cid.Compute(Multicodec.Raw, Encoding.UTF8.GetBytes(content));

    private static SealedDatasetManifest Sample() => new()
    {
        Layout = new PackingLayout(5, 2, 4, 3, 40),
        Columns =
        [
            new SealedColumn("age", ColumnType.Real, new ColumnNormalisation(NormalisationMethod.ZScore, 47.25, 12.5, NormalisationSource.Observed), 1),
            new SealedColumn("mi", ColumnType.Binary, new ColumnNormalisation(NormalisationMethod.MinMax, 0, 1, NormalisationSource.Declared), 0),
        ],
        MissingValues = MissingValueRule.ImputeMean,
        Keys = new DatasetKeyReferences(new string('a', 64), true, RawCid("parameters"), RawCid("public key"), null, RawCid("galois")),
        Policy = RawCid("policy"),
        Provider = "0x00000000000000000000000000000000000000aa",
        CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Blocks = [RawCid("c0"), RawCid("c1"), RawCid("c2"), RawCid("c3")],
    };

    /// <summary>The exact bytes of a fixed manifest: pins key names, order, number forms and layout fields.</summary>
    [Fact]
    public void ToCanonicalJson_FixedManifest_GivesTheGoldenBytes()
    {
        string expected =
            "{\"blocks\":[\"" + RawCid("c0") + "\",\"" + RawCid("c1") + "\",\"" + RawCid("c2") + "\",\"" + RawCid("c3") + "\"]," +
            "\"columns\":[{\"imputed\":1,\"name\":\"age\",\"normalisation\":{\"method\":\"z-score\",\"offset\":47.25,\"scale\":12.5,\"source\":\"observed\"},\"type\":\"real\"}," +
            "{\"imputed\":0,\"name\":\"mi\",\"normalisation\":{\"method\":\"min-max\",\"offset\":0,\"scale\":1,\"source\":\"declared\"},\"type\":\"binary\"}]," +
            "\"createdAt\":\"2026-01-02T03:04:05Z\",\"format\":\"vault.sealed-dataset\"," +
            "\"keys\":{\"galoisKeys\":\"" + RawCid("galois") + "\",\"parameterId\":\"" + new string('a', 64) + "\",\"parameters\":\"" + RawCid("parameters") +
            "\",\"publicKey\":\"" + RawCid("public key") + "\",\"secure\":true}," +
            "\"layout\":{\"ciphertexts\":4,\"kind\":\"column-major\",\"level\":3,\"logScale\":40,\"rowBlocks\":2,\"slots\":4}," +
            "\"missingValues\":{\"rule\":\"impute-mean\",\"tokens\":[\"\",\"?\",\"n/a\",\"na\",\"nan\",\"null\"]}," +
            "\"policy\":\"" + RawCid("policy") + "\",\"provider\":\"0x00000000000000000000000000000000000000aa\",\"rows\":5,\"version\":1}";
        Assert.Equal(expected, Encoding.UTF8.GetString(Sample().ToCanonicalJson()));
        Assert.Equal((1, Multicodec.Raw), (Sample().ToBlock().Cid.Version, Sample().ToBlock().Cid.Codec));
    }

    [Fact]
    public void Parse_CanonicalBytes_RoundTrips()
    {
        var manifest = Sample();
        byte[] bytes = manifest.ToCanonicalJson();
        var parsed = SealedDatasetManifest.Parse(bytes);
        Assert.Equal(bytes, parsed.ToCanonicalJson());
        Assert.Equal(manifest.Blocks.AsEnumerable(), parsed.Blocks.AsEnumerable());
        Assert.Equal(manifest.Columns.AsEnumerable(), parsed.Columns.AsEnumerable());
        Assert.Equal(manifest.Layout, parsed.Layout);
        Assert.Equal(manifest.Keys, parsed.Keys);
        Assert.Equal(manifest.CreatedAt, parsed.CreatedAt);
    }

    [Fact]
    public void IntegrityHash_IsTheDigestOfTheManifestCid()
    {
        var block = Sample().ToBlock();
        Assert.Equal(block.Cid.Multihash.Digest.ToArray(), SealedDatasetManifest.IntegrityHash(block.Data.Span));
    }

    [Theory]
    [InlineData("{", "}", "whitespace")]
    [InlineData("\"version\":1", "\"version\":1.0", "number form")]
    [InlineData("\"version\":1}", "\"version\":1,\"extra\":true}", "unknown key")]
    [InlineData("\"rows\":5", "\"rows\":9", "row count")]
    [InlineData("\"version\":1", "\"version\":2", "version")]
    [InlineData("\"kind\":\"column-major\"", "\"kind\":\"row-major\"", "layout kind")]
    [InlineData("\"ciphertexts\":4", "\"ciphertexts\":5", "ciphertext count")]
    [InlineData("2026-01-02T03:04:05Z", "2026-01-02T03:04:05.5Z", "time form")]
    [InlineData("\"tokens\":[\"\",", "\"tokens\":[", "missing tokens")]
    public void Parse_AlteredBytes_Throws(string find, string replace, string what)
    {
        string text = Encoding.UTF8.GetString(Sample().ToCanonicalJson());
        string altered = what == "whitespace" ? "{ " + text[1..] : text.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(text, altered);
        Assert.Throws<ManifestFormatException>(() => SealedDatasetManifest.Parse(Encoding.UTF8.GetBytes(altered)));
    }

    [Fact]
    public void Parse_KeysOutOfOrder_Throws()
    {
        string text = Encoding.UTF8.GetString(Sample().ToCanonicalJson());
        int at = text.IndexOf(",\"version\":1}", StringComparison.Ordinal);
        string reordered = "{\"version\":1," + text[1..at] + "}";
        Assert.Throws<ManifestFormatException>(() => SealedDatasetManifest.Parse(Encoding.UTF8.GetBytes(reordered)));
    }

    [Fact]
    public void ToCanonicalJson_BlockCountDisagreesWithLayout_Throws() =>
        Assert.Throws<ManifestFormatException>(() => (Sample() with { Blocks = [RawCid("only one")] }).ToCanonicalJson());

    [Fact]
    public void ToCanonicalJson_CidV0Block_Throws() =>
        Assert.Throws<ManifestFormatException>(() => (Sample() with
        {
            Blocks = [.. Sample().Blocks.SetItem(0, Cid.Compute(Multicodec.DagPb, [1, 2], version: 0))],
        }).ToCanonicalJson());

    [Fact]
    public void PackingLayout_ColumnMajor_IndexesRowBlocksThenColumns()
    {
        var layout = new PackingLayout(Rows: 10, Columns: 3, Slots: 4, Level: 2, LogScale: 40);
        Assert.Equal(3, layout.RowBlocks);
        Assert.Equal(9, layout.Ciphertexts);
        Assert.Equal(7, layout.CiphertextIndex(2, 1));
        Assert.Equal((8L, 2), layout.RowRange(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.CiphertextIndex(3, 0));
    }

    [Fact]
    public void DatasetSchema_Parse_ReadsTheFileFormatAndRejectsTypos()
    {
        var schema = DatasetSchema.Parse("{\"header\":false,\"columns\":[{\"name\":\"age\",\"type\":\"real\",\"min\":0,\"max\":120},{\"name\":\"mi\",\"type\":\"binary\"}]}"u8);
        Assert.False(schema.HasHeader);
        Assert.Equal(new ColumnSpec { Name = "age", Type = ColumnType.Real, Min = 0, Max = 120 }, schema.Columns[0]);
        Assert.Equal(schema.Columns.AsEnumerable(), DatasetSchema.Parse(Encoding.UTF8.GetBytes(schema.ToJson())).Columns.AsEnumerable());
        Assert.Throws<DatasetInputException>(() => DatasetSchema.Parse("{\"columns\":[{\"name\":\"a\",\"typ\":\"real\"}]}"u8));
        Assert.Throws<DatasetInputException>(() => DatasetSchema.Parse("{\"columns\":[{\"name\":\"a\"},{\"name\":\"a\"}]}"u8));
        Assert.Throws<DatasetInputException>(() => DatasetSchema.Parse("{\"columns\":[{\"name\":\"a\",\"min\":1}]}"u8));
        Assert.Throws<DatasetInputException>(() => DatasetSchema.Parse("{\"columns\":[]}"u8));
        Assert.Throws<DatasetInputException>(() => DatasetSchema.Parse("not json"u8));
    }
}
