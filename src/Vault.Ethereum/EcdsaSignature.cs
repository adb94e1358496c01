using System.Numerics;

namespace Vault.Ethereum;

/// <summary>A secp256k1 ECDSA signature in Ethereum's form: (r, s) with low s (s ≤ n/2, EIP-2) and the recovery
/// id (0 or 1, the parity of R.y) that lets anyone recover the signer's address from the signed hash.</summary>
public readonly record struct EcdsaSignature
{
    /// <summary>Creates a signature; r and s must lie in [1, n), the recovery id in {0, 1}.</summary>
    public EcdsaSignature(BigInteger r, BigInteger s, byte recoveryId)
    {
        if (r.Sign <= 0 || r >= CurveOrder) ThrowHelper.ThrowArgumentOutOfRange(nameof(r), "r must lie in [1, n).");
        if (s.Sign <= 0 || s >= CurveOrder) ThrowHelper.ThrowArgumentOutOfRange(nameof(s), "s must lie in [1, n).");
        if (recoveryId > 1) ThrowHelper.ThrowArgumentOutOfRange(nameof(recoveryId), "The recovery id is 0 or 1.");
        R = r;
        S = s;
        RecoveryId = recoveryId;
    }

    /// <summary>The order n of the secp256k1 group.</summary>
    public static BigInteger CurveOrder { get; } = BigInteger.Parse("115792089237316195423570985008687907852837564279074904382605163141518161494337", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>r.</summary>
    public BigInteger R { get; }

    /// <summary>s (low: at most n/2 for signatures made here).</summary>
    public BigInteger S { get; }

    /// <summary>0 or 1: the parity of the y coordinate of R.</summary>
    public byte RecoveryId { get; }

    /// <summary>The 65-byte form r‖s‖v with v = 27 + recovery id (as <c>eth_sign</c>, <c>cast wallet sign</c> and Solidity's
    /// <c>ecrecover</c> use it).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[65];
        R.TryWriteBytes(bytes.AsSpan(0, 32)[(32 - R.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);
        S.TryWriteBytes(bytes.AsSpan(32, 32)[(32 - S.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);
        bytes[64] = (byte)(27 + RecoveryId);
        return bytes;
    }

    /// <summary>Reads the 65-byte r‖s‖v form; v may be 0, 1, 27 or 28.</summary>
    /// <exception cref="FormatException">Wrong length, v, r or s.</exception>
    public static EcdsaSignature FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 65) throw new FormatException($"EcdsaSignature.FromBytes: expected 65 bytes (r‖s‖v), got {bytes.Length}.");
        byte v = bytes[64];
        byte id = v switch
        {
            0 or 1 => v,
            27 or 28 => (byte)(v - 27),
            _ => throw new FormatException($"EcdsaSignature.FromBytes: v = {v}; expected 0, 1, 27 or 28."),
        };
        var r = new BigInteger(bytes[..32], isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(bytes[32..64], isUnsigned: true, isBigEndian: true);
        if (r.Sign == 0 || r >= CurveOrder || s.Sign == 0 || s >= CurveOrder)
            throw new FormatException("EcdsaSignature.FromBytes: r or s is outside [1, n).");
        return new EcdsaSignature(r, s, id);
    }

    /// <summary>Recovers the signer's address from the 32-byte hash that was signed.</summary>
    /// <exception cref="FormatException">No public key recovers from this signature and hash.</exception>
    public EthereumAddress RecoverSigner(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != 32) ThrowHelper.ThrowLengthMismatch(nameof(hash), 32, hash.Length);
        byte[]? publicKey = Secp256k1.Recover(hash, ToBouncy(R), ToBouncy(S), RecoveryId);
        return publicKey is null
            ? throw new FormatException("EcdsaSignature.RecoverSigner: the signature does not recover to a public key for this hash.")
            : EthereumAddress.FromPublicKey(publicKey);
    }

    /// <summary>Recovers the signer from a <see cref="Bytes32"/> hash.</summary>
    public EthereumAddress RecoverSigner(Bytes32 hash) => RecoverSigner(hash.Span);

    /// <summary><c>0x</c> and the 65-byte form in hex.</summary>
    public override string ToString() => Hex.Encode(ToBytes());

    internal static Org.BouncyCastle.Math.BigInteger ToBouncy(BigInteger value) =>
        new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));

    internal static BigInteger FromBouncy(Org.BouncyCastle.Math.BigInteger value) =>
        new(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);
}
