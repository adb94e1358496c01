namespace Vault.Ipfs.Car;

/// <summary>Reads a CAR v1 archive (ipld CARv1 spec) from a stream, one section at a time: a varint-prefixed dag-cbor
/// header <c>{roots, version: 1}</c>, then sections of <c>varint(length) CID bytes</c>. Every block is re-hashed against
/// its CID before it is returned. Truncation or garbage is a <see cref="CarFormatException"/> naming the byte offset;
/// a block that does not match its CID is a <see cref="ContentIntegrityException"/>.</summary>
public sealed class CarReader
{
    /// <summary>Largest header accepted.</summary>
    public const int MaxHeaderLength = 1024 * 1024;

    /// <summary>Largest section (CID + block) accepted: IPFS nodes refuse blocks above 2 MiB; this leaves room.</summary>
    public const int MaxSectionLength = 4 * 1024 * 1024;

    private readonly Stream _source;
    private readonly byte[] _one = new byte[1];
    private bool _headerRead;

    /// <summary>Reads from <paramref name="source"/> (not disposed by the reader).</summary>
    public CarReader(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <summary>Bytes consumed so far.</summary>
    public long Position { get; private set; }

    /// <summary>Reads the header. Call once, first.</summary>
    public async Task<CarHeader> ReadHeaderAsync(CancellationToken cancellationToken = default)
    {
        if (_headerRead) throw new InvalidOperationException("CarReader: the header was already read.");
        _headerRead = true;
        ulong? length = await ReadVarintAsync(cancellationToken).ConfigureAwait(false);
        if (length is null) throw new CarFormatException("CAR: the archive is empty (no header).");
        if (length == 0 || length > MaxHeaderLength) throw new CarFormatException($"CAR: header length {length} is outside [1, {MaxHeaderLength}].");
        long at = Position;
        var bytes = await ReadExactlyAsync((int)length, "header", cancellationToken).ConfigureAwait(false);
        object? value;
        try
        {
            value = DagCbor.Decode(bytes);
        }
        catch (BlockFormatException e)
        {
            throw new CarFormatException($"CAR: the header at byte {at} is not dag-cbor: {e.Message}", e);
        }
        if (value is not Dictionary<string, object?> map) throw new CarFormatException("CAR: the header is not a map.");
        if (!map.TryGetValue("version", out object? version) || version is not ulong v)
            throw new CarFormatException("CAR: the header has no integer version.");
        if (v != 1) throw new CarFormatException($"CAR: version {v} is not supported (Vault reads CAR v1).");
        if (!map.TryGetValue("roots", out object? rootsValue) || rootsValue is not List<object?> list)
            throw new CarFormatException("CAR: the header has no roots array.");
        var roots = new List<Cid>(list.Count);
        foreach (var item in list)
            roots.Add(item as Cid ?? throw new CarFormatException("CAR: a header root is not a CID."));
        return new CarHeader(roots);
    }

    /// <summary>Reads the next block, verified against its CID; null at the end of the archive.</summary>
    public async Task<Block?> ReadBlockAsync(CancellationToken cancellationToken = default)
    {
        if (!_headerRead) throw new InvalidOperationException("CarReader: read the header first.");
        long at = Position;
        ulong? length = await ReadVarintAsync(cancellationToken).ConfigureAwait(false);
        if (length is null) return null;
        if (length == 0 || length > MaxSectionLength)
            throw new CarFormatException($"CAR: section at byte {at} has length {length}, outside [1, {MaxSectionLength}].");
        var bytes = await ReadExactlyAsync((int)length, $"section at byte {at}", cancellationToken).ConfigureAwait(false);
        Cid cid;
        int cidLength;
        try
        {
            cid = Cid.Read(bytes, out cidLength);
        }
        catch (CidFormatException e)
        {
            throw new CarFormatException($"CAR: section at byte {at} does not start with a valid CID: {e.Message}", e);
        }
        return Block.Verify(cid, bytes.AsMemory(cidLength), $"CAR section at byte {at}");
    }

    private async Task<byte[]> ReadExactlyAsync(int length, string what, CancellationToken cancellationToken)
    {
        var buffer = new byte[length];
        int read = await _source.ReadAtLeastAsync(buffer, length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        Position += read;
        if (read < length) throw new CarFormatException($"CAR: truncated: the {what} announces {length} bytes but the archive ends after {read}.");
        return buffer;
    }

    /// <summary>Null at a clean end of stream (before the first byte).</summary>
    private async Task<ulong?> ReadVarintAsync(CancellationToken cancellationToken)
    {
        long at = Position;
        ulong value = 0;
        for (int i = 0; i < Varint.MaxLength; i++)
        {
            int n = await _source.ReadAsync(_one, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                if (i == 0) return null;
                throw new CarFormatException($"CAR: truncated: the archive ends inside the length varint at byte {at}.");
            }
            Position++;
            byte b = _one[0];
            value |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0) throw new CarFormatException($"CAR: the length varint at byte {at} is not minimally encoded.");
                return value;
            }
        }
        throw new CarFormatException($"CAR: the length varint at byte {at} is longer than 9 bytes.");
    }
}
