using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace Vault.Ethereum.Keystore;

/// <summary>scrypt (RFC 7914) with PBKDF2-HMAC-SHA256 and Salsa20/8. Keystores in the wild use n = 2^18 with r = 1,
/// which RFC 7914 §2 discourages (N &lt; 2^(128·r/8)) and BouncyCastle therefore refuses, so Vault carries its own.</summary>
internal static class Scrypt
{
    public static byte[] Derive(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int n, int r, int p, int dkLen)
    {
        if (n < 2 || (n & (n - 1)) != 0) ThrowHelper.ThrowArgumentOutOfRange(nameof(n), "scrypt: N must be a power of two ≥ 2.");
        if (r < 1 || p < 1 || (long)r * p >= 1 << 30) ThrowHelper.ThrowArgumentOutOfRange(nameof(r), "scrypt: r and p must be positive with r·p < 2^30.");
        int blockBytes = 128 * r;
        byte[] b = Rfc2898DeriveBytes.Pbkdf2(password, salt, 1, HashAlgorithmName.SHA256, p * blockBytes);
        var x = new uint[32 * r];
        var v = new uint[(long)n * 32 * r];
        var scratch = new uint[32 * r];
        try
        {
            for (int i = 0; i < p; i++)
            {
                var block = b.AsSpan(i * blockBytes, blockBytes);
                for (int k = 0; k < x.Length; k++) x[k] = BinaryPrimitives.ReadUInt32LittleEndian(block[(4 * k)..]);
                RoMix(x, v, scratch, n, r);
                for (int k = 0; k < x.Length; k++) BinaryPrimitives.WriteUInt32LittleEndian(block[(4 * k)..], x[k]);
            }
            return Rfc2898DeriveBytes.Pbkdf2(password, b, 1, HashAlgorithmName.SHA256, dkLen);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(b);
            Array.Clear(x);
            Array.Clear(v);
            Array.Clear(scratch);
        }
    }

    private static void RoMix(uint[] x, uint[] v, uint[] scratch, int n, int r)
    {
        int words = 32 * r;
        for (int i = 0; i < n; i++)
        {
            Array.Copy(x, 0, v, (long)i * words, words);
            BlockMix(x, scratch, r);
        }
        for (int i = 0; i < n; i++)
        {
            long j = x[(2 * r - 1) * 16] & (uint)(n - 1);                      // Integerify mod N (N ≤ 2^31)
            var vj = v.AsSpan((int)(j * words), words);
            for (int k = 0; k < words; k++) x[k] ^= vj[k];
            BlockMix(x, scratch, r);
        }
    }

    /// <summary>BlockMix_{Salsa20/8, r}: Y_i = Salsa(Y_{i−1} ⊕ B_i); output the even blocks, then the odd ones.</summary>
    private static void BlockMix(uint[] b, uint[] y, int r)
    {
        Span<uint> x = stackalloc uint[16];
        b.AsSpan((2 * r - 1) * 16, 16).CopyTo(x);
        for (int i = 0; i < 2 * r; i++)
        {
            var bi = b.AsSpan(i * 16, 16);
            for (int k = 0; k < 16; k++) x[k] ^= bi[k];
            Salsa20_8(x);
            int destination = (i % 2 == 0 ? i / 2 : r + i / 2) * 16;
            x.CopyTo(y.AsSpan(destination, 16));
        }
        y.CopyTo(b, 0);
    }

    private static void Salsa20_8(Span<uint> b)
    {
        uint x0 = b[0], x1 = b[1], x2 = b[2], x3 = b[3], x4 = b[4], x5 = b[5], x6 = b[6], x7 = b[7],
             x8 = b[8], x9 = b[9], x10 = b[10], x11 = b[11], x12 = b[12], x13 = b[13], x14 = b[14], x15 = b[15];
        for (int i = 0; i < 8; i += 2)
        {
            x4 ^= BitOperations.RotateLeft(x0 + x12, 7); x8 ^= BitOperations.RotateLeft(x4 + x0, 9);
            x12 ^= BitOperations.RotateLeft(x8 + x4, 13); x0 ^= BitOperations.RotateLeft(x12 + x8, 18);
            x9 ^= BitOperations.RotateLeft(x5 + x1, 7); x13 ^= BitOperations.RotateLeft(x9 + x5, 9);
            x1 ^= BitOperations.RotateLeft(x13 + x9, 13); x5 ^= BitOperations.RotateLeft(x1 + x13, 18);
            x14 ^= BitOperations.RotateLeft(x10 + x6, 7); x2 ^= BitOperations.RotateLeft(x14 + x10, 9);
            x6 ^= BitOperations.RotateLeft(x2 + x14, 13); x10 ^= BitOperations.RotateLeft(x6 + x2, 18);
            x3 ^= BitOperations.RotateLeft(x15 + x11, 7); x7 ^= BitOperations.RotateLeft(x3 + x15, 9);
            x11 ^= BitOperations.RotateLeft(x7 + x3, 13); x15 ^= BitOperations.RotateLeft(x11 + x7, 18);
            x1 ^= BitOperations.RotateLeft(x0 + x3, 7); x2 ^= BitOperations.RotateLeft(x1 + x0, 9);
            x3 ^= BitOperations.RotateLeft(x2 + x1, 13); x0 ^= BitOperations.RotateLeft(x3 + x2, 18);
            x6 ^= BitOperations.RotateLeft(x5 + x4, 7); x7 ^= BitOperations.RotateLeft(x6 + x5, 9);
            x4 ^= BitOperations.RotateLeft(x7 + x6, 13); x5 ^= BitOperations.RotateLeft(x4 + x7, 18);
            x11 ^= BitOperations.RotateLeft(x10 + x9, 7); x8 ^= BitOperations.RotateLeft(x11 + x10, 9);
            x9 ^= BitOperations.RotateLeft(x8 + x11, 13); x10 ^= BitOperations.RotateLeft(x9 + x8, 18);
            x12 ^= BitOperations.RotateLeft(x15 + x14, 7); x13 ^= BitOperations.RotateLeft(x12 + x15, 9);
            x14 ^= BitOperations.RotateLeft(x13 + x12, 13); x15 ^= BitOperations.RotateLeft(x14 + x13, 18);
        }
        b[0] += x0; b[1] += x1; b[2] += x2; b[3] += x3; b[4] += x4; b[5] += x5; b[6] += x6; b[7] += x7;
        b[8] += x8; b[9] += x9; b[10] += x10; b[11] += x11; b[12] += x12; b[13] += x13; b[14] += x14; b[15] += x15;
    }
}
