using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Vault.Ethereum;

/// <summary>ECIES over secp256k1 in the default format of the npm package <c>eciesjs</c> (0.5.0, pinned by the
/// cross-check tests), so a buyer decrypts released outputs with their Ethereum key. proofs/formats/ecies.md specifies
/// the format.</summary>
/// <remarks>
/// <para>Ciphertext = R ‖ nonce ‖ tag ‖ c:</para>
/// <list type="bullet">
/// <item>R (65 bytes): the ephemeral public key r·G, uncompressed 0x04‖X‖Y; r is fresh from the OS CSPRNG per call.</item>
/// <item>k = HKDF-SHA256(IKM = R ‖ S, no salt (RFC 5869: a zero-filled salt of 32 bytes), no info, 32 bytes), where
/// S = r·P is the shared point, uncompressed (65 bytes), and P the recipient's public key.</item>
/// <item>nonce (16 bytes, fresh from the CSPRNG), tag (16 bytes) and c (as long as the plaintext): AES-256-GCM under k
/// with that nonce (a 16-byte nonce goes through GHASH, SP 800-38D) and no associated data.</item>
/// </list>
/// <para>97 bytes of overhead. Decryption validates R as a curve point before any use and checks the tag before
/// returning anything; every failure is an <see cref="EciesException"/>. Stateless and thread-safe.</para>
/// </remarks>
public static class Ecies
{
    /// <summary>Length of the ephemeral public key R (uncompressed).</summary>
    public const int EphemeralKeyLength = 65;

    /// <summary>Length of the AES-GCM nonce.</summary>
    public const int NonceLength = 16;

    /// <summary>Length of the AES-GCM tag.</summary>
    public const int TagLength = 16;

    /// <summary>Bytes a ciphertext adds to its plaintext: R, nonce and tag.</summary>
    public const int Overhead = EphemeralKeyLength + NonceLength + TagLength;

    private const int KeyLength = 32;

    /// <summary>Encrypts <paramref name="plaintext"/> to the holder of <paramref name="recipientPublicKey"/>.</summary>
    /// <param name="recipientPublicKey">The recipient's secp256k1 public key: 65 bytes uncompressed (0x04‖X‖Y, as
    /// <see cref="EthereumKey.PublicKey"/>), 33 bytes compressed (0x02/0x03‖X), or 64 bytes X‖Y (Ethereum's raw form).</param>
    /// <param name="plaintext">Any bytes, including none.</param>
    /// <returns><see cref="Overhead"/> + plaintext length bytes.</returns>
    /// <exception cref="EciesException">The public key is not a point of secp256k1 in one of those encodings.</exception>
    public static byte[] Encrypt(ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> plaintext)
    {
        var recipient = DecodePublicKey(recipientPublicKey, "Encrypt: the recipient public key");
        using var ephemeral = EthereumKey.Generate();
        byte[] shared = ephemeral.SharedPoint(recipient);
        byte[] key = DeriveKey(ephemeral.PublicKey.Span, shared);
        try
        {
            byte[] output = new byte[Overhead + plaintext.Length];
            ephemeral.PublicKey.Span.CopyTo(output);
            Span<byte> nonce = output.AsSpan(EphemeralKeyLength, NonceLength);
            RandomNumberGenerator.Fill(nonce);
            var gcm = Gcm(forEncryption: true, key, nonce);
            byte[] sealedBytes = new byte[gcm.GetOutputSize(plaintext.Length)];          // c ‖ tag
            gcm.DoFinal(sealedBytes.AsSpan(gcm.ProcessBytes(plaintext, sealedBytes)));
            sealedBytes.AsSpan(plaintext.Length, TagLength).CopyTo(output.AsSpan(EphemeralKeyLength + NonceLength));
            sealedBytes.AsSpan(0, plaintext.Length).CopyTo(output.AsSpan(Overhead));
            return output;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    /// <summary>Decrypts a ciphertext made for <paramref name="recipient"/> (by <see cref="Encrypt"/> or by eciesjs).</summary>
    /// <returns>The plaintext; never anything when the ciphertext is not authentic.</returns>
    /// <exception cref="EciesException">The ciphertext is shorter than <see cref="Overhead"/>, its ephemeral key is not
    /// an uncompressed secp256k1 point, or authentication fails (tampered, truncated, or for another key).</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public static byte[] Decrypt(EthereumKey recipient, ReadOnlySpan<byte> ciphertext)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (ciphertext.Length < Overhead)
            throw new EciesException($"Decrypt: {ciphertext.Length} bytes is shorter than the {Overhead}-byte minimum (ephemeral key, nonce, tag).");
        ReadOnlySpan<byte> ephemeralKey = ciphertext[..EphemeralKeyLength];
        if (ephemeralKey[0] != 0x04)
            throw new EciesException($"Decrypt: the ephemeral key must be uncompressed (0x04 prefix), found 0x{ephemeralKey[0]:x2}.");
        var ephemeral = DecodePublicKey(ephemeralKey, "Decrypt: the ephemeral key");
        byte[] shared = recipient.SharedPoint(ephemeral);
        byte[] key = DeriveKey(ephemeralKey, shared);
        int length = ciphertext.Length - Overhead;
        byte[] sealedBytes = new byte[length + TagLength];                               // c ‖ tag, as GCM wants it
        byte[] plaintext = new byte[length];
        try
        {
            ciphertext[Overhead..].CopyTo(sealedBytes);
            ciphertext.Slice(EphemeralKeyLength + NonceLength, TagLength).CopyTo(sealedBytes.AsSpan(length));
            var gcm = Gcm(forEncryption: false, key, ciphertext.Slice(EphemeralKeyLength, NonceLength));
            byte[] buffer = new byte[gcm.GetOutputSize(sealedBytes.Length)];
            try
            {
                gcm.DoFinal(buffer.AsSpan(gcm.ProcessBytes(sealedBytes, buffer)));
                buffer.AsSpan(0, length).CopyTo(plaintext);
                return plaintext;
            }
            catch (InvalidCipherTextException e)
            {
                throw new EciesException("Decrypt: authentication failed (the ciphertext was altered, truncated, or made for another key).", e);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(buffer);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    /// <summary>A validated point from 65 (0x04‖X‖Y), 33 (0x02/0x03‖X) or 64 (X‖Y) bytes.</summary>
    private static ECPoint DecodePublicKey(ReadOnlySpan<byte> encoded, string what)
    {
        byte[] sec1;
        switch (encoded.Length)
        {
            case 65 when encoded[0] == 0x04:
            case 33 when encoded[0] is 0x02 or 0x03:
                sec1 = encoded.ToArray();
                break;
            case 64:
                sec1 = new byte[65];
                sec1[0] = 0x04;
                encoded.CopyTo(sec1.AsSpan(1));
                break;
            default:
                throw new EciesException($"{what} must be 65 bytes 0x04‖X‖Y, 33 bytes 0x02/0x03‖X or 64 bytes X‖Y; got {encoded.Length} bytes" +
                    (encoded.IsEmpty ? "." : $" starting 0x{encoded[0]:x2}."));
        }
        try
        {
            // DecodePoint checks that the coordinates are below p and satisfy the curve equation; the cofactor is 1.
            return Secp256k1.Curve.Curve.DecodePoint(sec1);
        }
        catch (ArgumentException e)
        {
            throw new EciesException($"{what} is not a point of secp256k1.", e);
        }
    }

    /// <summary>k = HKDF-SHA256(R ‖ S) with no salt and no info, 32 bytes.</summary>
    private static byte[] DeriveKey(ReadOnlySpan<byte> ephemeralKey, ReadOnlySpan<byte> shared)
    {
        Span<byte> ikm = stackalloc byte[2 * EphemeralKeyLength];
        byte[] key = new byte[KeyLength];
        try
        {
            ephemeralKey.CopyTo(ikm);
            shared.CopyTo(ikm[EphemeralKeyLength..]);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, key, salt: [], info: []);
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ikm);
        }
    }

    private static GcmBlockCipher Gcm(bool forEncryption, byte[] key, ReadOnlySpan<byte> nonce)
    {
        var gcm = new GcmBlockCipher(new AesEngine());
        gcm.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagLength * 8, nonce.ToArray()));
        return gcm;
    }
}
