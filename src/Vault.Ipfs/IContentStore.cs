namespace Vault.Ipfs;

/// <summary>Content-addressed block storage. Every implementation verifies the bytes it returns against the CID they
/// were asked for, so callers never see unverified content.</summary>
public interface IContentStore
{
    /// <summary>Stores <paramref name="block"/> (already verified by construction). Idempotent.</summary>
    Task PutAsync(Block block, CancellationToken cancellationToken = default);

    /// <summary>Returns the block for <paramref name="cid"/>, verified against it.</summary>
    /// <exception cref="ContentNotFoundException">The store does not have the block.</exception>
    /// <exception cref="ContentIntegrityException">The stored bytes do not hash to <paramref name="cid"/>.</exception>
    Task<Block> GetAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>Whether the store has the block (without fetching it from elsewhere).</summary>
    Task<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default);

    /// <summary>Pins the whole DAG under <paramref name="root"/>: every block must be present, and a pinned DAG is kept.</summary>
    /// <exception cref="ContentNotFoundException">A block of the DAG is missing.</exception>
    Task PinAsync(Cid root, CancellationToken cancellationToken = default);
}
