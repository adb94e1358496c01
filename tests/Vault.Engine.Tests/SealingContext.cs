using System.Globalization;
using System.Text;
using Vault.Ckks;
using Vault.Engine.Datasets;
using Vault.Gate;
using Vault.Ipfs;
using Vault.Ipfs.UnixFs;
using Vault.Ring;
using Vault.Rlwe;
using Vault.Testing;

namespace Vault.Engine.Tests;

/// <summary>A provider for tests: a key directory generated from a seeded stream (insecure presets allowed), a
/// temporary <see cref="FileSystemContentStore"/> with the public keys published into it, and helpers to seal,
/// decrypt and inspect. Deletes its directories on dispose.</summary>
public sealed class SealingContext : IDisposable
{
    public static readonly DateTimeOffset FixedTime = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    public static readonly byte[] PolicyBytes = Encoding.UTF8.GetBytes("{\"policy\":\"test\"}\n");

    private readonly DirectoryInfo _root;

    public SealingContext(string preset, int salt = 0) : this(CkksParameterPresets.All[preset], salt)
    {
    }

    public SealingContext(CkksParameterSpec spec, int salt = 0)
    {
        _root = Directory.CreateTempSubdirectory("vault-engine-test-");
        Parameters = spec.Security == SecurityLevel.InsecureTestOnly ? CkksParameters.CreateInsecure(spec) : CkksParameters.Create(spec);
        using (var randomness = new Prng(TestSeed.PrngSeed(salt)))
            KeyDirectory = ProviderKeyDirectory.GenerateFrom(Path.Combine(_root.FullName, "keys"), Parameters, overwrite: false, progress: null, randomness);
        KeyDirectory = ProviderKeyDirectory.Open(KeyDirectory.Directory, allowInsecure: true);
        PublicKey = KeyDirectory.ReadPublicKey();
        StoreDirectory = Path.Combine(_root.FullName, "store");
        Store = new FileSystemContentStore(StoreDirectory);
        Keys = KeyDirectory.PublishAsync(Store).GetAwaiter().GetResult();
    }

    public CkksParameters Parameters { get; }
    public ProviderKeyDirectory KeyDirectory { get; }
    public PublicKey PublicKey { get; }
    public string StoreDirectory { get; }
    public FileSystemContentStore Store { get; }
    public DatasetKeyReferences Keys { get; }
    public string TempDirectory => _root.FullName;

    public static string EdinPath => Path.Combine(Peers.RepositoryRoot, "datasets", "edin", "edin.txt");
    public static string EdinSchemaPath => Path.Combine(Peers.RepositoryRoot, "datasets", "edin", "schema.json");
    public static DatasetSchema EdinSchema => DatasetSchema.Parse(File.ReadAllBytes(EdinSchemaPath));

    /// <summary>edin.txt parsed independently of the sealer: 1253 rows of 10 values.</summary>
    public static double[][] EdinRows() =>
        [.. File.ReadAllText(EdinPath).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())];

    /// <summary>A request for a file on disk with this context's keys (seeded encryption when <paramref name="seed"/> is set).</summary>
    public SealRequest Request(string path, DatasetSchema? schema, int? seed = null) => new()
    {
        OpenInput = () => File.OpenRead(path),
        InputName = Path.GetFileName(path),
        Schema = schema,
        Parameters = Parameters,
        PublicKey = PublicKey,
        Keys = Keys,
        Policy = PolicyBytes,
        Provider = "test-provider",
        CreatedAt = FixedTime,
        Randomness = seed is int s ? new Prng(TestSeed.PrngSeed(s)) : null,
    };

    /// <summary>A request for text held in memory.</summary>
    public SealRequest RequestForText(string text, DatasetSchema? schema, string name = "input.csv") => Request("unused", schema) with
    {
        OpenInput = () => new MemoryStream(Encoding.UTF8.GetBytes(text)),
        InputName = name,
    };

    /// <summary>Writes <paramref name="text"/> to a file in the temporary directory.</summary>
    public string WriteFile(string name, string text)
    {
        string path = Path.Combine(_root.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Decrypts every ciphertext of a dataset: result[column][row] (normalised values), and the largest
    /// magnitude found in padding slots.</summary>
    public async Task<(double[][] Columns, double MaxPadding)> DecryptAsync(IContentStore store, SealedDatasetManifest manifest)
    {
        var layout = manifest.Layout;
        var columns = new double[layout.Columns][];
        for (int c = 0; c < layout.Columns; c++) columns[c] = new double[layout.Rows];
        double maxPadding = 0;
        using var secretKey = KeyDirectory.ReadSecretKey();
        var decryptor = new Decryptor(Parameters.Rlwe, secretKey);
        var encoder = new CkksEncoder(Parameters);
        for (long b = 0; b < layout.RowBlocks; b++)
        {
            var (first, count) = layout.RowRange(b);
            for (int c = 0; c < layout.Columns; c++)
            {
                var bytes = new MemoryStream();
                await UnixFsFile.CopyToAsync(store, manifest.Blocks[(int)layout.CiphertextIndex(b, c)], bytes);
                var ciphertext = Vault.Ckks.Serialization.CkksSerializer.ReadCiphertext(bytes.ToArray(), Parameters);
                var values = encoder.DecodeReal(decryptor.Decrypt(ciphertext));
                Array.Copy(values, 0, columns[c], first, count);
                for (int j = count; j < values.Length; j++) maxPadding = Math.Max(maxPadding, Math.Abs(values[j]));
            }
        }
        return (columns, maxPadding);
    }

    /// <summary>Every block in a filesystem store that parses as a manifest.</summary>
    public static List<SealedDatasetManifest> ManifestsIn(string storeDirectory)
    {
        var found = new List<SealedDatasetManifest>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(storeDirectory, "blocks"), "*.data", SearchOption.AllDirectories))
        {
            try
            {
                found.Add(SealedDatasetManifest.Parse(File.ReadAllBytes(file)));
            }
            catch (ManifestFormatException)
            {
                // Not a manifest.
            }
        }
        return found;
    }

    public void Dispose() => _root.Delete(recursive: true);
}
