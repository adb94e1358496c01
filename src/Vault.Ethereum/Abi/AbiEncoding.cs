using System.Collections;
using System.Numerics;
using System.Text;

namespace Vault.Ethereum.Abi;

/// <summary>The Solidity contract ABI encoding of values (head/tail layout, 32-byte words). Pure functions, no I/O.</summary>
/// <remarks>
/// Values: <c>uintN</c>/<c>intN</c> ↔ <see cref="BigInteger"/> (any CLR integer is accepted when encoding);
/// <c>address</c> ↔ <see cref="EthereumAddress"/>; <c>bool</c> ↔ <see cref="bool"/>; <c>bytes32</c> ↔ <see cref="Vault.Ethereum.Bytes32"/>
/// (a 32-byte <c>byte[]</c> is accepted); other <c>bytesN</c> and <c>bytes</c> ↔ <c>byte[]</c>; <c>string</c> ↔ <see cref="string"/>;
/// arrays and tuples ↔ <c>object?[]</c> (any <see cref="IList"/> is accepted).
/// Decoding is strict about values: integers in range, addresses and <c>bytesN</c> zero-padded, booleans 0 or 1, UTF-8
/// strings valid, and every offset and length inside the data.
/// </remarks>
public static class AbiEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes <paramref name="values"/> as the tuple <paramref name="types"/> (a function's arguments).</summary>
    /// <exception cref="AbiFormatException">Wrong number of values, or a value that does not fit its type.</exception>
    public static byte[] Encode(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        return Encode(AbiType.Tuple(types), values.ToArray());
    }

    /// <summary>Encodes one value of <paramref name="type"/>.</summary>
    /// <exception cref="AbiFormatException">The value does not fit the type.</exception>
    public static byte[] Encode(AbiType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        using var buffer = new MemoryStream();
        EncodeValue(type, value, buffer, type.CanonicalName);
        return buffer.ToArray();
    }

    /// <summary>Decodes <paramref name="data"/> as the tuple <paramref name="types"/>.</summary>
    /// <exception cref="AbiFormatException">Truncated or invalid data.</exception>
    public static object?[] Decode(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(types);
        return (object?[])Decode(AbiType.Tuple(types), data)!;
    }

    /// <summary>Decodes one value of <paramref name="type"/> from the start of <paramref name="data"/>.</summary>
    /// <exception cref="AbiFormatException">Truncated or invalid data.</exception>
    public static object? Decode(AbiType type, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(type);
        // A dynamic top-level value is encoded as its tail alone (as inside a one-element tuple minus the offset).
        return DecodeValue(type, data, 0, type.CanonicalName);
    }

    /// <summary>The 4-byte selector of a signature such as <c>transfer(address,uint256)</c>: Keccak-256's first 4 bytes.</summary>
    public static byte[] Selector(string signature) => Keccak256.Hash(signature)[..4];

    // ---- encoding ----------------------------------------------------------------------------------------------

    private static void EncodeValue(AbiType type, object? value, MemoryStream output, string path)
    {
        switch (type.Kind)
        {
            case AbiKind.UInt:
            case AbiKind.Int:
                WriteInteger(type, ToBigInteger(value, path), output, path);
                break;
            case AbiKind.Address:
                var address = value switch
                {
                    EthereumAddress a => a,
                    string s => ParseAddress(s, path),
                    _ => throw Mismatch(path, "an EthereumAddress", value),
                };
                output.Write(new byte[12]);
                output.Write(address.Span);
                break;
            case AbiKind.Bool:
                WriteInteger(AbiType.UInt(8), value is bool b ? (b ? 1 : 0) : throw Mismatch(path, "a bool", value), output, path);
                break;
            case AbiKind.FixedBytes:
                byte[] fixedBytes = ToBytes(value, path);
                if (fixedBytes.Length != type.Size)
                    throw new AbiFormatException($"AbiEncoding.Encode: {path} needs exactly {type.Size} bytes, got {fixedBytes.Length}.");
                output.Write(fixedBytes);
                output.Write(new byte[32 - type.Size]);
                break;
            case AbiKind.Bytes:
                WriteDynamicBytes(ToBytes(value, path), output);
                break;
            case AbiKind.String:
                WriteDynamicBytes(StrictUtf8.GetBytes(value as string ?? throw Mismatch(path, "a string", value)), output);
                break;
            case AbiKind.Array:
                {
                    var items = ToList(value, path);
                    WriteInteger(AbiType.UInt256, items.Count, output, path);
                    EncodeSequence(Enumerable.Repeat(type.Element!, items.Count).ToArray(), items, output, path);
                    break;
                }
            case AbiKind.FixedArray:
                {
                    var items = ToList(value, path);
                    if (items.Count != type.Size)
                        throw new AbiFormatException($"AbiEncoding.Encode: {path} needs {type.Size} elements, got {items.Count}.");
                    EncodeSequence(Enumerable.Repeat(type.Element!, items.Count).ToArray(), items, output, path);
                    break;
                }
            default:
                {
                    var items = ToList(value, path);
                    if (items.Count != type.Components.Count)
                        throw new AbiFormatException($"AbiEncoding.Encode: {path} has {type.Components.Count} components, got {items.Count} values.");
                    EncodeSequence(type.Components, items, output, path);
                    break;
                }
        }
    }

    /// <summary>Head/tail layout: static values in place, dynamic values as offsets (from the start of the head) to their tails.</summary>
    private static void EncodeSequence(IReadOnlyList<AbiType> types, IList values, MemoryStream output, string path)
    {
        int headSize = types.Sum(t => t.HeadSize);
        var tails = new MemoryStream();
        for (int i = 0; i < types.Count; i++)
        {
            string itemPath = $"{path}[{i}]";
            if (types[i].IsDynamic)
            {
                WriteInteger(AbiType.UInt256, headSize + tails.Length, output, itemPath);
                EncodeValue(types[i], values[i], tails, itemPath);
            }
            else
            {
                EncodeValue(types[i], values[i], output, itemPath);
            }
        }
        tails.Position = 0;
        tails.CopyTo(output);
    }

    private static void WriteDynamicBytes(byte[] bytes, MemoryStream output)
    {
        WriteInteger(AbiType.UInt256, bytes.Length, output, "length");
        output.Write(bytes);
        int padding = (32 - bytes.Length % 32) % 32;
        output.Write(new byte[padding]);
    }

    private static void WriteInteger(AbiType type, BigInteger value, MemoryStream output, string path)
    {
        var (min, max) = Range(type);
        if (value < min || value > max)
            throw new AbiFormatException($"AbiEncoding.Encode: {path} = {value} does not fit {type.CanonicalName}.");
        Span<byte> word = stackalloc byte[32];
        word.Fill(value.Sign < 0 ? (byte)0xff : (byte)0);
        int count = value.GetByteCount(isUnsigned: value.Sign >= 0);
        value.TryWriteBytes(word[(32 - count)..], out _, isUnsigned: value.Sign >= 0, isBigEndian: true);
        output.Write(word);
    }

    private static (BigInteger Min, BigInteger Max) Range(AbiType type) => type.Kind == AbiKind.Int
        ? (-(BigInteger.One << (type.Size - 1)), (BigInteger.One << (type.Size - 1)) - 1)
        : (BigInteger.Zero, (BigInteger.One << type.Size) - 1);

    private static BigInteger ToBigInteger(object? value, string path) => value switch
    {
        BigInteger v => v,
        int v => v,
        long v => v,
        uint v => v,
        ulong v => v,
        short v => v,
        ushort v => v,
        byte v => v,
        sbyte v => v,
        _ => throw Mismatch(path, "an integer", value),
    };

    private static byte[] ToBytes(object? value, string path) => value switch
    {
        byte[] b => b,
        Bytes32 b => b.ToArray(),
        ReadOnlyMemory<byte> m => m.ToArray(),
        Memory<byte> m => m.ToArray(),
        _ => throw Mismatch(path, "bytes", value),
    };

    private static IList ToList(object? value, string path) =>
        value as IList ?? throw Mismatch(path, "a list (object?[])", value);

    private static EthereumAddress ParseAddress(string text, string path)
    {
        try
        {
            return EthereumAddress.Parse(text);
        }
        catch (FormatException e)
        {
            throw new AbiFormatException($"AbiEncoding.Encode: {path}: {e.Message}", e);
        }
    }

    private static AbiFormatException Mismatch(string path, string expected, object? value) =>
        new($"AbiEncoding.Encode: {path} needs {expected}, got {(value is null ? "null" : value.GetType().Name)}.");

    // ---- decoding ----------------------------------------------------------------------------------------------

    private static object? DecodeValue(AbiType type, ReadOnlySpan<byte> data, int offset, string path)
    {
        switch (type.Kind)
        {
            case AbiKind.UInt:
            case AbiKind.Int:
                return ReadInteger(type, data, offset, path);
            case AbiKind.Address:
                {
                    var word = Word(data, offset, path);
                    if (word[..12].IndexOfAnyExcept((byte)0) >= 0)
                        throw new AbiFormatException($"AbiEncoding.Decode: {path} (address) has non-zero high bytes.");
                    return new EthereumAddress(word[12..]);
                }
            case AbiKind.Bool:
                {
                    var value = ReadInteger(AbiType.UInt256, data, offset, path);
                    return value > 1 ? throw new AbiFormatException($"AbiEncoding.Decode: {path} (bool) is {value}, not 0 or 1.") : !value.IsZero;
                }
            case AbiKind.FixedBytes:
                {
                    var word = Word(data, offset, path);
                    if (word[type.Size..].IndexOfAnyExcept((byte)0) >= 0)
                        throw new AbiFormatException($"AbiEncoding.Decode: {path} ({type.CanonicalName}) has non-zero padding.");
                    return type.Size == 32 ? new Bytes32(word) : word[..type.Size].ToArray();
                }
            case AbiKind.Bytes:
                return ReadDynamicBytes(data, offset, path);
            case AbiKind.String:
                try
                {
                    return StrictUtf8.GetString(ReadDynamicBytes(data, offset, path));
                }
                catch (DecoderFallbackException e)
                {
                    throw new AbiFormatException($"AbiEncoding.Decode: {path} (string) is not valid UTF-8.", e);
                }
            case AbiKind.Array:
                {
                    int count = ReadLength(data, offset, path);
                    var elements = Enumerable.Repeat(type.Element!, count).ToArray();
                    CheckFits(elements, data.Length - offset - 32, path);
                    return DecodeSequence(elements, data[(offset + 32)..], path);
                }
            case AbiKind.FixedArray:
                return DecodeSequence(Enumerable.Repeat(type.Element!, type.Size).ToArray(), data[offset..], path);
            default:
                return DecodeSequence(type.Components, data[offset..], path);
        }
    }

    private static object?[] DecodeSequence(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data, string path)
    {
        var result = new object?[types.Count];
        int head = 0;
        for (int i = 0; i < types.Count; i++)
        {
            string itemPath = $"{path}[{i}]";
            if (types[i].IsDynamic)
            {
                int tail = ReadLength(data, head, itemPath);
                if (tail > data.Length)
                    throw new AbiFormatException($"AbiEncoding.Decode: {itemPath} offset {tail} is past the end ({data.Length} bytes).");
                result[i] = DecodeValue(types[i], data, tail, itemPath);
            }
            else
            {
                result[i] = DecodeValue(types[i], data, head, itemPath);
            }
            head += types[i].HeadSize;
        }
        return result;
    }

    private static void CheckFits(AbiType[] elements, int available, string path)
    {
        long need = 0;
        foreach (var t in elements) need += t.HeadSize;
        if (need > available)
            throw new AbiFormatException($"AbiEncoding.Decode: {path} declares {elements.Length} elements ({need} bytes) but only {Math.Max(available, 0)} bytes remain.");
    }

    private static byte[] ReadDynamicBytes(ReadOnlySpan<byte> data, int offset, string path)
    {
        int length = ReadLength(data, offset, path);
        if (length > data.Length - offset - 32)
            throw new AbiFormatException($"AbiEncoding.Decode: {path} declares {length} bytes but only {Math.Max(data.Length - offset - 32, 0)} remain.");
        return data.Slice(offset + 32, length).ToArray();
    }

    private static int ReadLength(ReadOnlySpan<byte> data, int offset, string path)
    {
        var value = ReadInteger(AbiType.UInt256, data, offset, path);
        return value > int.MaxValue ? throw new AbiFormatException($"AbiEncoding.Decode: {path} length/offset {value} is too large.") : (int)value;
    }

    private static BigInteger ReadInteger(AbiType type, ReadOnlySpan<byte> data, int offset, string path)
    {
        var word = Word(data, offset, path);
        var value = new BigInteger(word, isUnsigned: type.Kind == AbiKind.UInt, isBigEndian: true);
        var (min, max) = Range(type);
        if (value < min || value > max)
            throw new AbiFormatException($"AbiEncoding.Decode: {path} = {value} does not fit {type.CanonicalName}.");
        return value;
    }

    private static ReadOnlySpan<byte> Word(ReadOnlySpan<byte> data, int offset, string path)
    {
        if (offset < 0 || offset > data.Length - 32)
            throw new AbiFormatException($"AbiEncoding.Decode: {path} needs 32 bytes at offset {offset}; the data has {data.Length}.");
        return data.Slice(offset, 32);
    }
}
