using System.Numerics;

namespace Vault.Ckks.Tests;

/// <summary>An independent primality check (BigInteger Miller–Rabin over the first 20 prime bases, deterministic far
/// beyond 2^64), so prime tests do not trust <c>Vault.Ring.Primes</c>.</summary>
internal static class ReferencePrimality
{
    private static readonly int[] Bases = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71];

    public static bool IsPrime(BigInteger n)
    {
        if (n < 2) return false;
        foreach (int b in Bases)
        {
            if (n == b) return true;
            if (n % b == 0) return false;
        }
        BigInteger d = n - 1;
        int s = 0;
        while (d.IsEven) { d >>= 1; s++; }
        foreach (int b in Bases)
        {
            BigInteger x = BigInteger.ModPow(b, d, n);
            if (x.IsOne || x == n - 1) continue;
            bool witness = true;
            for (int r = 1; r < s && witness; r++)
            {
                x = BigInteger.ModPow(x, 2, n);
                if (x == n - 1) witness = false;
            }
            if (witness) return false;
        }
        return true;
    }

    /// <summary>SEAL's CoeffModulus::Create rule, recomputed here: for each bit size b, the largest primes
    /// q &lt; 2^b with q ≡ 1 (mod 2N), handed out smallest first in the order the sizes appear.</summary>
    public static ulong[] SealCoeffModulus(int logN, IReadOnlyList<int> bitSizes)
    {
        BigInteger factor = BigInteger.One << (logN + 1);
        var pools = new Dictionary<int, List<BigInteger>>();
        foreach (var group in bitSizes.GroupBy(b => b))
        {
            var found = new List<BigInteger>();
            BigInteger candidate = ((BigInteger.One << group.Key) - 1) / factor * factor + 1;
            while (found.Count < group.Count())
            {
                if (IsPrime(candidate)) found.Add(candidate);
                candidate -= factor;
            }
            found.Reverse();                                   // smallest of the largest first
            pools[group.Key] = found;
        }
        var result = new ulong[bitSizes.Count];
        for (int i = 0; i < bitSizes.Count; i++)
        {
            var pool = pools[bitSizes[i]];
            result[i] = (ulong)pool[0];
            pool.RemoveAt(0);
        }
        return result;
    }
}
