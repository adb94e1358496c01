using System.Buffers;
using System.Text;

namespace Vault.Ipfs.UnixFs;

/// <summary>A dag-pb node (PBNode) as IPFS encodes it (ipld dag-pb spec): the links (field 2) come first, each as
/// Hash (1), Name (2), Tsize (3) in that order, then Data (field 1). Decoding is strict: fields out of that order,
/// duplicates or unknown fields are rejected, so a node has exactly one encoding.</summary>
public sealed class DagPbNode
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Creates a node.</summary>
    public DagPbNode(IReadOnlyList<DagPbLink> links, ReadOnlyMemory<byte>? data)
    {
        ArgumentNullException.ThrowIfNull(links);
        Links = links;
        Data = data;
    }

    /// <summary>The links, in order.</summary>
    public IReadOnlyList<DagPbLink> Links { get; }

    /// <summary>The Data field (UnixFS metadata for IPFS files), or null when absent.</summary>
    public ReadOnlyMemory<byte>? Data { get; }

    /// <summary>The canonical encoding.</summary>
    public byte[] Encode()
    {
        var writer = new ArrayBufferWriter<byte>(64 + Links.Count * 48 + (Data?.Length ?? 0));
        Span<byte> scratch = stackalloc byte[10];
        foreach (var link in Links)
        {
            int nameLength = link.Name is null ? 0 : StrictUtf8.GetByteCount(link.Name);
            int length = 1 + ProtoWriter.VarintLength((ulong)link.Hash.Length) + link.Hash.Length;
            if (link.Name is not null) length += 1 + ProtoWriter.VarintLength((ulong)nameLength) + nameLength;
            if (link.Tsize is ulong t) length += 1 + ProtoWriter.VarintLength(t);
            ProtoWriter.WriteTag(writer, 2, 2);
            ProtoWriter.WriteVarint(writer, (ulong)length);
            ProtoWriter.WriteBytesField(writer, 1, link.Hash.Bytes);
            if (link.Name is not null) ProtoWriter.WriteBytesField(writer, 2, StrictUtf8.GetBytes(link.Name));
            if (link.Tsize is ulong tsize) ProtoWriter.WriteVarintField(writer, 3, tsize);
        }
        if (Data is ReadOnlyMemory<byte> data) ProtoWriter.WriteBytesField(writer, 1, data.Span);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a dag-pb block.</summary>
    /// <exception cref="BlockFormatException">Not canonical dag-pb; the message names the problem.</exception>
    public static DagPbNode Decode(ReadOnlySpan<byte> block)
    {
        var reader = new ProtoReader(block, "dag-pb");
        var links = new List<DagPbLink>();
        ReadOnlyMemory<byte>? data = null;
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 2)
            {
                reader.Expect(2, wire, "Links");
                if (data is not null) throw reader.Error("Links after Data (IPFS writes Links first)");
                links.Add(DecodeLink(reader.ReadBytes()));
            }
            else if (field == 1)
            {
                reader.Expect(2, wire, "Data");
                if (data is not null) throw reader.Error("duplicate Data field");
                data = reader.ReadBytes().ToArray();
            }
            else
            {
                throw reader.Error($"unknown field {field} in PBNode");
            }
        }
        return new DagPbNode(links, data);
    }

    private static DagPbLink DecodeLink(ReadOnlySpan<byte> bytes)
    {
        var reader = new ProtoReader(bytes, "dag-pb link");
        Cid? hash = null;
        string? name = null;
        ulong? tsize = null;
        int last = 0;
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            if (field <= last) throw reader.Error(field == last ? $"duplicate field {field} in PBLink" : $"field {field} after field {last} in PBLink");
            last = field;
            switch (field)
            {
                case 1:
                    reader.Expect(2, wire, "Hash");
                    try
                    {
                        hash = Cid.FromBytes(reader.ReadBytes());
                    }
                    catch (CidFormatException e)
                    {
                        throw new BlockFormatException($"dag-pb link: invalid Hash: {e.Message}", e);
                    }
                    break;
                case 2:
                    reader.Expect(2, wire, "Name");
                    try
                    {
                        name = StrictUtf8.GetString(reader.ReadBytes());
                    }
                    catch (DecoderFallbackException e)
                    {
                        throw new BlockFormatException("dag-pb link: Name is not valid UTF-8.", e);
                    }
                    break;
                case 3:
                    reader.Expect(0, wire, "Tsize");
                    tsize = reader.ReadVarint();
                    break;
                default:
                    throw reader.Error($"unknown field {field} in PBLink");
            }
        }
        if (hash is null) throw new BlockFormatException("dag-pb link: the Hash field is missing.");
        return new DagPbLink(hash, name, tsize);
    }
}
