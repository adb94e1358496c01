using System.Text;

namespace Vault.Ipfs;

/// <summary>Multibase: a one-character prefix naming the encoding, then the encoded bytes
/// (multiformats/multibase). Base16, base32 and base36 decode case-insensitively, as the spec's
/// case_insensitivity vectors require.</summary>
public static class Multibase
{
    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const string Base36Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary>Encodes <paramref name="data"/> with the prefix of <paramref name="encoding"/>.</summary>
    public static string Encode(MultibaseEncoding encoding, ReadOnlySpan<byte> data)
    {
        var sb = new StringBuilder(1 + data.Length * 2);
        sb.Append((char)encoding);
        AppendBare(encoding, data, sb);
        return sb.ToString();
    }

    /// <summary>Encodes without the prefix (CIDv0 is bare base58btc).</summary>
    public static string EncodeBare(MultibaseEncoding encoding, ReadOnlySpan<byte> data)
    {
        var sb = new StringBuilder(data.Length * 2);
        AppendBare(encoding, data, sb);
        return sb.ToString();
    }

    /// <summary>Decodes a prefixed string.</summary>
    /// <exception cref="CidFormatException">Empty, an unknown prefix, or a character outside the alphabet.</exception>
    public static byte[] Decode(string text, out MultibaseEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) throw new CidFormatException("Multibase.Decode: the string is empty.");
        encoding = text[0] switch
        {
            'f' => MultibaseEncoding.Base16,
            'F' => MultibaseEncoding.Base16Upper,
            'b' => MultibaseEncoding.Base32,
            'B' => MultibaseEncoding.Base32Upper,
            'k' => MultibaseEncoding.Base36,
            'K' => MultibaseEncoding.Base36Upper,
            'z' => MultibaseEncoding.Base58Btc,
            _ => throw new CidFormatException($"Multibase.Decode: unsupported multibase prefix '{text[0]}' in \"{Shorten(text)}\" (Vault reads f, F, b, B, k, K and z)."),
        };
        return DecodeBare(encoding, text.AsSpan(1));
    }

    /// <summary>Decodes <paramref name="text"/> (no prefix) in <paramref name="encoding"/>.</summary>
    /// <exception cref="CidFormatException">A character outside the alphabet, or an impossible length.</exception>
    public static byte[] DecodeBare(MultibaseEncoding encoding, ReadOnlySpan<char> text) => encoding switch
    {
        MultibaseEncoding.Base16 or MultibaseEncoding.Base16Upper => DecodeBase16(text),
        MultibaseEncoding.Base32 or MultibaseEncoding.Base32Upper => DecodeBase32(text),
        MultibaseEncoding.Base36 or MultibaseEncoding.Base36Upper => DecodeBaseX(text, Base36Alphabet, ignoreCase: true, "base36"),
        MultibaseEncoding.Base58Btc => DecodeBaseX(text, Base58Alphabet, ignoreCase: false, "base58btc"),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "unknown multibase encoding"),
    };

    private static void AppendBare(MultibaseEncoding encoding, ReadOnlySpan<byte> data, StringBuilder sb)
    {
        switch (encoding)
        {
            case MultibaseEncoding.Base16: sb.Append(Convert.ToHexStringLower(data)); break;
            case MultibaseEncoding.Base16Upper: sb.Append(Convert.ToHexString(data)); break;
            case MultibaseEncoding.Base32: AppendBase32(data, sb, upper: false); break;
            case MultibaseEncoding.Base32Upper: AppendBase32(data, sb, upper: true); break;
            case MultibaseEncoding.Base36: sb.Append(EncodeBaseX(data, Base36Alphabet)); break;
            case MultibaseEncoding.Base36Upper: sb.Append(EncodeBaseX(data, Base36Alphabet).ToUpperInvariant()); break;
            case MultibaseEncoding.Base58Btc: sb.Append(EncodeBaseX(data, Base58Alphabet)); break;
            default: throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "unknown multibase encoding");
        }
    }

    private static void AppendBase32(ReadOnlySpan<byte> data, StringBuilder sb, bool upper)
    {
        int buffer = 0, bits = 0;
        foreach (byte b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                sb.Append(Base32Char((buffer >> bits) & 31, upper));
            }
        }
        if (bits > 0) sb.Append(Base32Char((buffer << (5 - bits)) & 31, upper));
    }

    private static char Base32Char(int v, bool upper) => upper ? char.ToUpperInvariant(Base32Alphabet[v]) : Base32Alphabet[v];

    private static byte[] DecodeBase32(ReadOnlySpan<char> text)
    {
        // Unpadded RFC 4648: a final group of 1, 3 or 6 characters cannot occur.
        int rem = text.Length % 8;
        if (rem is 1 or 3 or 6) throw new CidFormatException($"Multibase.Decode: base32 length {text.Length} is impossible (a final group of {rem} characters).");
        var output = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, n = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            int v = c is >= 'a' and <= 'z' ? c - 'a' : c is >= 'A' and <= 'Z' ? c - 'A' : c is >= '2' and <= '7' ? c - '2' + 26 : -1;
            if (v < 0) throw new CidFormatException($"Multibase.Decode: '{c}' at position {i + 1} is not a base32 character.");
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output[n++] = (byte)(buffer >> bits);
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) throw new CidFormatException("Multibase.Decode: base32 string has non-zero padding bits (not canonical).");
        return output;
    }

    private static byte[] DecodeBase16(ReadOnlySpan<char> text)
    {
        if (text.Length % 2 != 0) throw new CidFormatException($"Multibase.Decode: base16 length {text.Length} is odd.");
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException e)
        {
            throw new CidFormatException("Multibase.Decode: base16 string has a non-hex character.", e);
        }
    }

    /// <summary>Big-number base conversion with leading zero bytes written as the alphabet's zero digit (base58btc,
    /// base36). Quadratic in the length, which is fine for identifiers.</summary>
    private static string EncodeBaseX(ReadOnlySpan<byte> data, string alphabet)
    {
        int radix = alphabet.Length;
        int zeros = 0;
        while (zeros < data.Length && data[zeros] == 0) zeros++;
        // log(256)/log(36) < 1.55: enough digits for every base here.
        var digits = new byte[(data.Length - zeros) * 155 / 100 + 1];
        int length = 0;
        for (int i = zeros; i < data.Length; i++)
        {
            int carry = data[i];
            for (int j = 0; j < length; j++)
            {
                carry += digits[j] << 8;
                digits[j] = (byte)(carry % radix);
                carry /= radix;
            }
            while (carry > 0)
            {
                digits[length++] = (byte)(carry % radix);
                carry /= radix;
            }
        }
        var sb = new StringBuilder(zeros + length);
        sb.Append(alphabet[0], zeros);
        for (int j = length - 1; j >= 0; j--) sb.Append(alphabet[digits[j]]);
        return sb.ToString();
    }

    private static byte[] DecodeBaseX(ReadOnlySpan<char> text, string alphabet, bool ignoreCase, string name)
    {
        int radix = alphabet.Length;
        int zeros = 0;
        while (zeros < text.Length && text[zeros] == alphabet[0]) zeros++;
        var bytes = new byte[text.Length - zeros + 1];
        int length = 0;
        for (int i = zeros; i < text.Length; i++)
        {
            char c = ignoreCase ? char.ToLowerInvariant(text[i]) : text[i];
            int carry = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (carry < 0) throw new CidFormatException($"Multibase.Decode: '{text[i]}' at position {i + 1} is not a {name} character.");
            for (int j = 0; j < length; j++)
            {
                carry += bytes[j] * radix;
                bytes[j] = (byte)carry;
                carry >>= 8;
            }
            while (carry > 0)
            {
                bytes[length++] = (byte)carry;
                carry >>= 8;
            }
        }
        var output = new byte[zeros + length];
        for (int j = 0; j < length; j++) output[zeros + j] = bytes[length - 1 - j];
        return output;
    }

    internal static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
