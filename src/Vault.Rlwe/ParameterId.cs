using System.Buffers.Binary;

namespace Vault.Rlwe;

/// <summary>The identity of a validated parameter set: the SHA-256 of its canonical encoding. Every key,
/// plaintext and ciphertext carries it and every operation checks it (SEAL's <c>parms_id</c>).</summary>
public readonly record struct ParameterId(ulong W0, ulong W1, ulong W2, ulong W3)
{
    /// <summary>Size of the encoded Id in bytes.</summary>
    public const int ByteLength = 32;

    /// <summary>Reads an Id from 32 bytes (as written by <see cref="WriteTo"/>).</summary>
    public static ParameterId Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < ByteLength) throw new ArgumentException("ParameterId: need 32 bytes.", nameof(bytes));
        return new(BinaryPrimitives.ReadUInt64LittleEndian(bytes),
                   BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
                   BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
                   BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));
    }

    /// <summary>Writes the 32 bytes of the Id.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, W0);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], W1);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], W2);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], W3);
    }

    /// <summary>Lower-case hex of the 32 bytes.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
