using System.Buffers.Binary;
using Vault.Rlwe;

namespace Vault.Engine.Datasets;

/// <summary>The fixed 60-byte header of an object in the CKKS binary format (<c>proofs/formats/ckks-binary-format.md</c>
/// §1): enough to tell an object's kind and parameter Id without reading (or holding) its body, which for Galois keys
/// can be hundreds of megabytes. Says nothing about the body's integrity: that needs a full read with
/// <c>CkksSerializer</c>, or the content address.</summary>
internal readonly record struct CkksObjectHeader(int Kind, ParameterId ParameterId, int Level, double Scale, ulong BodyLength)
{
    public const int Length = 60;
    public const int ChecksumLength = 32;
    public const int ParametersKind = 1, SecretKeyKind = 2, PublicKeyKind = 3, RelinearizationKeyKind = 4, GaloisKeysKind = 5, CiphertextKind = 7;

    /// <summary>Object bytes: header, body and checksum.</summary>
    public ulong TotalLength => Length + BodyLength + ChecksumLength;

    /// <summary>The kind's name in messages.</summary>
    public static string KindName(int kind) => kind switch
    {
        ParametersKind => "parameters",
        SecretKeyKind => "a secret key",
        PublicKeyKind => "a public key",
        RelinearizationKeyKind => "a relinearization key",
        GaloisKeysKind => "Galois keys",
        6 => "a plaintext",
        CiphertextKind => "a ciphertext",
        _ => $"kind {kind}",
    };

    /// <summary>Decodes the header at the start of <paramref name="bytes"/>; null when it is not a version-1 header.</summary>
    public static CkksObjectHeader? TryRead(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Length || !bytes[..4].SequenceEqual("VLTK"u8) || BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]) != 1) return null;
        return new CkksObjectHeader(bytes[6], ParameterId.Read(bytes.Slice(8, ParameterId.ByteLength)),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[40..]), BinaryPrimitives.ReadDoubleLittleEndian(bytes[44..]), BinaryPrimitives.ReadUInt64LittleEndian(bytes[52..]));
    }

    /// <summary>Reads the header from the start of <paramref name="stream"/> (consuming 60 bytes); null when it is not one.</summary>
    public static CkksObjectHeader? TryRead(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> buffer = stackalloc byte[Length];
        return stream.ReadAtLeast(buffer, Length, throwOnEndOfStream: false) < Length ? null : TryRead(buffer);
    }
}
