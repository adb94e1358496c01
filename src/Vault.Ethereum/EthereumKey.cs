using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Signers;
using BouncyInteger = Org.BouncyCastle.Math.BigInteger;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Vault.Ethereum;

/// <summary>A secp256k1 private key that signs Ethereum hashes deterministically (RFC 6979 with HMAC-SHA256, low s,
/// recovery id). The key never appears in <see cref="ToString"/>, and <see cref="Dispose"/> zeroes the copy this
/// object holds (BouncyCastle's immutable big integers cannot be zeroed; they live only for the key's lifetime).</summary>
public sealed class EthereumKey : IDisposable
{
    private readonly byte[] _secret;
    private readonly BouncyInteger _d;
    private bool _disposed;

    private EthereumKey(byte[] secret)
    {
        _secret = secret;
        _d = new BouncyInteger(1, secret);
        byte[] publicKey = Secp256k1.PublicKey(_d);
        PublicKey = publicKey;
        Address = EthereumAddress.FromPublicKey(publicKey);
    }

    /// <summary>The account address.</summary>
    public EthereumAddress Address { get; }

    /// <summary>The uncompressed public key 0x04‖X‖Y (65 bytes).</summary>
    public ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>Wraps a 32-byte private key; it must lie in [1, n).</summary>
    /// <exception cref="ArgumentException">Wrong length or out of range (the message never contains the key).</exception>
    public static EthereumKey FromPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32) ThrowHelper.ThrowLengthMismatch(nameof(privateKey), 32, privateKey.Length);
        var d = new BouncyInteger(1, privateKey.ToArray());
        if (d.SignValue == 0 || d.CompareTo(Secp256k1.N) >= 0)
            ThrowHelper.ThrowArgument(nameof(privateKey), "FromPrivateKey: the private key is not in [1, n) for secp256k1.");
        return new EthereumKey(privateKey.ToArray());
    }

    /// <summary>A new key from the operating system's CSPRNG.</summary>
    public static EthereumKey Generate()
    {
        byte[] candidate = new byte[32];
        while (true)
        {
            RandomNumberGenerator.Fill(candidate);
            var d = new BouncyInteger(1, candidate);
            if (d.SignValue > 0 && d.CompareTo(Secp256k1.N) < 0) return new EthereumKey(candidate);
        }
    }

    /// <summary>Signs a 32-byte hash: RFC 6979 deterministic k (HMAC-SHA256), s normalised to ≤ n/2, and the recovery id
    /// found by trial recovery. The same key and hash always give the same signature (as <c>cast wallet sign --no-hash</c>).</summary>
    public EcdsaSignature Sign(ReadOnlySpan<byte> hash)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (hash.Length != 32) ThrowHelper.ThrowLengthMismatch(nameof(hash), 32, hash.Length);
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, Secp256k1.PrivateParameters(_d));
        byte[] message = hash.ToArray();
        var rs = signer.GenerateSignature(message);
        BouncyInteger r = rs[0], s = rs[1];
        if (s.CompareTo(Secp256k1.HalfN) > 0) s = Secp256k1.N.Subtract(s);
        for (byte id = 0; id < 2; id++)
        {
            byte[]? recovered = Secp256k1.Recover(hash, r, s, id);
            if (recovered is not null && recovered.AsSpan().SequenceEqual(PublicKey.Span))
                return new EcdsaSignature(EcdsaSignature.FromBouncy(r), EcdsaSignature.FromBouncy(s), id);
        }
        throw new CryptographicException("EthereumKey.Sign: no recovery id reproduces the public key.");
    }

    /// <summary>Signs a <see cref="Bytes32"/> hash.</summary>
    public EcdsaSignature Sign(Bytes32 hash) => Sign(hash.Span);

    /// <summary>ECDH: the 65-byte uncompressed encoding 0x04‖X‖Y of d·<paramref name="point"/>, for <see cref="Ecies"/>.
    /// The point must be a validated curve point (cofactor 1, so d·point is never the point at infinity).</summary>
    internal byte[] SharedPoint(ECPoint point)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return point.Multiply(_d).Normalize().GetEncoded(compressed: false);
    }

    /// <summary>A copy of the 32-byte private key, for the keystore writer only. The caller zeroes it.</summary>
    internal byte[] ExportPrivateKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (byte[])_secret.Clone();
    }

    /// <summary>Zeroes the private key bytes held by this object.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_secret);
        _disposed = true;
    }

    /// <summary>Only the address: the private key is never written out.</summary>
    public override string ToString() => $"EthereumKey({Address})";
}
