using Vault.Ipfs;
using Vault.Ipfs.Car;

namespace Vault.Engine.Datasets;

/// <summary>Moves a sealed dataset as one CAR v1 file. The manifest is canonical JSON in a raw block, which links
/// nothing in IPLD terms, so the archive lists the whole dataset as roots instead: the manifest first, then every
/// object the manifest references (ciphertext blocks in layout order, parameters, public key, evaluation keys,
/// policy). Each root's DAG follows, depth-first, every block once. Importing the CAR into an IPFS node
/// (<c>dag/import</c>, roots pinned) or a local store therefore brings and keeps everything <c>verify</c> needs.</summary>
public static class DatasetCar
{
    /// <summary>Writes the dataset <paramref name="manifestCid"/> from <paramref name="store"/> to <paramref name="destination"/>.
    /// Every block is verified by the store as it is read. Returns the roots and the number of blocks written.</summary>
    /// <exception cref="DatasetIntegrityException">The manifest is missing, corrupt or invalid.</exception>
    /// <exception cref="ContentNotFoundException">A referenced block is missing.</exception>
    public static async Task<(IReadOnlyList<Cid> Roots, int Blocks)> ExportAsync(IContentStore store, Cid manifestCid, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(manifestCid);
        ArgumentNullException.ThrowIfNull(destination);
        var manifest = await ReadManifestAsync(store, manifestCid, cancellationToken).ConfigureAwait(false);
        var roots = new List<Cid> { manifestCid };
        roots.AddRange(manifest.ReferencedCids());
        var writer = new CarWriter(destination);
        await writer.WriteHeaderAsync(roots, cancellationToken).ConfigureAwait(false);
        var written = new HashSet<Cid>();
        foreach (var root in roots)
        {
            await DagLinks.WalkAsync(store, root, async (block, ct) =>
            {
                if (written.Add(block.Cid)) await writer.WriteBlockAsync(block, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        return (roots, written.Count);
    }

    /// <summary>Writes the dataset to the file <paramref name="path"/> atomically (a temporary file in the same directory,
    /// then a rename): a failed export leaves no partial archive.</summary>
    /// <inheritdoc cref="ExportAsync(IContentStore, Cid, Stream, CancellationToken)"/>
    public static async Task<(IReadOnlyList<Cid> Roots, int Blocks)> ExportToFileAsync(IContentStore store, Cid manifestCid, string path, CancellationToken cancellationToken = default)
    {
        (IReadOnlyList<Cid> Roots, int Blocks) written = default;
        await AtomicFile.WriteAsync(path, async (stream, ct) => written = await ExportAsync(store, manifestCid, stream, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return written;
    }

    /// <summary>Imports a dataset CAR into <paramref name="destination"/> all or nothing (<see cref="CarArchive.ImportAsync"/>)
    /// and returns the manifest CID (the first root), after checking that it is a valid manifest.</summary>
    /// <exception cref="CarFormatException">The archive is truncated, garbled or lacks a root.</exception>
    /// <exception cref="ContentIntegrityException">A block does not match its CID.</exception>
    /// <exception cref="DatasetIntegrityException">The first root is not a sealed-dataset manifest.</exception>
    public static async Task<Cid> ImportAsync(Stream car, IContentStore destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(car);
        ArgumentNullException.ThrowIfNull(destination);
        var header = await CarArchive.ImportAsync(car, destination, cancellationToken).ConfigureAwait(false);
        var manifestCid = ManifestOf(header.Roots);
        await ReadManifestAsync(destination, manifestCid, cancellationToken).ConfigureAwait(false);
        return manifestCid;
    }

    /// <summary>The manifest CID among a dataset CAR's roots: the first.</summary>
    /// <exception cref="DatasetIntegrityException">There is no root, or the first is not a raw CIDv1.</exception>
    public static Cid ManifestOf(IReadOnlyList<Cid> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (roots.Count == 0 || roots[0] is not { Version: 1, Codec: Multicodec.Raw } first)
            throw new DatasetIntegrityException(DatasetIntegrityProblem.ManifestMalformed, roots.Count > 0 ? roots[0] : null,
                "CAR: the first root is not a sealed-dataset manifest (a raw CIDv1); this archive was not written by 'vault export-car'.");
        return first;
    }

    /// <summary>Fetches and parses the manifest.</summary>
    /// <exception cref="DatasetIntegrityException">It is missing, corrupt or invalid.</exception>
    public static async Task<SealedDatasetManifest> ReadManifestAsync(IContentStore store, Cid manifestCid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(manifestCid);
        Block block;
        try
        {
            block = await store.GetAsync(manifestCid, cancellationToken).ConfigureAwait(false);
        }
        catch (ContentNotFoundException e)
        {
            throw new DatasetIntegrityException(DatasetIntegrityProblem.Missing, manifestCid, $"Dataset: the manifest {manifestCid} is not in the store: {e.Message}", e);
        }
        catch (ContentIntegrityException e)
        {
            throw new DatasetIntegrityException(DatasetIntegrityProblem.Corrupt, manifestCid, $"Dataset: the manifest {manifestCid} is corrupt in the store: {e.Message}", e);
        }
        try
        {
            return SealedDatasetManifest.Parse(block.Data.Span);
        }
        catch (ManifestFormatException e)
        {
            throw new DatasetIntegrityException(DatasetIntegrityProblem.ManifestMalformed, manifestCid, $"Dataset: {manifestCid} is not a valid manifest: {e.Message}", e);
        }
    }
}
