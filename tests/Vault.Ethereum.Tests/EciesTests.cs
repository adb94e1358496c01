using System.Numerics;
using Vault.Testing;

namespace Vault.Ethereum.Tests;

/// <summary>ECIES to a buyer's secp256k1 key: round trips, every byte tampered, wrong keys, invalid points, and the
/// cross-check both ways with the npm package eciesjs (tests/peers/ecies, installed by <c>make peers</c>).</summary>
public class EciesTests
{
    // The curve's field prime p and b = 7: y² = x³ + 7 (mod p).
    private static readonly BigInteger P = BigInteger.Parse("115792089237316195423570985008687907853269984665640564039457584007908834671663");

    private static byte[] Plaintext(int length, int salt)
    {
        var bytes = new byte[length];
        TestSeed.Random(salt).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(4096)]
    [InlineData(100_000)]
    public void Encrypt_ThenDecrypt_RoundTrips(int length)
    {
        using var buyer = EthereumKey.Generate();
        byte[] plaintext = Plaintext(length, length);
        byte[] ciphertext = Ecies.Encrypt(buyer.PublicKey.Span, plaintext);
        Assert.Equal(Ecies.Overhead + length, ciphertext.Length);
        Assert.Equal(plaintext, Ecies.Decrypt(buyer, ciphertext));
    }

    [Fact]
    public void Encrypt_SamePlaintextTwice_FreshEphemeralKeyAndNonce()
    {
        using var buyer = EthereumKey.Generate();
        byte[] plaintext = Plaintext(32, 1);
        byte[] a = Ecies.Encrypt(buyer.PublicKey.Span, plaintext), b = Ecies.Encrypt(buyer.PublicKey.Span, plaintext);
        Assert.Equal(0x04, a[0]);
        Assert.False(a.AsSpan(0, Ecies.EphemeralKeyLength).SequenceEqual(b.AsSpan(0, Ecies.EphemeralKeyLength)));
        Assert.False(a.AsSpan(Ecies.EphemeralKeyLength, Ecies.NonceLength).SequenceEqual(b.AsSpan(Ecies.EphemeralKeyLength, Ecies.NonceLength)));
        Assert.False(a.AsSpan(0, Ecies.EphemeralKeyLength).SequenceEqual(buyer.PublicKey.Span));
        Assert.False(a.AsSpan(Ecies.Overhead).SequenceEqual(plaintext));
    }

    [Fact]
    public void Encrypt_CompressedAndRawPublicKeys_DecryptWithTheSameKey()
    {
        using var buyer = EthereumKey.Generate();
        ReadOnlySpan<byte> uncompressed = buyer.PublicKey.Span;
        byte[] compressed = [(byte)(0x02 | (uncompressed[64] & 1)), .. uncompressed[1..33]];
        byte[] raw = uncompressed[1..].ToArray();
        byte[] plaintext = Plaintext(40, 2);
        Assert.Equal(plaintext, Ecies.Decrypt(buyer, Ecies.Encrypt(compressed, plaintext)));
        Assert.Equal(plaintext, Ecies.Decrypt(buyer, Ecies.Encrypt(raw, plaintext)));
    }

    [Fact]
    public void Decrypt_EveryByteTampered_Throws()
    {
        using var buyer = EthereumKey.Generate();
        byte[] ciphertext = Ecies.Encrypt(buyer.PublicKey.Span, Plaintext(32, 3));
        for (int i = 0; i < ciphertext.Length; i++)
        {
            foreach (byte flip in (byte[])[0x01, 0x80])
            {
                byte[] tampered = (byte[])ciphertext.Clone();
                tampered[i] ^= flip;
                Assert.Throws<EciesException>(() => Ecies.Decrypt(buyer, tampered));
            }
        }
    }

    [Fact]
    public void Decrypt_TruncatedOrExtended_Throws()
    {
        using var buyer = EthereumKey.Generate();
        byte[] ciphertext = Ecies.Encrypt(buyer.PublicKey.Span, Plaintext(20, 4));
        for (int length = 0; length < ciphertext.Length; length++)
        {
            var e = Assert.Throws<EciesException>(() => Ecies.Decrypt(buyer, ciphertext.AsSpan(0, length)));
            Assert.StartsWith("Decrypt:", e.Message, StringComparison.Ordinal);
        }
        Assert.Throws<EciesException>(() => Ecies.Decrypt(buyer, [.. ciphertext, 0]));
    }

    [Fact]
    public void Decrypt_WrongKey_Throws()
    {
        using var buyer = EthereumKey.Generate();
        using var other = EthereumKey.Generate();
        byte[] ciphertext = Ecies.Encrypt(buyer.PublicKey.Span, Plaintext(64, 5));
        var e = Assert.Throws<EciesException>(() => Ecies.Decrypt(other, ciphertext));
        Assert.Contains("authentication failed", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> InvalidPublicKeys()
    {
        using var key = EthereumKey.Generate();
        byte[] valid = key.PublicKey.ToArray();
        byte[] offCurve = (byte[])valid.Clone();
        offCurve[64] ^= 0x01;                                           // (X, Y ± 1): y² ≠ x³ + 7
        byte[] xTooLarge = new byte[65];
        xTooLarge[0] = 0x04;
        Unsigned(P + 1).CopyTo(xTooLarge, 1);                           // X = p + 1 ≥ p, Y = 0
        byte[] wrongPrefix = (byte[])valid.Clone();
        wrongPrefix[0] = 0x06;                                          // SEC 1 "hybrid" form: not accepted
        byte[] notResidue = new byte[33];
        notResidue[0] = 0x02;
        Unsigned(NonResidueX()).CopyTo(notResidue, 1);                  // x³ + 7 is not a square: no point has this X
        return new TheoryData<string, string>
        {
            { Hex.Encode(offCurve), "off the curve" },
            { Hex.Encode(xTooLarge), "X ≥ p" },
            { Hex.Encode(wrongPrefix), "hybrid prefix 0x06" },
            { Hex.Encode(notResidue), "compressed X with no point" },
            { Hex.Encode(new byte[64]), "raw (0, 0)" },
            { Hex.Encode(new byte[65]), "65 zero bytes" },
            { Hex.Encode(valid.AsSpan(0, 33)), "uncompressed prefix, 33 bytes" },
            { Hex.Encode(valid.AsSpan(1, 32)), "32 bytes" },
            { Hex.Encode([.. valid, 0]), "66 bytes" },
            { "0x", "empty" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidPublicKeys))]
    public void Encrypt_InvalidPublicKey_Throws(string publicKey, string what)
    {
        var e = Assert.Throws<EciesException>(() => Ecies.Encrypt(Hex.Decode(publicKey), [1, 2, 3]));
        Assert.StartsWith("Encrypt: the recipient public key", e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(what);
    }

    [Fact]
    public void Decrypt_EphemeralKeyOffTheCurveOrCompressed_Throws()
    {
        using var buyer = EthereumKey.Generate();
        byte[] ciphertext = Ecies.Encrypt(buyer.PublicKey.Span, Plaintext(8, 6));
        byte[] offCurve = (byte[])ciphertext.Clone();
        offCurve[64] ^= 0x02;
        Assert.Contains("not a point of secp256k1", Assert.Throws<EciesException>(() => Ecies.Decrypt(buyer, offCurve)).Message, StringComparison.Ordinal);
        byte[] compressed = (byte[])ciphertext.Clone();
        compressed[0] = 0x02;
        Assert.Contains("uncompressed", Assert.Throws<EciesException>(() => Ecies.Decrypt(buyer, compressed)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_NullOrDisposedKey_Throws()
    {
        var buyer = EthereumKey.Generate();
        byte[] ciphertext = Ecies.Encrypt(buyer.PublicKey.Span, [1]);
        Assert.Throws<ArgumentNullException>(() => Ecies.Decrypt(null!, ciphertext));
        buyer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Ecies.Decrypt(buyer, ciphertext));
    }

    [Fact]
    public void EciesJs_IsThePinnedVersion()
    {
        Assert.Equal("0.5.0", RunPeer("version"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(33)]
    [InlineData(5000)]
    public void VaultEncrypt_EciesJsDecrypts(int length)
    {
        using var buyer = EthereumKey.Generate();
        byte[] plaintext = Plaintext(length, 100 + length);
        byte[] ciphertext = Ecies.Encrypt(buyer.PublicKey.Span, plaintext);
        using var secret = new PrivateKeyHex(buyer);
        Assert.Equal(plaintext, Hex.Decode(RunPeer("decrypt", secret.Text, Hex.Encode(ciphertext))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(33)]
    [InlineData(5000)]
    public void EciesJsEncrypt_VaultDecrypts(int length)
    {
        using var buyer = EthereumKey.Generate();
        byte[] plaintext = Plaintext(length, 200 + length);
        byte[] ciphertext = Hex.Decode(RunPeer("encrypt", Hex.Encode(buyer.PublicKey.Span), Hex.Encode(plaintext)));
        Assert.Equal(Ecies.Overhead + length, ciphertext.Length);
        Assert.Equal(0x04, ciphertext[0]);
        Assert.Equal(plaintext, Ecies.Decrypt(buyer, ciphertext));
    }

    [Fact]
    public void EciesJsEncryptToCompressedKey_VaultDecrypts()
    {
        using var buyer = EthereumKey.Generate();
        ReadOnlySpan<byte> uncompressed = buyer.PublicKey.Span;
        byte[] compressed = [(byte)(0x02 | (uncompressed[64] & 1)), .. uncompressed[1..33]];
        byte[] plaintext = Plaintext(48, 300);
        byte[] ciphertext = Hex.Decode(RunPeer("encrypt", Hex.Encode(compressed), Hex.Encode(plaintext)));
        Assert.Equal(plaintext, Ecies.Decrypt(buyer, ciphertext));
    }

    [Fact]
    public void VaultCiphertextTampered_EciesJsRefusesIt()
    {
        using var buyer = EthereumKey.Generate();
        byte[] ciphertext = Ecies.Encrypt(buyer.PublicKey.Span, Plaintext(16, 400));
        ciphertext[^1] ^= 0x01;
        using var secret = new PrivateKeyHex(buyer);
        var e = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => RunPeer("decrypt", secret.Text, Hex.Encode(ciphertext)));
        Assert.Contains("exited 1", e.Message, StringComparison.Ordinal);
    }

    private static string RunPeer(params string[] arguments) => Peers.RunNodeIn("ecies", "ecies-peer.js", arguments).Trim();

    private static byte[] Unsigned(BigInteger value)
    {
        byte[] bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.True(bytes.Length <= 32);
        return [.. new byte[32 - bytes.Length], .. bytes];
    }

    /// <summary>The smallest x ≥ 1 for which x³ + 7 is not a square mod p (Euler's criterion).</summary>
    private static BigInteger NonResidueX()
    {
        for (BigInteger x = 1; ; x++)
        {
            BigInteger rhs = (x * x * x + 7) % P;
            if (BigInteger.ModPow(rhs, (P - 1) / 2, P) == P - 1) return x;
        }
    }

    /// <summary>The buyer's private key as hex for the peer's command line (test keys only), zeroed on dispose.</summary>
    private sealed class PrivateKeyHex(EthereumKey key) : IDisposable
    {
        private readonly byte[] _bytes = key.ExportPrivateKey();

        public string Text => Hex.Encode(_bytes);

        public void Dispose() => System.Security.Cryptography.CryptographicOperations.ZeroMemory(_bytes);
    }
}
