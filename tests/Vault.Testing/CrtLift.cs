using System.Numerics;
using Vault.Ring;

namespace Vault.Testing;

/// <summary>Exact integer views of RNS polynomials for noise measurements: full CRT reconstruction with
/// <see cref="BigInteger"/>, centred in (−Q/2, Q/2]. Slow and test-only; independent of the library's own
/// Garner decoding so it can check it.</summary>
public static class CrtLift
{
    /// <summary>The centred integer coefficients of the first <c>basis.Count</c> limbs of <paramref name="poly"/>.
    /// <paramref name="ntt"/> says whether the poly is in NTT form; the poly is not modified.</summary>
    public static BigInteger[] Centered(RnsBasis basis, RnsPoly poly, bool ntt)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(poly);
        int n = basis.N, k = basis.Count;
        var limbs = new ulong[k][];
        for (int i = 0; i < k; i++)
        {
            limbs[i] = poly.Limb(i).ToArray();
            if (ntt) basis.Tables[i].Inverse(limbs[i]);
        }
        BigInteger q = basis.Product, half = q / 2;
        var crt = new BigInteger[k];                 // (Q/q_i) · ((Q/q_i)^-1 mod q_i)
        for (int i = 0; i < k; i++)
        {
            BigInteger qi = basis.Moduli[i].Value, punctured = q / qi;
            crt[i] = punctured * BigInteger.ModPow(punctured % qi, qi - 2, qi);
        }
        var result = new BigInteger[n];
        for (int t = 0; t < n; t++)
        {
            BigInteger x = BigInteger.Zero;
            for (int i = 0; i < k; i++) x += crt[i] * limbs[i][t];
            x %= q;
            result[t] = x > half ? x - q : x;
        }
        return result;
    }

    /// <summary>The centred coefficients of a − b (both over <paramref name="basis"/>, same form).</summary>
    public static BigInteger[] CenteredDifference(RnsBasis basis, RnsPoly a, RnsPoly b, bool ntt)
    {
        ArgumentNullException.ThrowIfNull(basis);
        var difference = new RnsPoly(basis.N, basis.Count);
        for (int i = 0; i < basis.Count; i++) a.Limb(i).CopyTo(difference.Limb(i));
        var bCopy = new RnsPoly(basis.N, basis.Count);
        for (int i = 0; i < basis.Count; i++) b.Limb(i).CopyTo(bCopy.Limb(i));
        basis.Sub(difference, bCopy, difference);
        return Centered(basis, difference, ntt);
    }

    /// <summary>The largest |x| as a double.</summary>
    public static double MaxAbs(ReadOnlySpan<BigInteger> values)
    {
        BigInteger max = BigInteger.Zero;
        foreach (var v in values) max = BigInteger.Max(max, BigInteger.Abs(v));
        return (double)max;
    }

    /// <summary>log2 of the largest |x|, or −∞ when every value is zero.</summary>
    public static double Log2MaxAbs(ReadOnlySpan<BigInteger> values)
    {
        double max = MaxAbs(values);
        return max == 0 ? double.NegativeInfinity : Math.Log2(max);
    }

    /// <summary>Root mean square of the values.</summary>
    public static double Rms(ReadOnlySpan<BigInteger> values)
    {
        double sum = 0;
        foreach (var v in values) sum += (double)v * (double)v;
        return Math.Sqrt(sum / values.Length);
    }
}
