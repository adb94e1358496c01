using Vault.Ckks;
using Vault.Ckks.Serialization;
using Vault.Engine.Datasets;
using Vault.Ipfs;
using Vault.Ipfs.UnixFs;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Gate;

/// <summary>A data provider's CKKS key material in one directory, each object a file in the CKKS binary format:
/// <c>parameters.ckks</c>, <c>secret.key</c> (mode 0600), <c>public.key</c>, <c>relinearization.key</c> and
/// <c>galois.key</c> (power-of-two rotations and conjugation). The public key and the evaluation keys are what gets
/// published (<see cref="PublishAsync"/>); the secret key never leaves the directory.</summary>
public sealed class ProviderKeyDirectory
{
    /// <summary>The parameters file.</summary>
    public const string ParametersFileName = "parameters.ckks";

    /// <summary>The secret key file (owner-only permissions).</summary>
    public const string SecretKeyFileName = "secret.key";

    /// <summary>The public key file.</summary>
    public const string PublicKeyFileName = "public.key";

    /// <summary>The relinearization key file.</summary>
    public const string RelinearizationKeyFileName = "relinearization.key";

    /// <summary>The Galois keys file.</summary>
    public const string GaloisKeysFileName = "galois.key";

    private ProviderKeyDirectory(string directory, CkksParameters parameters, string publicKeyPath)
    {
        Directory = directory;
        Parameters = parameters;
        PublicKeyPath = publicKeyPath;
    }

    /// <summary>The directory.</summary>
    public string Directory { get; }

    /// <summary>The parameters read from <see cref="ParametersFileName"/>.</summary>
    public CkksParameters Parameters { get; }

    /// <summary>The public key file in use (normally <see cref="PublicKeyFileName"/> in <see cref="Directory"/>).</summary>
    public string PublicKeyPath { get; }

    /// <summary>The relinearization key file, when the directory has one.</summary>
    public string? RelinearizationKeyPath => ExistingFile(RelinearizationKeyFileName);

    /// <summary>The Galois keys file, when the directory has one.</summary>
    public string? GaloisKeysPath => ExistingFile(GaloisKeysFileName);

    /// <summary>The Galois elements <see cref="Generate"/> makes keys for: rotations by 1, 2, 4, …, N/4 and conjugation.</summary>
    public static IReadOnlyList<ulong> StandardGaloisElements(int logN) =>
        [.. GaloisElements.ForPowerOfTwoRotations(logN), GaloisElements.ForConjugation(logN)];

    /// <summary>Generates a key set for <paramref name="parameters"/> into <paramref name="directory"/> (created with
    /// mode 0700 when missing). Each file is written atomically; the secret key is written last, so a directory holding
    /// <see cref="SecretKeyFileName"/> holds the whole set.</summary>
    /// <exception cref="IOException">The directory already holds a secret key and <paramref name="overwrite"/> is false.</exception>
    public static ProviderKeyDirectory Generate(string directory, CkksParameters parameters, bool overwrite = false, IProgress<string>? progress = null) =>
        GenerateFrom(directory, parameters, overwrite, progress, null);

    /// <summary>Test hook: generation from <paramref name="randomness"/> (reproducible keys) when it is not null.</summary>
    internal static ProviderKeyDirectory GenerateFrom(string directory, CkksParameters parameters, bool overwrite, IProgress<string>? progress, Prng? randomness)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(parameters);
        string full = Path.GetFullPath(directory);
        string secretPath = Path.Combine(full, SecretKeyFileName);
        if (!overwrite && File.Exists(secretPath))
            throw new IOException($"Keys: {full} already holds a secret key; choose another directory (or overwrite on purpose: the old key can then no longer decrypt its datasets).");
        if (OperatingSystem.IsWindows()) System.IO.Directory.CreateDirectory(full);
        else System.IO.Directory.CreateDirectory(full, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        using var generator = randomness is null ? new KeyGenerator(parameters.Rlwe) : new KeyGenerator(parameters.Rlwe, randomness);
        progress?.Report("secret and public key");
        using var secretKey = generator.GenerateSecretKey();
        var publicKey = generator.GeneratePublicKey(secretKey);
        AtomicFile.Write(Path.Combine(full, ParametersFileName), s => CkksSerializer.Write(parameters, s));
        AtomicFile.Write(Path.Combine(full, PublicKeyFileName), s => CkksSerializer.Write(publicKey, parameters, s));
        progress?.Report("relinearization key");
        var relinearizationKey = generator.GenerateRelinearizationKey(secretKey);
        AtomicFile.Write(Path.Combine(full, RelinearizationKeyFileName), s => CkksSerializer.Write(relinearizationKey, parameters, s));
        progress?.Report("Galois keys");
        var galoisKeys = generator.GenerateGaloisKeys(secretKey, StandardGaloisElements(parameters.LogN));
        AtomicFile.Write(Path.Combine(full, GaloisKeysFileName), s => CkksSerializer.Write(galoisKeys, parameters, s));
        AtomicFile.Write(secretPath, s => CkksSerializer.Write(secretKey, parameters, s), AtomicFile.OwnerOnly);
        return new ProviderKeyDirectory(full, parameters, Path.Combine(full, PublicKeyFileName));
    }

    /// <summary>Opens a key directory (reading its parameters), or a public key file with <see cref="ParametersFileName"/>
    /// beside it. The secret key is not read.</summary>
    /// <param name="path">A key directory, or a public key file.</param>
    /// <param name="allowInsecure">Accept insecure test parameters (tests only).</param>
    /// <exception cref="FileNotFoundException">The parameters or the public key file is missing.</exception>
    /// <exception cref="CkksFormatException">The parameters file is corrupt.</exception>
    /// <exception cref="ParameterException">The parameters are insecure and <paramref name="allowInsecure"/> is false.</exception>
    public static ProviderKeyDirectory Open(string path, bool allowInsecure = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        bool isFile = File.Exists(full);
        string directory = isFile ? Path.GetDirectoryName(full)! : full;
        string publicKeyPath = isFile ? full : Path.Combine(directory, PublicKeyFileName);
        string parametersPath = Path.Combine(directory, ParametersFileName);
        if (!File.Exists(parametersPath))
            throw new FileNotFoundException($"Keys: {parametersPath} is missing; --key takes a key directory made by 'vault keys new', or a public key file with {ParametersFileName} beside it.", parametersPath);
        if (!File.Exists(publicKeyPath))
            throw new FileNotFoundException($"Keys: the public key {publicKeyPath} is missing.", publicKeyPath);
        using var stream = File.OpenRead(parametersPath);
        return new ProviderKeyDirectory(directory, CkksSerializer.ReadParameters(stream, allowInsecure), publicKeyPath);
    }

    /// <summary>Reads the public key.</summary>
    /// <exception cref="CkksFormatException">The file is corrupt or not a public key.</exception>
    /// <exception cref="ParameterMismatchException">The key was made under other parameters.</exception>
    public PublicKey ReadPublicKey()
    {
        using var stream = File.OpenRead(PublicKeyPath);
        return CkksSerializer.ReadPublicKey(stream, Parameters);
    }

    /// <summary>Reads the secret key (for the provider's own decryption; never for publication). Dispose it after use.</summary>
    /// <exception cref="FileNotFoundException">The directory holds no secret key.</exception>
    public SecretKey ReadSecretKey()
    {
        using var stream = File.OpenRead(Path.Combine(Directory, SecretKeyFileName));
        return CkksSerializer.ReadSecretKey(stream, Parameters);
    }

    /// <summary>Imports the public objects (parameters, public key, and the evaluation keys when present) into
    /// <paramref name="store"/> as UnixFS files (CIDv1, raw leaves), streaming each file, after checking each one's
    /// kind and parameter Id. Never touches the secret key.</summary>
    /// <exception cref="CkksFormatException">A file is not the object it should be, or belongs to other parameters.</exception>
    public async Task<DatasetKeyReferences> PublishAsync(IContentStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var parameters = await ImportAsync(store, Path.Combine(Directory, ParametersFileName), CkksObjectHeader.ParametersKind, cancellationToken).ConfigureAwait(false);
        var publicKey = await ImportAsync(store, PublicKeyPath, CkksObjectHeader.PublicKeyKind, cancellationToken).ConfigureAwait(false);
        var relinearization = RelinearizationKeyPath is string r ? await ImportAsync(store, r, CkksObjectHeader.RelinearizationKeyKind, cancellationToken).ConfigureAwait(false) : null;
        var galois = GaloisKeysPath is string g ? await ImportAsync(store, g, CkksObjectHeader.GaloisKeysKind, cancellationToken).ConfigureAwait(false) : null;
        return new DatasetKeyReferences(Parameters.Id.ToString(), Parameters.IsSecure, parameters, publicKey, relinearization, galois);
    }

    private async Task<Cid> ImportAsync(IContentStore store, string path, int kind, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var header = CkksObjectHeader.TryRead(stream);
            if (header is not { } h || h.Kind != kind)
                throw new CkksFormatException(CkksFormatProblem.WrongKind, $"Keys: {path} is {(header is { } x ? CkksObjectHeader.KindName(x.Kind) : "not a CKKS object")}, not {CkksObjectHeader.KindName(kind)}.");
            if (h.ParameterId != Parameters.Id)
                throw new CkksFormatException(CkksFormatProblem.InconsistentParameters, $"Keys: {path} was made under parameters {h.ParameterId}, not {Parameters.Id} of {ParametersFileName}.");
            if ((ulong)stream.Length != h.TotalLength)
                throw new CkksFormatException(CkksFormatProblem.LengthMismatch, $"Keys: {path} has {stream.Length} bytes; its header announces {h.TotalLength}.");
            stream.Position = 0;
            var result = await UnixFsImporter.ImportAsync(stream, store, UnixFsImportOptions.CidV1, cancellationToken).ConfigureAwait(false);
            return result.Root;
        }
    }

    private string? ExistingFile(string name)
    {
        string path = Path.Combine(Directory, name);
        return File.Exists(path) ? path : null;
    }
}
