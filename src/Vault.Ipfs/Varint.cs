namespace Vault.Ipfs;

/// <summary>The multiformats unsigned varint (LEB128: 7 bits per byte, least significant group first, high bit set on
/// every byte but the last). Values are limited to 63 bits (at most 9 bytes) and must be minimally encoded, as the
/// unsigned-varint spec requires.</summary>
public static class Varint
{
    /// <summary>The longest encoding the spec allows.</summary>
    public const int MaxLength = 9;

    /// <summary>Number of bytes <paramref name="value"/> takes.</summary>
    public static int GetLength(ulong value)
    {
        int n = 1;
        while (value >= 0x80) { value >>= 7; n++; }
        return n;
    }

    /// <summary>Writes <paramref name="value"/> (at most 2^63 − 1) into <paramref name="destination"/> and returns the
    /// number of bytes written.</summary>
    public static int Write(ulong value, Span<byte> destination)
    {
        if (value > long.MaxValue) ThrowHelper.ThrowArgument(nameof(value), "Varint.Write: values are limited to 63 bits.");
        int length = GetLength(value);
        if (destination.Length < length) ThrowHelper.ThrowDestinationTooShort(nameof(destination), length, destination.Length);
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>The encoding of <paramref name="value"/> as a new array.</summary>
    public static byte[] Encode(ulong value)
    {
        var bytes = new byte[GetLength(value)];
        Write(value, bytes);
        return bytes;
    }

    /// <summary>Reads one varint from the start of <paramref name="source"/>.</summary>
    /// <exception cref="CidFormatException">Truncated, longer than 9 bytes, or not minimally encoded.</exception>
    public static ulong Read(ReadOnlySpan<byte> source, out int bytesRead)
    {
        var status = TryRead(source, out ulong value, out bytesRead);
        if (status != VarintStatus.Ok) throw new CidFormatException($"Varint.Read: {Describe(status)}.");
        return value;
    }

    internal static VarintStatus TryRead(ReadOnlySpan<byte> source, out ulong value, out int bytesRead)
    {
        value = 0;
        bytesRead = 0;
        for (int i = 0; i < MaxLength; i++)
        {
            if (i >= source.Length) return VarintStatus.Truncated;
            byte b = source[i];
            value |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0) return VarintStatus.NotMinimal;
                bytesRead = i + 1;
                return VarintStatus.Ok;
            }
        }
        return VarintStatus.TooLong;
    }

    internal static string Describe(VarintStatus status) => status switch
    {
        VarintStatus.Truncated => "varint is truncated",
        VarintStatus.TooLong => "varint is longer than 9 bytes",
        VarintStatus.NotMinimal => "varint is not minimally encoded",
        _ => "varint is valid",
    };
}

/// <summary>Outcome of decoding a varint.</summary>
internal enum VarintStatus
{
    Ok,
    Truncated,
    TooLong,
    NotMinimal,
}
