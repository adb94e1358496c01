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
}
