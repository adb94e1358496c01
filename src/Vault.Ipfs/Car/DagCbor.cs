using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Vault.Ipfs.Car;

/// <summary>The subset of dag-cbor (ipld dag-cbor spec) Vault needs: writing a CAR header and reading any dag-cbor
/// block strictly (definite lengths, shortest integer heads, text map keys, tag 42 only, 64-bit floats only) into
/// plain values: ulong/long, byte[], string, <see cref="List{T}"/>, <see cref="Dictionary{TKey, TValue}"/> with string
/// keys, <see cref="Cid"/>, bool, null, double.</summary>
internal static class DagCbor
{
    private const int MaxDepth = 64;
    private const int CidTag = 42;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Encodes <c>{"roots": [...], "version": 1}</c> with keys in dag-cbor order (length first, then bytes).</summary>
    public static byte[] EncodeCarHeader(IReadOnlyList<Cid> roots)
    {
        var w = new ArrayBufferWriter<byte>(32 + roots.Count * 44);
        WriteHead(w, 5, 2);
        WriteText(w, "roots");
        WriteHead(w, 4, (ulong)roots.Count);
        foreach (var cid in roots) WriteCid(w, cid);
        WriteText(w, "version");
        WriteHead(w, 0, 1);
        return w.WrittenSpan.ToArray();
    }

    private static void WriteCid(IBufferWriter<byte> w, Cid cid)
    {
        WriteHead(w, 6, CidTag);
        WriteHead(w, 2, (ulong)cid.Length + 1);
        ReadOnlySpan<byte> identityPrefix = [0];  // multibase identity prefix of a binary CID
        w.Write(identityPrefix);
        w.Write(cid.Bytes);
    }

    private static void WriteText(IBufferWriter<byte> w, string text)
    {
        var bytes = StrictUtf8.GetBytes(text);
        WriteHead(w, 3, (ulong)bytes.Length);
        w.Write(bytes);
    }

    private static void WriteHead(IBufferWriter<byte> w, int major, ulong value)
    {
        var span = w.GetSpan(9);
        byte m = (byte)(major << 5);
        if (value < 24) { span[0] = (byte)(m | (byte)value); w.Advance(1); }
        else if (value <= byte.MaxValue) { span[0] = (byte)(m | 24); span[1] = (byte)value; w.Advance(2); }
        else if (value <= ushort.MaxValue) { span[0] = (byte)(m | 25); BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value); w.Advance(3); }
        else if (value <= uint.MaxValue) { span[0] = (byte)(m | 26); BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value); w.Advance(5); }
        else { span[0] = (byte)(m | 27); BinaryPrimitives.WriteUInt64BigEndian(span[1..], value); w.Advance(9); }
    }

    /// <summary>Decodes one complete dag-cbor value.</summary>
    /// <exception cref="BlockFormatException">Not strict dag-cbor; the message names the problem and the offset.</exception>
    public static object? Decode(ReadOnlySpan<byte> bytes)
    {
        int position = 0;
        var value = ReadItem(bytes, ref position, 0);
        if (position != bytes.Length) throw Error($"{bytes.Length - position} bytes after the value", position);
        return value;
    }

    /// <summary>Every CID linked from <paramref name="value"/> (a decoded dag-cbor value), in document order.</summary>
    public static void CollectLinks(object? value, List<Cid> links)
    {
        switch (value)
        {
            case Cid cid: links.Add(cid); break;
            case List<object?> list: foreach (var item in list) CollectLinks(item, links); break;
            case Dictionary<string, object?> map: foreach (var item in map.Values) CollectLinks(item, links); break;
        }
    }

    private static object? ReadItem(ReadOnlySpan<byte> b, ref int p, int depth)
    {
        if (depth > MaxDepth) throw Error($"nesting deeper than {MaxDepth}", p);
        int start = p;
        if (p >= b.Length) throw Error("truncated: a value was expected", p);
        int major = b[p] >> 5;
        int info = b[p] & 31;
        p++;
        if (major == 7)
        {
            switch (info)
            {
                case 20: return false;
                case 21: return true;
                case 22: return null;
                case 27:
                    Need(b, p, 8);
                    double d = BinaryPrimitives.ReadDoubleBigEndian(b[p..]);
                    p += 8;
                    if (double.IsNaN(d) || double.IsInfinity(d)) throw Error("NaN and infinities are not allowed", start);
                    return d;
                default: throw Error($"simple value or float with additional info {info} is not allowed in dag-cbor", start);
            }
        }
        ulong arg = ReadArgument(b, ref p, info, start);
        switch (major)
        {
            case 0: return arg;
            case 1:
                if (arg > long.MaxValue) throw Error("negative integer below -2^63", start);
                return -1 - (long)arg;
            case 2:
                return ReadSpan(b, ref p, arg, start).ToArray();
            case 3:
                try
                {
                    return StrictUtf8.GetString(ReadSpan(b, ref p, arg, start));
                }
                catch (DecoderFallbackException e)
                {
                    throw new BlockFormatException($"dag-cbor: text at byte {start} is not valid UTF-8.", e);
                }
            case 4:
                {
                    if (arg > (ulong)(b.Length - p)) throw Error($"array of {arg} items cannot fit in {b.Length - p} bytes", start);
                    var list = new List<object?>((int)arg);
                    for (ulong i = 0; i < arg; i++) list.Add(ReadItem(b, ref p, depth + 1));
                    return list;
                }
            case 5:
                {
                    if (arg > (ulong)(b.Length - p) / 2) throw Error($"map of {arg} entries cannot fit in {b.Length - p} bytes", start);
                    var map = new Dictionary<string, object?>((int)arg, StringComparer.Ordinal);
                    for (ulong i = 0; i < arg; i++)
                    {
                        int keyAt = p;
                        if (ReadItem(b, ref p, depth + 1) is not string key) throw Error("map key is not text", keyAt);
                        if (!map.TryAdd(key, ReadItem(b, ref p, depth + 1))) throw Error($"duplicate map key \"{key}\"", keyAt);
                    }
                    return map;
                }
            case 6:
                {
                    if (arg != CidTag) throw Error($"tag {arg} is not allowed (dag-cbor has tag 42 only)", start);
                    if (ReadItem(b, ref p, depth + 1) is not byte[] link || link.Length < 2 || link[0] != 0)
                        throw Error("tag 42 must hold a byte string starting with 0x00", start);
                    try
                    {
                        return Cid.FromBytes(link.AsSpan(1));
                    }
                    catch (CidFormatException e)
                    {
                        throw new BlockFormatException($"dag-cbor: invalid CID at byte {start}: {e.Message}", e);
                    }
                }
            default:
                throw Error($"major type {major}", start);
        }
    }

    private static ulong ReadArgument(ReadOnlySpan<byte> b, ref int p, int info, int start)
    {
        ulong value;
        switch (info)
        {
            case < 24: return (ulong)info;
            case 24: Need(b, p, 1); value = b[p]; p += 1; if (value < 24) throw NotMinimal(start); return value;
            case 25: Need(b, p, 2); value = BinaryPrimitives.ReadUInt16BigEndian(b[p..]); p += 2; if (value <= byte.MaxValue) throw NotMinimal(start); return value;
            case 26: Need(b, p, 4); value = BinaryPrimitives.ReadUInt32BigEndian(b[p..]); p += 4; if (value <= ushort.MaxValue) throw NotMinimal(start); return value;
            case 27: Need(b, p, 8); value = BinaryPrimitives.ReadUInt64BigEndian(b[p..]); p += 8; if (value <= uint.MaxValue) throw NotMinimal(start); return value;
            case 31: throw Error("indefinite-length items are not allowed in dag-cbor", start);
            default: throw Error($"reserved additional info {info}", start);
        }
    }

    private static ReadOnlySpan<byte> ReadSpan(ReadOnlySpan<byte> b, ref int p, ulong length, int start)
    {
        if (length > (ulong)(b.Length - p)) throw Error($"truncated: {length} bytes announced, {b.Length - p} left", start);
        var span = b.Slice(p, (int)length);
        p += (int)length;
        return span;
    }

    private static void Need(ReadOnlySpan<byte> b, int p, int n)
    {
        if (b.Length - p < n) throw Error("truncated integer", p);
    }

    private static BlockFormatException NotMinimal(int at) => Error("integer not in its shortest form", at);

    private static BlockFormatException Error(string problem, int at) => new($"dag-cbor: {problem} (at byte {at}).");
}
