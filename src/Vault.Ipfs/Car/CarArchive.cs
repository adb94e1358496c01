namespace Vault.Ipfs.Car;

/// <summary>Moves whole DAGs in and out of content stores as CAR v1 archives.</summary>
public static class CarArchive
{
    /// <summary>Writes the DAG under <paramref name="root"/> as a CAR with that single root, blocks depth-first in
    /// first-seen order (as <c>ipfs dag export</c>). Returns the number of blocks.</summary>
    public static async Task<int> ExportAsync(IContentStore source, Cid root, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(root);
        var writer = new CarWriter(destination);
        await writer.WriteHeaderAsync([root], cancellationToken).ConfigureAwait(false);
        return await DagLinks.WalkAsync(source, root, (block, ct) => new ValueTask(writer.WriteBlockAsync(block, ct)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a whole CAR and checks it without storing anything: every block against its CID, and every root
    /// present. Returns the header and the block count.</summary>
    public static async Task<(CarHeader Header, int Blocks)> VerifyAsync(Stream car, CancellationToken cancellationToken = default)
    {
        var reader = new CarReader(car);
        var header = await reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
        var missing = new HashSet<Cid>(header.Roots);
        int count = 0;
        while (await reader.ReadBlockAsync(cancellationToken).ConfigureAwait(false) is Block block)
        {
            missing.Remove(block.Cid);
            count++;
        }
        ThrowIfRootsMissing(missing);
        return (header, count);
    }

    /// <summary>Imports a CAR into <paramref name="destination"/> all or nothing: the blocks are verified into a
    /// staging store in a temporary directory first, and copied to the destination only once the whole archive has
    /// been read and every root found. A truncated or garbled archive, or any block that does not match its CID,
    /// leaves the destination untouched.</summary>
    /// <exception cref="CarFormatException">Truncated or garbled archive, or a root missing from it.</exception>
    /// <exception cref="ContentIntegrityException">A block does not match its CID.</exception>
    public static async Task<CarHeader> ImportAsync(Stream car, IContentStore destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(car);
        ArgumentNullException.ThrowIfNull(destination);
        var stagingDirectory = Directory.CreateTempSubdirectory("vault-car-");
        try
        {
            var staging = new FileSystemContentStore(stagingDirectory.FullName);
            var reader = new CarReader(car);
            var header = await reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
            var order = new List<Cid>();
            var seen = new HashSet<Cid>();
            while (await reader.ReadBlockAsync(cancellationToken).ConfigureAwait(false) is Block block)
            {
                if (!seen.Add(block.Cid)) continue;
                await staging.PutAsync(block, cancellationToken).ConfigureAwait(false);
                order.Add(block.Cid);
            }
            var missing = new HashSet<Cid>(header.Roots);
            missing.ExceptWith(seen);
            missing.RemoveWhere(c => c.Multihash.Code == MultihashCode.Identity);
            ThrowIfRootsMissing(missing);
            foreach (var cid in order)
                await destination.PutAsync(await staging.GetAsync(cid, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return header;
        }
        finally
        {
            stagingDirectory.Delete(recursive: true);
        }
    }

    private static void ThrowIfRootsMissing(HashSet<Cid> missing)
    {
        missing.RemoveWhere(c => c.Multihash.Code == MultihashCode.Identity);
        if (missing.Count > 0)
            throw new CarFormatException($"CAR: the header names root(s) {string.Join(", ", missing)} that are not in the archive.");
    }
}
