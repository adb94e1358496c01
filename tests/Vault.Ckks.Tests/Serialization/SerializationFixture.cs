using System.Security.Cryptography;
using Vault.Ckks.Serialization;
using Vault.Testing;

namespace Vault.Ckks.Tests;

/// <summary>One LogN10 (insecure, fast) context shared by the serialization tests of a class.</summary>
public sealed class SerializationFixture : IDisposable
{
    public CkksTestContext Context { get; } = new(CkksParameterPresets.InsecureTestOnlyLogN10, salt: 77);

    public CkksParameters Parameters => Context.Parameters;

    public void Dispose() => Context.Dispose();
}

/// <summary>Byte surgery on serialized objects.</summary>
internal static class Wire
{
    public const int BodyOffset = CkksSerializer.HeaderLength;

    /// <summary>A copy with the trailing SHA-256 recomputed, so a deliberate edit passes the checksum.</summary>
    public static byte[] Rechecksum(byte[] data)
    {
        var copy = (byte[])data.Clone();
        int end = copy.Length - CkksSerializer.ChecksumLength;
        SHA256.HashData(copy.AsSpan(0, end), copy.AsSpan(end));
        return copy;
    }

    public static byte[] Flip(byte[] data, int offset, byte mask = 0x01)
    {
        var copy = (byte[])data.Clone();
        copy[offset] ^= mask;
        return copy;
    }

    public static byte[] Edit(byte[] data, Action<byte[]> edit, bool rechecksum = true)
    {
        var copy = (byte[])data.Clone();
        edit(copy);
        return rechecksum ? Rechecksum(copy) : copy;
    }
}
