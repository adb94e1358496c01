using System.Numerics;

namespace Vault.Ethereum;

/// <summary>Recursive Length Prefix encoding (Ethereum Yellow Paper, appendix B). Pure functions, no I/O.
/// Decoding is strict: only the canonical encoding of each item is accepted (a single byte below 0x80 is itself,
/// short forms wherever they fit, no leading zeros in lengths, no trailing bytes).</summary>
public static class Rlp
{
    /// <summary>Deepest list nesting the decoder accepts (protects the stack from hostile input).</summary>
    public const int MaxDepth = 256;

    /// <summary>Encodes a byte string.</summary>
    public static byte[] EncodeBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 1 && bytes[0] < 0x80) return [bytes[0]];
        var result = new byte[HeaderLength(bytes.Length) + bytes.Length];
        int offset = WriteHeader(result, 0x80, bytes.Length);
        bytes.CopyTo(result.AsSpan(offset));
        return result;
    }

    /// <summary>Encodes a non-negative integer as its minimal big-endian byte string (zero is the empty string, 0x80).</summary>
    public static byte[] EncodeInteger(BigInteger value) => EncodeBytes(IntegerBytes(value));

    /// <summary>Encodes a list whose items are already RLP-encoded (their concatenation becomes the payload).</summary>
    public static byte[] EncodeList(params ReadOnlySpan<byte[]> encodedItems)
    {
        int payload = 0;
        foreach (byte[] item in encodedItems) payload += item.Length;
        var result = new byte[HeaderLength(payload) + payload];
        int offset = WriteHeader(result, 0xc0, payload);
        foreach (byte[] item in encodedItems)
        {
            item.CopyTo(result, offset);
            offset += item.Length;
        }
        return result;
    }

    /// <summary>Encodes a decoded item tree.</summary>
    public static byte[] Encode(RlpItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!item.IsList) return EncodeBytes(item.Bytes);
        var encoded = new byte[item.Items.Count][];
        for (int i = 0; i < encoded.Length; i++) encoded[i] = Encode(item.Items[i]);
        return EncodeList(encoded);
    }

    /// <summary>Decodes exactly one item that spans all of <paramref name="encoded"/>.</summary>
    /// <exception cref="RlpFormatException">Truncated, trailing bytes, non-canonical, or nested deeper than <see cref="MaxDepth"/>.</exception>
    public static RlpItem Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty) throw new RlpFormatException("Rlp.Decode: empty input.");
        int consumed = DecodeItem(encoded, 0, 0, out var item);
        if (consumed != encoded.Length)
            throw new RlpFormatException($"Rlp.Decode: {encoded.Length - consumed} trailing byte(s) after the item at offset {consumed}.");
        return item;
    }

    internal static byte[] IntegerBytes(BigInteger value)
    {
        if (value.Sign < 0) ThrowHelper.ThrowArgumentOutOfRange(nameof(value), "RLP integers are non-negative.");
        return value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
    }

    private static int HeaderLength(int length) => length < 56 ? 1 : 1 + ByteCount((ulong)length);

    private static int ByteCount(ulong value)
    {
        int n = 0;
        while (value != 0)
        {
            n++;
            value >>= 8;
        }
        return n;
    }

    private static int WriteHeader(Span<byte> destination, byte offset, int length)
    {
        if (length < 56)
        {
            destination[0] = (byte)(offset + length);
            return 1;
        }
        int n = ByteCount((ulong)length);
        destination[0] = (byte)(offset + 55 + n);
        for (int i = 0; i < n; i++) destination[n - i] = (byte)(length >> (8 * i));
        return 1 + n;
    }

    /// <summary>Decodes one item at <paramref name="position"/>; returns the position after it.</summary>
    private static int DecodeItem(ReadOnlySpan<byte> input, int position, int depth, out RlpItem item)
    {
        if (depth > MaxDepth) throw new RlpFormatException($"Rlp.Decode: lists nested deeper than {MaxDepth}.");
        byte prefix = input[position];
        if (prefix < 0x80)
        {
            item = RlpItem.FromBytes(input.Slice(position, 1));
            return position + 1;
        }
        bool isList = prefix >= 0xc0;
        int shortBase = isList ? 0xc0 : 0x80;
        int headerEnd;
        long length;
        if (prefix - shortBase < 56)
        {
            length = prefix - shortBase;
            headerEnd = position + 1;
        }
        else
        {
            int lengthOfLength = prefix - shortBase - 55;
            if (position + 1 + lengthOfLength > input.Length)
                throw new RlpFormatException($"Rlp.Decode: truncated length at offset {position}.");
            var lengthBytes = input.Slice(position + 1, lengthOfLength);
            if (lengthBytes[0] == 0)
                throw new RlpFormatException($"Rlp.Decode: length with a leading zero at offset {position} (non-canonical).");
            if (lengthOfLength > 4)
                throw new RlpFormatException($"Rlp.Decode: a {lengthOfLength}-byte length at offset {position} exceeds 2^32.");
            length = 0;
            foreach (byte b in lengthBytes) length = (length << 8) | b;
            if (length < 56)
                throw new RlpFormatException($"Rlp.Decode: long form for a {length}-byte payload at offset {position} (non-canonical; the short form fits).");
            headerEnd = position + 1 + lengthOfLength;
        }
        if (length > input.Length - headerEnd)
            throw new RlpFormatException($"Rlp.Decode: the {(isList ? "list" : "string")} at offset {position} declares {length} bytes but only {input.Length - headerEnd} remain.");
        int end = headerEnd + (int)length;
        if (!isList)
        {
            var payload = input[headerEnd..end];
            if (payload.Length == 1 && payload[0] < 0x80)
                throw new RlpFormatException($"Rlp.Decode: single byte 0x{payload[0]:x2} at offset {position} must be encoded as itself (non-canonical).");
            item = RlpItem.FromBytes(payload);
            return end;
        }
        var items = new List<RlpItem>();
        int cursor = headerEnd;
        while (cursor < end)
        {
            cursor = DecodeItem(input[..end], cursor, depth + 1, out var child);
            items.Add(child);
        }
        item = RlpItem.FromList(items);
        return end;
    }
}
