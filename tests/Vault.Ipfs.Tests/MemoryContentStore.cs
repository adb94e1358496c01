using System.Collections.Concurrent;

namespace Vault.Ipfs.Tests;

/// <summary>An in-memory store for tests; can be told to corrupt what it returns.</summary>
public sealed class MemoryContentStore : IContentStore
{
    private readonly ConcurrentDictionary<Cid, byte[]> _blocks = new();

    public int Count => _blocks.Count;

    public HashSet<Cid> Pins { get; } = [];

    public Task PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        _blocks[block.Cid] = block.Data.ToArray();
        return Task.CompletedTask;
    }

    public Task<Block> GetAsync(Cid cid, CancellationToken cancellationToken = default) =>
        _blocks.TryGetValue(cid, out var data)
            ? Task.FromResult(Block.Verify(cid, data, "MemoryContentStore"))
            : throw new ContentNotFoundException($"MemoryContentStore: {cid} is missing.");

    public Task<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => Task.FromResult(_blocks.ContainsKey(cid));

    public async Task PinAsync(Cid root, CancellationToken cancellationToken = default)
    {
        await DagLinks.WalkAsync(this, root, (_, _) => ValueTask.CompletedTask, cancellationToken);
        Pins.Add(root);
    }

    /// <summary>Overwrites the stored bytes without changing the key.</summary>
    public void Corrupt(Cid cid) => _blocks[cid][0] ^= 0xFF;

    public void Remove(Cid cid) => _blocks.TryRemove(cid, out _);
}
