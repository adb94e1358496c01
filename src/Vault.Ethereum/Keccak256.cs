using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace Vault.Ethereum;

/// <summary>Keccak-256 as Ethereum uses it (the original Keccak padding, not FIPS 202 SHA3-256):
/// <c>Keccak256("") = c5d24601…5d85a470</c>.</summary>
public static class Keccak256
{
    /// <summary>Size of the digest in bytes.</summary>
    public const int Size = 32;

    /// <summary>Hashes <paramref name="data"/> into <paramref name="destination"/> (32 bytes; may not alias the input).</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length != Size) ThrowHelper.ThrowLengthMismatch(nameof(destination), Size, destination.Length);
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        digest.DoFinal(destination);
    }

    /// <summary>Returns the 32-byte Keccak-256 of <paramref name="data"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var result = new byte[Size];
        Hash(data, result);
        return result;
    }

    /// <summary>Returns the Keccak-256 of the UTF-8 bytes of <paramref name="text"/> (as Solidity's <c>keccak256(bytes(s))</c>).</summary>
    public static byte[] Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Hash(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The hash as a <see cref="Bytes32"/>.</summary>
    public static Bytes32 Hash32(ReadOnlySpan<byte> data) => new(Hash(data));

    /// <summary>The hash of the UTF-8 bytes of <paramref name="text"/> as a <see cref="Bytes32"/>.</summary>
    public static Bytes32 Hash32(string text) => new(Hash(text));
}
