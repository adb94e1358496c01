namespace Vault.Ipfs.UnixFs;

/// <summary>Imports a file as IPFS's <c>add</c> does, so Vault computes locally the CID an IPFS node returns for the
/// same bytes and options. Streaming: one chunk is in memory at a time.</summary>
public static class UnixFsImporter
{
    /// <summary>Reads <paramref name="content"/> to its end, writes every block to <paramref name="destination"/> and
    /// returns the root.</summary>
    public static async Task<UnixFsImportResult> ImportAsync(Stream content, IContentStore destination, UnixFsImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(destination);
        var builder = new UnixFsDagBuilder(options ?? UnixFsImportOptions.CidV1, destination);
        await builder.ReadFromAsync(content, cancellationToken).ConfigureAwait(false);
        return await builder.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Computes the CID of <paramref name="content"/> without storing anything.</summary>
    public static async Task<UnixFsImportResult> ComputeAsync(Stream content, UnixFsImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var builder = new UnixFsDagBuilder(options ?? UnixFsImportOptions.CidV1, null);
        await builder.ReadFromAsync(content, cancellationToken).ConfigureAwait(false);
        return await builder.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Computes the CID of bytes in memory.</summary>
    public static UnixFsImportResult Compute(ReadOnlySpan<byte> content, UnixFsImportOptions? options = null)
    {
        var builder = new UnixFsDagBuilder(options ?? UnixFsImportOptions.CidV1, null);
        builder.Append(content);
        return builder.Complete();
    }
}
