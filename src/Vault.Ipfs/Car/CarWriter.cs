namespace Vault.Ipfs.Car;

/// <summary>Writes a CAR v1 archive: the header, then one section per block.</summary>
public sealed class CarWriter
{
    private readonly Stream _destination;
    private bool _headerWritten;

    /// <summary>Writes to <paramref name="destination"/> (not disposed by the writer).</summary>
    public CarWriter(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _destination = destination;
    }

    /// <summary>Writes the header <c>{roots, version: 1}</c>.</summary>
    public async Task WriteHeaderAsync(IReadOnlyList<Cid> roots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roots);
        if (_headerWritten) throw new InvalidOperationException("CarWriter: the header was already written.");
        var header = DagCbor.EncodeCarHeader(roots);
        await _destination.WriteAsync(Varint.Encode((ulong)header.Length), cancellationToken).ConfigureAwait(false);
        await _destination.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        _headerWritten = true;
    }

    /// <summary>Writes one section: <c>varint(|CID| + |data|) CID data</c>.</summary>
    public async Task WriteBlockAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (!_headerWritten) throw new InvalidOperationException("CarWriter: write the header first.");
        var prefix = new byte[Varint.MaxLength + block.Cid.Length];
        int n = Varint.Write((ulong)(block.Cid.Length + block.Data.Length), prefix);
        block.Cid.Bytes.CopyTo(prefix.AsSpan(n));
        await _destination.WriteAsync(prefix.AsMemory(0, n + block.Cid.Length), cancellationToken).ConfigureAwait(false);
        await _destination.WriteAsync(block.Data, cancellationToken).ConfigureAwait(false);
    }
}
