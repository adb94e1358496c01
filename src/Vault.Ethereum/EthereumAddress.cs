using System.Text;

namespace Vault.Ethereum;

/// <summary>A 20-byte account or contract address. <see cref="ToString"/> writes the EIP-55 mixed-case checksum;
/// <see cref="Parse"/> accepts all-lower or all-upper hex, and verifies the checksum of mixed-case text.</summary>
public readonly struct EthereumAddress : IEquatable<EthereumAddress>
{
    /// <summary>Number of bytes.</summary>
    public const int Size = 20;

    private readonly byte[]? _bytes;

    /// <summary>Copies exactly 20 bytes.</summary>
    public EthereumAddress(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) ThrowHelper.ThrowLengthMismatch(nameof(bytes), Size, bytes.Length);
        _bytes = bytes.ToArray();
    }

    /// <summary>The zero address.</summary>
    public static EthereumAddress Zero => default;

    /// <summary>True for the zero address.</summary>
    public bool IsZero => _bytes is null || _bytes.AsSpan().IndexOfAnyExcept((byte)0) < 0;

    /// <summary>The bytes, read-only.</summary>
    public ReadOnlySpan<byte> Span => _bytes is null ? new byte[Size] : _bytes;

    /// <summary>A fresh copy of the bytes.</summary>
    public byte[] ToArray() => Span.ToArray();

    /// <summary>The address of a secp256k1 public key: the last 20 bytes of Keccak-256 of the 64-byte X‖Y
    /// (a 65-byte SEC1 uncompressed key, 0x04‖X‖Y, is accepted too).</summary>
    public static EthereumAddress FromPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length == 65 && publicKey[0] == 0x04) publicKey = publicKey[1..];
        if (publicKey.Length != 64) ThrowHelper.ThrowLengthMismatch(nameof(publicKey), 64, publicKey.Length);
        Span<byte> hash = stackalloc byte[Keccak256.Size];
        Keccak256.Hash(publicKey, hash);
        return new EthereumAddress(hash[12..]);
    }

    /// <summary>Parses <c>0x</c> and 40 hex digits. Mixed case must be a valid EIP-55 checksum.</summary>
    /// <exception cref="FormatException">Not 20 bytes of hex, or a wrong checksum.</exception>
    public static EthereumAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var address = new EthereumAddress(Hex.Decode(text, Size));
        string digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        bool hasLower = digits.Any(char.IsAsciiLetterLower), hasUpper = digits.Any(char.IsAsciiLetterUpper);
        if (hasLower && hasUpper && !string.Equals(address.ToString()[2..], digits, StringComparison.Ordinal))
            throw new FormatException($"EthereumAddress.Parse: '{text}' has an invalid EIP-55 checksum (expected {address}). Copy the address again from its source.");
        return address;
    }

    /// <summary>Parses like <see cref="Parse"/> without throwing.</summary>
    public static bool TryParse(string? text, out EthereumAddress value)
    {
        value = default;
        if (text is null) return false;
        try
        {
            value = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public bool Equals(EthereumAddress other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EthereumAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(Span);

    /// <summary>The EIP-55 checksummed form: hex digit i is upper case when nibble i of Keccak-256(lower-case hex) is ≥ 8.</summary>
    public override string ToString()
    {
        string lower = Convert.ToHexStringLower(Span);
        byte[] hash = Keccak256.Hash(Encoding.ASCII.GetBytes(lower));
        var result = new StringBuilder("0x", 2 + 2 * Size);
        for (int i = 0; i < lower.Length; i++)
        {
            int nibble = (i % 2 == 0) ? hash[i / 2] >> 4 : hash[i / 2] & 0x0f;
            result.Append(nibble >= 8 ? char.ToUpperInvariant(lower[i]) : lower[i]);
        }
        return result.ToString();
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(EthereumAddress left, EthereumAddress right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(EthereumAddress left, EthereumAddress right) => !left.Equals(right);
}
