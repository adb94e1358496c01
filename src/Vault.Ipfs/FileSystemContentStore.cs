namespace Vault.Ipfs;

/// <summary>A block store in a directory, needing no server: Vault's default store. Blocks are keyed by multihash as
/// IPFS's flatfs does (<c>blocks/&lt;next-to-last two characters&gt;/&lt;BASE32 MULTIHASH&gt;.data</c>), so the CIDv0
/// and CIDv1 of the same bytes share one file. Writes go to a temporary file in the same directory, then an atomic
/// rename, so a block file is either absent or complete; a failed write leaves no file behind. Every read re-hashes
/// the file against the CID asked for. Pins are recorded under <c>pins/</c> after checking the whole DAG is present;
/// there is no garbage collection.</summary>
public sealed class FileSystemContentStore : IContentStore
{
    private readonly string _blocks;
    private readonly string _pins;

    /// <summary>Opens (creating if needed) the store in <paramref name="directory"/>.</summary>
    public FileSystemContentStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        RootDirectory = Path.GetFullPath(directory);
        _blocks = Path.Combine(RootDirectory, "blocks");
        _pins = Path.Combine(RootDirectory, "pins");
        Directory.CreateDirectory(_blocks);
        Directory.CreateDirectory(_pins);
    }

    /// <summary>The store's directory.</summary>
    public string RootDirectory { get; }

    /// <summary>Test seam: runs after the temporary file is written and before it is renamed into place.</summary>
    internal Func<string, ValueTask>? BeforeCommit { get; set; }

    /// <inheritdoc/>
    /// <remarks>A block file already present with the right length is not rewritten; reads verify it in any case.</remarks>
    public async Task PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Cid.Multihash.Code == MultihashCode.Identity) return;  // inline: the CID is the content
        string path = BlockPath(block.Cid);
        var existing = new FileInfo(path);
        if (existing.Exists && existing.Length == block.Data.Length) return;
        string directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        await WriteAtomicallyAsync(path, block.Data, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<Block> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        if (cid.Multihash.Code == MultihashCode.Identity) return Block.Verify(cid, cid.Multihash.Digest.ToArray(), "identity CID");
        string path = BlockPath(cid);
        byte[] data;
        try
        {
            data = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ContentNotFoundException($"FileSystemContentStore: {cid} is not in {RootDirectory}.", e);
        }
        return Block.Verify(cid, data, $"FileSystemContentStore: block file {path}");
    }

    /// <inheritdoc/>
    public Task<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(cid.Multihash.Code == MultihashCode.Identity || File.Exists(BlockPath(cid)));
    }

    /// <inheritdoc/>
    public async Task PinAsync(Cid root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        await DagLinks.WalkAsync(this, root, static (_, _) => ValueTask.CompletedTask, cancellationToken).ConfigureAwait(false);
        await WriteAtomicallyAsync(Path.Combine(_pins, root.ToV1().ToString()), ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="root"/> was pinned here.</summary>
    public bool IsPinned(Cid root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return File.Exists(Path.Combine(_pins, root.ToV1().ToString()));
    }

    /// <summary>The file holding <paramref name="cid"/>'s block (which may not exist).</summary>
    public string BlockPath(Cid cid)
    {
        ArgumentNullException.ThrowIfNull(cid);
        string key = Multibase.EncodeBare(MultibaseEncoding.Base32Upper, cid.Multihash.Bytes);
        return Path.Combine(_blocks, key[^3..^1], key + ".data");
    }

    private async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        string temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            if (BeforeCommit is { } hook) await hook(temp).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
