using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace Vault.Ethereum;

/// <summary>The secp256k1 curve (SEC 2) through BouncyCastle, and public-key recovery (SEC 1 v2, §4.1.6).</summary>
internal static class Secp256k1
{
    public static readonly X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");
    public static readonly ECDomainParameters Domain = new(Curve.Curve, Curve.G, Curve.N, Curve.H);
    public static readonly BigInteger N = Curve.N;
    public static readonly BigInteger HalfN = Curve.N.ShiftRight(1);

    /// <summary>The 65-byte uncompressed public key 0x04‖X‖Y of the private scalar <paramref name="d"/>.</summary>
    public static byte[] PublicKey(BigInteger d) =>
        new FixedPointCombMultiplier().Multiply(Curve.G, d).Normalize().GetEncoded(compressed: false);

    /// <summary>Recovers the uncompressed public key that produced (r, s) over <paramref name="hash"/> with the given
    /// recovery id (bit 0 = parity of R.y; ids 2 and 3, r ≥ n, never occur for secp256k1 in practice and are refused).
    /// Returns null when no point exists.</summary>
    public static byte[]? Recover(ReadOnlySpan<byte> hash, BigInteger r, BigInteger s, int recoveryId)
    {
        if (recoveryId is < 0 or > 1) return null;
        if (r.SignValue <= 0 || r.CompareTo(N) >= 0 || s.SignValue <= 0 || s.CompareTo(N) >= 0) return null;
        var curve = Curve.Curve;
        if (r.CompareTo(curve.Field.Characteristic) >= 0) return null;
        byte[] compressed = new byte[33];
        compressed[0] = (byte)(0x02 | recoveryId);
        byte[] x = r.ToByteArrayUnsigned();
        x.CopyTo(compressed, 33 - x.Length);
        ECPoint point;
        try
        {
            point = curve.DecodePoint(compressed);
        }
        catch (ArgumentException)
        {
            return null;                                               // r is not the x of a curve point
        }
        var e = new BigInteger(1, hash.ToArray());
        var rInverse = r.ModInverse(N);
        var u1 = e.Negate().Multiply(rInverse).Mod(N);
        var u2 = s.Multiply(rInverse).Mod(N);
        var q = ECAlgorithms.SumOfTwoMultiplies(Curve.G, u1, point, u2).Normalize();
        return q.IsInfinity ? null : q.GetEncoded(compressed: false);
    }

    public static ECPrivateKeyParameters PrivateParameters(BigInteger d) => new(d, Domain);
}
