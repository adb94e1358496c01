using Vault.Ipfs;

namespace Vault.Gate.Tests;

/// <summary>A content store that stands for a process killed in the gate's crash window: it throws when the gate stores
/// the release record of an allowed job — after the output was decrypted and its payload stored, before the ledger
/// entry is completed. Everything else goes to <paramref name="inner"/>.</summary>
internal sealed class CrashingStore(IContentStore inner) : IContentStore
{
    public Task PutAsync(Block block, CancellationToken cancellationToken = default) =>
        // Release records are canonical JSON with sorted keys, so an allowed one starts with its "allowed" key.
        block.Data.Span.StartsWith("{\"allowed\":true,"u8) ? throw new IOException("simulated crash after decryption") : inner.PutAsync(block, cancellationToken);

    public Task<Block> GetAsync(Cid cid, CancellationToken cancellationToken = default) => inner.GetAsync(cid, cancellationToken);

    public Task<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => inner.HasAsync(cid, cancellationToken);

    public Task PinAsync(Cid root, CancellationToken cancellationToken = default) => inner.PinAsync(root, cancellationToken);
}
