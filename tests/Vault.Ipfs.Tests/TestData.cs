namespace Vault.Ipfs.Tests;

/// <summary>Deterministic test content.</summary>
public static class TestData
{
    public const int Chunk = 256 * 1024;

    /// <summary><paramref name="length"/> pseudo-random bytes, the same for the same length and salt.</summary>
    public static byte[] Bytes(long length, int salt = 0)
    {
        var bytes = new byte[length];
        new Random(unchecked((int)(length * 7919) + salt)).NextBytes(bytes);
        return bytes;
    }
}
