using System.Buffers;

namespace Vault.Ipfs.UnixFs;

/// <summary>The UnixFS <c>Data</c> message carried in a dag-pb node's Data field (ipfs/specs UNIXFS.md):
/// Type (1), Data (2), filesize (3), blocksizes (4, repeated, not packed). Vault writes file nodes exactly as the IPFS
/// importers do and reads the fields it needs; hashType, fanout, mode and mtime are skipped when reading.</summary>
public sealed class UnixFsData
{
    /// <summary>Creates the message.</summary>
    public UnixFsData(UnixFsType type, ReadOnlyMemory<byte> data, ulong? fileSize, IReadOnlyList<ulong> blockSizes)
    {
        ArgumentNullException.ThrowIfNull(blockSizes);
        Type = type;
        Data = data;
        FileSize = fileSize;
        BlockSizes = blockSizes;
    }

    /// <summary>The node type.</summary>
    public UnixFsType Type { get; }

    /// <summary>Inline file bytes (a leaf's chunk); empty when absent.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Total file bytes under this node, or null when absent.</summary>
    public ulong? FileSize { get; }

    /// <summary>File bytes under each link, in link order.</summary>
    public IReadOnlyList<ulong> BlockSizes { get; }

    /// <summary>Encodes as IPFS does: Type always; Data only when non-empty; filesize; each blocksize as its own field.</summary>
    public byte[] Encode()
    {
        var writer = new ArrayBufferWriter<byte>(16 + Data.Length + BlockSizes.Count * 5);
        ProtoWriter.WriteVarintField(writer, 1, (ulong)Type);
        if (!Data.IsEmpty) ProtoWriter.WriteBytesField(writer, 2, Data.Span);
        if (FileSize is ulong size) ProtoWriter.WriteVarintField(writer, 3, size);
        foreach (ulong b in BlockSizes) ProtoWriter.WriteVarintField(writer, 4, b);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a UnixFS Data message.</summary>
    /// <exception cref="BlockFormatException">Malformed, or the required Type field is missing.</exception>
    public static UnixFsData Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes, "UnixFS Data");
        UnixFsType? type = null;
        ReadOnlyMemory<byte> data = ReadOnlyMemory<byte>.Empty;
        ulong? fileSize = null;
        var blockSizes = new List<ulong>();
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    reader.Expect(0, wire, "Type");
                    ulong t = reader.ReadVarint();
                    if (t > (ulong)UnixFsType.HamtShard) throw reader.Error($"unknown node type {t}");
                    type = (UnixFsType)t;
                    break;
                case 2:
                    reader.Expect(2, wire, "Data");
                    data = reader.ReadBytes().ToArray();
                    break;
                case 3:
                    reader.Expect(0, wire, "filesize");
                    fileSize = reader.ReadVarint();
                    break;
                case 4:
                    if (wire == 2)
                    {
                        // Packed form: accepted when reading, never written.
                        var packed = new ProtoReader(reader.ReadBytes(), "UnixFS blocksizes");
                        while (!packed.End) blockSizes.Add(packed.ReadVarint());
                    }
                    else
                    {
                        reader.Expect(0, wire, "blocksizes");
                        blockSizes.Add(reader.ReadVarint());
                    }
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        if (type is null) throw new BlockFormatException("UnixFS Data: the Type field is missing.");
        return new UnixFsData(type.Value, data, fileSize, blockSizes);
    }
}
