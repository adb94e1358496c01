using System.Globalization;

namespace Vault.Ethereum;

/// <summary>Hexadecimal text as Ethereum writes it: lower case with a <c>0x</c> prefix.</summary>
public static class Hex
{
    /// <summary>Encodes <paramref name="bytes"/> as <c>0x</c> followed by two lower-case digits per byte.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>Decodes hex text with or without a <c>0x</c> prefix; an even number of digits is required.</summary>
    /// <exception cref="FormatException">Not hexadecimal, or an odd number of digits.</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ReadOnlySpan<char> digits = StripPrefix(text);
        if (digits.Length % 2 != 0)
            throw new FormatException($"Hex.Decode: odd number of hex digits ({digits.Length}) in '{Shorten(text)}'.");
        try
        {
            return Convert.FromHexString(digits);
        }
        catch (FormatException)
        {
            throw new FormatException($"Hex.Decode: '{Shorten(text)}' is not hexadecimal.");
        }
    }

    /// <summary>Decodes exactly <paramref name="length"/> bytes.</summary>
    /// <exception cref="FormatException">Not hexadecimal or not that many bytes.</exception>
    public static byte[] Decode(string text, int length)
    {
        byte[] bytes = Decode(text);
        if (bytes.Length != length)
            throw new FormatException($"Hex.Decode: expected {length} bytes, got {bytes.Length} in '{Shorten(text)}'.");
        return bytes;
    }

    /// <summary>Encodes a non-negative integer as a JSON-RPC quantity: <c>0x</c> and no leading zeros (<c>0x0</c> for zero).</summary>
    public static string EncodeQuantity(System.Numerics.BigInteger value)
    {
        if (value.Sign < 0) ThrowHelper.ThrowArgumentOutOfRange(nameof(value), "A quantity is never negative.");
        if (value.IsZero) return "0x0";
        string hex = Convert.ToHexStringLower(value.ToByteArray(isUnsigned: true, isBigEndian: true));
        return "0x" + hex.TrimStart('0');
    }

    /// <summary>Decodes a JSON-RPC quantity (<c>0x</c> prefix, any number of digits).</summary>
    /// <exception cref="FormatException">Not a hex quantity.</exception>
    public static System.Numerics.BigInteger DecodeQuantity(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length < 3)
            throw new FormatException($"Hex.DecodeQuantity: '{Shorten(text)}' is not a 0x-prefixed quantity.");
        if (!System.Numerics.BigInteger.TryParse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"Hex.DecodeQuantity: '{Shorten(text)}' is not hexadecimal.");
        return value;
    }

    private static ReadOnlySpan<char> StripPrefix(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(2) : text.AsSpan();

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "…";
}
