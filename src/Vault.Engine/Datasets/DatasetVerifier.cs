using Vault.Ckks;
using Vault.Ckks.Serialization;
using Vault.Ipfs;
using Vault.Ipfs.UnixFs;
using Vault.Rlwe;

namespace Vault.Engine.Datasets;

/// <summary>Verifies a sealed dataset in any content store: fetches the manifest and every object it references (each
/// block re-hashed against its CID by the store), parses the manifest strictly, rebuilds the parameters, parses the
/// public key and every ciphertext under them (checksum, coefficient ranges, parameter Id, level, scale, size), checks
/// the evaluation keys' headers, and checks every count against the packing layout. Holds one object at a time.</summary>
public static class DatasetVerifier
{
    /// <summary>Verifies the dataset <paramref name="manifestCid"/>.</summary>
    /// <param name="store">Where the dataset is.</param>
    /// <param name="manifestCid">The dataset's identity.</param>
    /// <param name="allowInsecure">Accept datasets sealed under insecure test parameters (tests only).</param>
    /// <param name="progress">Receives the number of ciphertexts checked so far.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <exception cref="DatasetIntegrityException">The first problem found; <see cref="DatasetIntegrityException.Cid"/>
    /// names the object at fault.</exception>
    public static async Task<DatasetVerification> VerifyAsync(IContentStore store, Cid manifestCid, bool allowInsecure = false,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var (manifestBlock, manifest, parameters, total) = await OpenAsync(store, manifestCid, allowInsecure, cancellationToken).ConfigureAwait(false);
        var keys = manifest.Keys;
        var layout = manifest.Layout;

        ulong polyBytes = (ulong)(parameters.MaxLevel + 1) * (ulong)parameters.N * sizeof(ulong);
        var publicKeyBytes = await ReadWholeAsync(store, keys.PublicKey, "the public key", (long)polyBytes + 4096, cancellationToken).ConfigureAwait(false);
        total += publicKeyBytes.Length;
        Guard(keys.PublicKey, "the public key", () => CkksSerializer.ReadPublicKey(publicKeyBytes, parameters));
        if (keys.RelinearizationKey is not null)
            total += await CheckHeaderAsync(store, keys.RelinearizationKey, "the relinearization key", CkksObjectHeader.RelinearizationKeyKind, parameters, cancellationToken).ConfigureAwait(false);
        if (keys.GaloisKeys is not null)
            total += await CheckHeaderAsync(store, keys.GaloisKeys, "the Galois keys", CkksObjectHeader.GaloisKeysKind, parameters, cancellationToken).ConfigureAwait(false);

        double scale = Math.ScaleB(1.0, layout.LogScale);
        long ciphertextLimit = CkksObjectHeader.Length + 1 + 3 * (long)polyBytes + CkksObjectHeader.ChecksumLength;
        long ciphertextBytes = 0;
        for (int i = 0; i < manifest.Blocks.Length; i++)
        {
            var cid = manifest.Blocks[i];
            string what = $"ciphertext {i} (column {manifest.Columns[i % layout.Columns].Name}, row block {i / layout.Columns})";
            var bytes = await ReadWholeAsync(store, cid, what, ciphertextLimit, cancellationToken, parameters).ConfigureAwait(false);
            var ciphertext = Guard(cid, what, () => CkksSerializer.ReadCiphertext(bytes, parameters));
            if (ciphertext.Size != 2 || ciphertext.Level != layout.Level || BitConverter.DoubleToInt64Bits(ciphertext.Scale) != BitConverter.DoubleToInt64Bits(scale))
                throw new DatasetIntegrityException(DatasetIntegrityProblem.LayoutMismatch, cid,
                    $"Verify: {what}, {cid}, has {ciphertext.Size} parts at level {ciphertext.Level} and scale 2^{Math.Log2(ciphertext.Scale):F2}; the layout says 2 parts at level {layout.Level} and scale 2^{layout.LogScale}.");
            ciphertextBytes += bytes.Length;
            progress?.Report(i + 1);
        }
        var trainingBlocks = manifest.Training?.Blocks ?? [];
        for (int i = 0; i < trainingBlocks.Length; i++)
        {
            var cid = trainingBlocks[i];
            string what = $"training ciphertext {i}";
            var bytes = await ReadWholeAsync(store, cid, what, ciphertextLimit, cancellationToken, parameters).ConfigureAwait(false);
            var ciphertext = Guard(cid, what, () => CkksSerializer.ReadCiphertext(bytes, parameters));
            if (ciphertext.Size != 2 || ciphertext.Level != layout.Level || BitConverter.DoubleToInt64Bits(ciphertext.Scale) != BitConverter.DoubleToInt64Bits(scale))
                throw new DatasetIntegrityException(DatasetIntegrityProblem.LayoutMismatch, cid,
                    $"Verify: {what}, {cid}, has {ciphertext.Size} parts at level {ciphertext.Level} and scale 2^{Math.Log2(ciphertext.Scale):F2}; the layout says 2 parts at level {layout.Level} and scale 2^{layout.LogScale}.");
            ciphertextBytes += bytes.Length;
            progress?.Report(manifest.Blocks.Length + i + 1);
        }
        total += ciphertextBytes;
        return new DatasetVerification(manifestCid, manifest, Convert.ToHexStringLower(SealedDatasetManifest.IntegrityHash(manifestBlock.Data.Span)),
            parameters, manifest.Blocks.Length + trainingBlocks.Length, ciphertextBytes, total);
    }

    /// <summary>The first part of <see cref="VerifyAsync"/>: the manifest (parsed strictly), the policy block, the
    /// parameters (Id, security) and the layout checked against them — what a job needs before it reads the objects it
    /// uses, each of which it then reads with <see cref="ReadObjectAsync"/> (re-hashed against its CID by the store).</summary>
    /// <exception cref="DatasetIntegrityException">The first problem found.</exception>
    internal static async Task<(Block ManifestBlock, SealedDatasetManifest Manifest, CkksParameters Parameters, long Bytes)> OpenAsync(IContentStore store, Cid manifestCid,
        bool allowInsecure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(manifestCid);
        if (manifestCid.Version != 1 || manifestCid.Codec != Multicodec.Raw || manifestCid.Multihash.Code != MultihashCode.Sha2256)
            throw new DatasetIntegrityException(DatasetIntegrityProblem.ManifestMalformed, manifestCid,
                $"Verify: {manifestCid} cannot be a sealed-dataset manifest: manifests are raw blocks with CIDv1 sha2-256 CIDs (bafkrei…).");

        var manifestBlock = await GuardAsync(manifestCid, "the manifest", ct => store.GetAsync(manifestCid, ct), cancellationToken).ConfigureAwait(false);
        SealedDatasetManifest manifest;
        try
        {
            manifest = SealedDatasetManifest.Parse(manifestBlock.Data.Span);
        }
        catch (ManifestFormatException e)
        {
            throw new DatasetIntegrityException(DatasetIntegrityProblem.ManifestMalformed, manifestCid, $"Verify: the manifest {manifestCid} is invalid: {e.Message}", e);
        }
        long total = manifestBlock.Data.Length;

        var policy = await GuardAsync(manifest.Policy, "the policy", ct => store.GetAsync(manifest.Policy, ct), cancellationToken).ConfigureAwait(false);
        total += policy.Data.Length;

        var keys = manifest.Keys;
        var parametersBytes = await ReadWholeAsync(store, keys.Parameters, "the parameters", 64 * 1024, cancellationToken).ConfigureAwait(false);
        total += parametersBytes.Length;
        var parameters = Guard(keys.Parameters, "the parameters", () => CkksSerializer.ReadParameters(parametersBytes, allowInsecure: true));
        if (parameters.Id.ToString() != keys.ParameterId)
            throw new DatasetIntegrityException(DatasetIntegrityProblem.WrongParameters, keys.Parameters,
                $"Verify: the parameters object {keys.Parameters} has Id {parameters.Id}, but the manifest names {keys.ParameterId}.");
        if (parameters.IsSecure != keys.IsSecure)
            throw new DatasetIntegrityException(DatasetIntegrityProblem.WrongParameters, keys.Parameters,
                $"Verify: the parameters object {keys.Parameters} is {(parameters.IsSecure ? "" : "not ")}128-bit secure, but the manifest says otherwise.");
        if (!parameters.IsSecure && !allowInsecure)
            throw new DatasetIntegrityException(DatasetIntegrityProblem.InsecureParameters, keys.Parameters,
                $"Verify: {manifestCid} is sealed under INSECURE test parameters ({keys.Parameters}); such a dataset protects nothing (allow it only in tests).");

        var layout = manifest.Layout;
        if (layout.Slots != parameters.Slots || layout.Level > parameters.MaxLevel)
            throw new DatasetIntegrityException(DatasetIntegrityProblem.LayoutMismatch, manifestCid,
                $"Verify: the layout packs {layout.Slots} rows per ciphertext at level {layout.Level}, but the parameters give {parameters.Slots} slots and levels 0..{parameters.MaxLevel}.");
        return (manifestBlock, manifest, parameters, total);
    }

    /// <summary>Reads the UnixFS file <paramref name="cid"/> whole, every block re-hashed against its CID, failures
    /// reported as <see cref="DatasetIntegrityException"/> naming <paramref name="what"/>.</summary>
    internal static Task<byte[]> ReadObjectAsync(IContentStore store, Cid cid, string what, CkksParameters parameters, CancellationToken cancellationToken) =>
        ReadWholeAsync(store, cid, what, long.MaxValue, cancellationToken, parameters);

    /// <summary>Parses a ciphertext read with <see cref="ReadObjectAsync"/> and checks it is a fresh 2-part one at
    /// <paramref name="level"/> and 2^<paramref name="logScale"/>.</summary>
    internal static Ciphertext ParseCiphertext(Cid cid, string what, byte[] bytes, CkksParameters parameters, int level, int logScale)
    {
        var ciphertext = Guard(cid, what, () => CkksSerializer.ReadCiphertext(bytes, parameters));
        if (ciphertext.Size != 2 || ciphertext.Level != level || BitConverter.DoubleToInt64Bits(ciphertext.Scale) != BitConverter.DoubleToInt64Bits(Math.ScaleB(1.0, logScale)))
            throw new DatasetIntegrityException(DatasetIntegrityProblem.LayoutMismatch, cid,
                $"Verify: {what}, {cid}, has {ciphertext.Size} parts at level {ciphertext.Level} and scale 2^{Math.Log2(ciphertext.Scale):F2}; the layout says 2 parts at level {level} and scale 2^{logScale}.");
        return ciphertext;
    }

    /// <summary>Parses an evaluation key read with <see cref="ReadObjectAsync"/>.</summary>
    internal static T ParseKey<T>(Cid cid, string what, Func<T> parse) => Guard(cid, what, parse);

    /// <summary>Reads the UnixFS file <paramref name="cid"/> whole (every block verified), refusing more than <paramref name="limit"/> bytes.
    /// An oversized object made under other parameters than <paramref name="parameters"/> is reported as such. The buffer
    /// is sized once from the length the root declares (evaluation keys are hundreds of megabytes: growing a buffer by
    /// doubling and copying it out again cost more than parsing them); the walk checks the content against it.</summary>
    private static Task<byte[]> ReadWholeAsync(IContentStore store, Cid cid, string what, long limit, CancellationToken cancellationToken, CkksParameters? parameters = null) =>
        GuardAsync(cid, what, async ct =>
        {
            ulong declared = await UnixFsFile.DeclaredLengthAsync(store, cid, ct).ConfigureAwait(false) ?? 0;
            int capacity = (int)Math.Min(declared, (ulong)Math.Min(limit, Array.MaxLength));
            using var sink = new BoundedCaptureStream((int)Math.Min(limit, int.MaxValue), limit, capacity);
            try
            {
                await UnixFsFile.CopyToAsync(store, cid, sink, ct).ConfigureAwait(false);
            }
            catch (InvalidDataException) when (parameters is not null && CkksObjectHeader.TryRead(sink.Buffer) is { } h && h.ParameterId != parameters.Id)
            {
                throw new DatasetIntegrityException(DatasetIntegrityProblem.WrongParameters, cid,
                    $"Verify: {what}, {cid}, was made under parameters {h.ParameterId}, not {parameters.Id} as the manifest names.");
            }
            return sink.ToArray();
        }, cancellationToken);

    /// <summary>Streams the UnixFS file <paramref name="cid"/> (every block verified) keeping only its header, and checks
    /// its kind, parameter Id and announced length. Returns its length.</summary>
    private static Task<long> CheckHeaderAsync(IContentStore store, Cid cid, string what, int kind, CkksParameters parameters, CancellationToken cancellationToken) =>
        GuardAsync(cid, what, async ct =>
        {
            using var sink = new BoundedCaptureStream(CkksObjectHeader.Length);
            await UnixFsFile.CopyToAsync(store, cid, sink, ct).ConfigureAwait(false);
            var header = CkksObjectHeader.TryRead(sink.Buffer);
            if (header is not { } h || h.Kind != kind)
                throw new DatasetIntegrityException(DatasetIntegrityProblem.MalformedObject, cid,
                    $"Verify: {what}, {cid}, is {(header is { } x ? CkksObjectHeader.KindName(x.Kind) : "not a CKKS object")}, not {CkksObjectHeader.KindName(kind)}.");
            if (h.ParameterId != parameters.Id)
                throw new DatasetIntegrityException(DatasetIntegrityProblem.WrongParameters, cid, $"Verify: {what}, {cid}, was made under parameters {h.ParameterId}, not {parameters.Id}.");
            if (h.TotalLength != (ulong)sink.Written)
                throw new DatasetIntegrityException(DatasetIntegrityProblem.MalformedObject, cid, $"Verify: {what}, {cid}, has {sink.Written} bytes; its header announces {h.TotalLength}.");
            return sink.Written;
        }, cancellationToken);

    private static T Guard<T>(Cid cid, string what, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ParameterMismatchException e)
        {
            throw new DatasetIntegrityException(DatasetIntegrityProblem.WrongParameters, cid, $"Verify: {what}, {cid}, was made under other parameters than the manifest names: {e.Message}", e);
        }
        catch (CkksFormatException e)
        {
            throw new DatasetIntegrityException(DatasetIntegrityProblem.MalformedObject, cid, $"Verify: {what}, {cid}, is not a valid CKKS object: {e.Message}", e);
        }
        catch (ParameterException e)
        {
            throw new DatasetIntegrityException(DatasetIntegrityProblem.MalformedObject, cid, $"Verify: {what}, {cid}, holds invalid parameters: {e.Message}", e);
        }
    }

    private static async Task<T> GuardAsync<T>(Cid cid, string what, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
    {
        try
        {
            return await fetch(cancellationToken).ConfigureAwait(false);
        }
        catch (ContentNotFoundException e)
        {
            throw new DatasetIntegrityException(DatasetIntegrityProblem.Missing, cid, $"Verify: {what}, {cid}, is missing from the store: {e.Message}", e);
        }
        catch (ContentIntegrityException e)
        {
            throw new DatasetIntegrityException(DatasetIntegrityProblem.Corrupt, cid, $"Verify: {what}, {cid}, is corrupt in the store: {e.Message}", e);
        }
        catch (BlockFormatException e)
        {
            throw new DatasetIntegrityException(DatasetIntegrityProblem.MalformedObject, cid, $"Verify: {what}, {cid}, is not a well-formed UnixFS file: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetIntegrityException(DatasetIntegrityProblem.MalformedObject, cid, $"Verify: {what}, {cid}: {e.Message}", e);
        }
    }
}
