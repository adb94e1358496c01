namespace Vault.Ethereum;

/// <summary>32 bytes: Solidity's <c>bytes32</c>, used for hashes, job ids and digests. Immutable; compares by value.
/// Written as <c>0x</c> and 64 lower-case hex digits.</summary>
public readonly struct Bytes32 : IEquatable<Bytes32>
{
    /// <summary>Number of bytes.</summary>
    public const int Size = 32;

    private readonly byte[]? _bytes;

    /// <summary>Copies exactly 32 bytes.</summary>
    public Bytes32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) ThrowHelper.ThrowLengthMismatch(nameof(bytes), Size, bytes.Length);
        _bytes = bytes.ToArray();
    }

    /// <summary>All zero.</summary>
    public static Bytes32 Zero => default;

    /// <summary>True when every byte is zero.</summary>
    public bool IsZero => _bytes is null || _bytes.AsSpan().IndexOfAnyExcept((byte)0) < 0;

    /// <summary>The bytes, read-only.</summary>
    public ReadOnlySpan<byte> Span => _bytes is null ? new byte[Size] : _bytes;

    /// <summary>A fresh copy of the bytes.</summary>
    public byte[] ToArray() => Span.ToArray();

    /// <summary>Parses <c>0x</c> and 64 hex digits.</summary>
    /// <exception cref="FormatException">Not 32 bytes of hex.</exception>
    public static Bytes32 Parse(string text) => new(Hex.Decode(text, Size));

    /// <summary>Parses like <see cref="Parse"/> without throwing.</summary>
    public static bool TryParse(string? text, out Bytes32 value)
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
    public bool Equals(Bytes32 other) => Span.SequenceEqual(other.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Bytes32 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(Span);

    /// <summary><c>0x</c> and 64 lower-case hex digits.</summary>
    public override string ToString() => Hex.Encode(Span);

    /// <summary>Value equality.</summary>
    public static bool operator ==(Bytes32 left, Bytes32 right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Bytes32 left, Bytes32 right) => !left.Equals(right);
}
