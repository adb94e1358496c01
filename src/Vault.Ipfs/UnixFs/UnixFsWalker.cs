namespace Vault.Ipfs.UnixFs;

/// <summary>Walks a UnixFS file DAG depth-first in file order, fetching dag-pb nodes through a caller-supplied
/// (verifying) function, and reports each segment. Checks the structure as it goes: every child's byte count must
/// equal its <c>blocksizes</c> entry and the root's <c>filesize</c>.</summary>
internal static class UnixFsWalker
{
    public static async Task<ulong> WalkAsync(Func<Cid, CancellationToken, Task<Block>> fetch, Cid root,
        Func<UnixFsSegment, CancellationToken, ValueTask<ulong>> visit, CancellationToken cancellationToken)
    {
        if (root.Codec == Multicodec.Raw) return await visit(new UnixFsSegment(default, root, null), cancellationToken).ConfigureAwait(false);
        return await VisitNodeAsync(fetch, root, visit, 0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The dag-pb node <paramref name="cid"/> of a UnixFS file and its UnixFS message, checked to be a file node
    /// with one blocksize per link.</summary>
    /// <exception cref="BlockFormatException">It is not.</exception>
    public static (DagPbNode Node, UnixFsData UnixFs) DecodeFileNode(Cid cid, Block block)
    {
        var node = DagPbNode.Decode(block.Data.Span);
        if (node.Data is not ReadOnlyMemory<byte> data) throw new BlockFormatException($"UnixFS: node {cid} has no Data field.");
        var unixfs = UnixFsData.Decode(data.Span);
        if (unixfs.Type is not (UnixFsType.File or UnixFsType.Raw))
            throw new BlockFormatException($"UnixFS: node {cid} is a {unixfs.Type}, not a file.");
        if (unixfs.BlockSizes.Count != node.Links.Count)
            throw new BlockFormatException($"UnixFS: node {cid} has {node.Links.Count} links but {unixfs.BlockSizes.Count} blocksizes.");
        return (node, unixfs);
    }

    private static async Task<ulong> VisitNodeAsync(Func<Cid, CancellationToken, Task<Block>> fetch, Cid cid,
        Func<UnixFsSegment, CancellationToken, ValueTask<ulong>> visit, int depth, CancellationToken cancellationToken)
    {
        if (cid.Codec != Multicodec.DagPb) throw new BlockFormatException($"UnixFS: {cid} is {Multicodec.Name(cid.Codec)}, not a dag-pb or raw file node.");
        if (depth > 64) throw new BlockFormatException($"UnixFS: the DAG under {cid} is deeper than 64 levels.");
        var block = await fetch(cid, cancellationToken).ConfigureAwait(false);
        var (node, unixfs) = DecodeFileNode(cid, block);
        ulong total = 0;
        if (!unixfs.Data.IsEmpty) total += await visit(new UnixFsSegment(unixfs.Data, null, null), cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < node.Links.Count; i++)
        {
            var child = node.Links[i].Hash;
            ulong expected = unixfs.BlockSizes[i];
            ulong got = child.Codec == Multicodec.Raw
                ? await visit(new UnixFsSegment(default, child, expected), cancellationToken).ConfigureAwait(false)
                : await VisitNodeAsync(fetch, child, visit, depth + 1, cancellationToken).ConfigureAwait(false);
            if (got != expected) throw new BlockFormatException($"UnixFS: child {i} of {cid} holds {got} bytes but blocksizes says {expected}.");
            total += got;
        }
        if (unixfs.FileSize is ulong size && size != total)
            throw new BlockFormatException($"UnixFS: node {cid} holds {total} bytes but its filesize says {size}.");
        return total;
    }
}
