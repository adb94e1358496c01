namespace Vault.Ipfs.UnixFs;

/// <summary>Reads a UnixFS file back from a content store, block by block: every block is verified against its CID
/// by the store before any of its bytes are written out.</summary>
public static class UnixFsFile
{
    /// <summary>Writes the file under <paramref name="root"/> to <paramref name="destination"/>; returns its length.</summary>
    /// <exception cref="ContentNotFoundException">A block of the file is missing.</exception>
    /// <exception cref="ContentIntegrityException">A block does not match its CID.</exception>
    /// <exception cref="BlockFormatException">The DAG is not a well-formed UnixFS file.</exception>
    public static Task<ulong> CopyToAsync(IContentStore store, Cid root, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(destination);
        return UnixFsWalker.WalkAsync(store.GetAsync, root, async (segment, ct) =>
        {
            var bytes = segment.Inline;
            if (segment.RawLeaf is Cid leaf) bytes = (await store.GetAsync(leaf, ct).ConfigureAwait(false)).Data;
            await destination.WriteAsync(bytes, ct).ConfigureAwait(false);
            return (ulong)bytes.Length;
        }, cancellationToken);
    }

    /// <summary>The length the file under <paramref name="root"/> declares: its root node's <c>filesize</c> (or the sum of
    /// its data and <c>blocksizes</c>), read from the verified root block alone; null for a file that is one raw block
    /// (its length is that of the block). A reader can size its buffer with it; <see cref="CopyToAsync"/> checks the
    /// content against it.</summary>
    /// <exception cref="ContentNotFoundException">The root block is missing.</exception>
    /// <exception cref="ContentIntegrityException">The root block does not match its CID.</exception>
    /// <exception cref="BlockFormatException">The root is not a UnixFS file node.</exception>
    public static async Task<ulong?> DeclaredLengthAsync(IContentStore store, Cid root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(root);
        if (root.Codec == Multicodec.Raw) return null;
        if (root.Codec != Multicodec.DagPb) throw new BlockFormatException($"UnixFS: {root} is {Multicodec.Name(root.Codec)}, not a dag-pb or raw file node.");
        var (_, unixfs) = UnixFsWalker.DecodeFileNode(root, await store.GetAsync(root, cancellationToken).ConfigureAwait(false));
        if (unixfs.FileSize is ulong size) return size;
        ulong total = (ulong)unixfs.Data.Length;
        foreach (ulong blockSize in unixfs.BlockSizes)
        {
            if (blockSize > ulong.MaxValue - total) throw new BlockFormatException($"UnixFS: the blocksizes of {root} overflow 64 bits.");
            total += blockSize;
        }
        return total;
    }
}
