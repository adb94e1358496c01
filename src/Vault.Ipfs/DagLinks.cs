using Vault.Ipfs.Car;
using Vault.Ipfs.UnixFs;

namespace Vault.Ipfs;

/// <summary>The links out of a block, by codec: dag-pb links, dag-cbor tag-42 CIDs, none for raw. Walks whole DAGs
/// (for pinning and CAR export) in the order IPFS does: depth-first, first-seen, each block once.</summary>
public static class DagLinks
{
    /// <summary>The CIDs <paramref name="block"/> links to, in order.</summary>
    /// <exception cref="BlockFormatException">The block does not decode, or its codec is one Vault cannot traverse.</exception>
    public static IReadOnlyList<Cid> Of(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        switch (block.Cid.Codec)
        {
            case Multicodec.Raw:
                return [];
            case Multicodec.DagPb:
                {
                    var node = DagPbNode.Decode(block.Data.Span);
                    var links = new List<Cid>(node.Links.Count);
                    foreach (var l in node.Links) links.Add(l.Hash);
                    return links;
                }
            case Multicodec.DagCbor:
                {
                    var links = new List<Cid>();
                    DagCbor.CollectLinks(DagCbor.Decode(block.Data.Span), links);
                    return links;
                }
            default:
                throw new BlockFormatException($"DagLinks: cannot traverse {block.Cid}: codec {Multicodec.Name(block.Cid.Codec)} is not raw, dag-pb or dag-cbor.");
        }
    }

    /// <summary>Visits every block of the DAG under <paramref name="root"/> once, depth-first in link order, each fetched
    /// (and so verified) from <paramref name="store"/>. Inline (identity) CIDs are not blocks and are skipped. Memory holds
    /// the set of CIDs seen and one path of pending links.</summary>
    /// <exception cref="ContentNotFoundException">A block of the DAG is missing.</exception>
    public static async Task<int> WalkAsync(IContentStore store, Cid root, Func<Block, CancellationToken, ValueTask> visit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(visit);
        var seen = new HashSet<Cid>();
        var stack = new Stack<Cid>();
        stack.Push(root);
        int count = 0;
        while (stack.Count > 0)
        {
            var cid = stack.Pop();
            if (cid.Multihash.Code == MultihashCode.Identity || !seen.Add(cid)) continue;
            var block = await store.GetAsync(cid, cancellationToken).ConfigureAwait(false);
            await visit(block, cancellationToken).ConfigureAwait(false);
            count++;
            var links = Of(block);
            for (int i = links.Count - 1; i >= 0; i--) stack.Push(links[i]);
        }
        return count;
    }
}
