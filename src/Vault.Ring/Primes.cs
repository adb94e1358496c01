namespace Vault.Ring;

/// <summary>Deterministic primality testing and NTT-friendly prime generation (q ≡ 1 mod 2N).</summary>
public static class Primes
{
    // Deterministic Miller–Rabin witnesses for all n < 2^64 (Sinclair's base set).
    private static readonly ulong[] Witnesses = [2, 325, 9375, 28178, 450775, 9780504, 1795265022];

    /// <summary>True when n is prime. Deterministic for every 64-bit n.</summary>
    public static bool IsPrime(ulong n)
    {
        if (n < 2) return false;
        foreach (ulong p in (ReadOnlySpan<ulong>)[2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37])
        {
            if (n == p) return true;
            if (n % p == 0) return false;
        }
        ulong d = n - 1;
        int s = 0;
        while ((d & 1) == 0) { d >>= 1; s++; }
        foreach (ulong witness in Witnesses)
        {
            ulong a = witness % n;
            if (a == 0) continue;
            ulong x = PowMod(a, d, n);
            if (x == 1 || x == n - 1) continue;
            bool composite = true;
            for (int r = 1; r < s; r++)
            {
                x = MulMod(x, x, n);
                if (x == n - 1) { composite = false; break; }
            }
            if (composite) return false;
        }
        return true;
    }

    /// <summary>
    /// NTT-friendly primes for the ring of degree N = 2^<paramref name="logN"/>, one per entry of
    /// <paramref name="bitSizes"/>, chosen exactly as SEAL's <c>CoeffModulus::Create</c>: for each bit size b,
    /// the largest primes q &lt; 2^b with q ≡ 1 (mod 2N), handed out smallest first in the order the sizes appear.
    /// </summary>
    /// <exception cref="ArgumentException">A bit size is outside [2, 62] or there are too few such primes.</exception>
    public static ulong[] NttPrimes(int logN, ReadOnlySpan<int> bitSizes)
    {
        if (logN is < 1 or > 17) ThrowHelper.ThrowArgument(nameof(logN), $"NttPrimes: logN={logN} outside [1, 17].");
        ulong factor = 2UL << logN;
        var pools = new Dictionary<int, Stack<ulong>>();
        var counts = new Dictionary<int, int>();
        foreach (int bits in bitSizes)
        {
            if (bits is < 2 or > Modulus.MaxBits)
                ThrowHelper.ThrowArgument(nameof(bitSizes), $"NttPrimes: bit size {bits} outside [2, {Modulus.MaxBits}].");
            counts[bits] = counts.GetValueOrDefault(bits) + 1;
        }
        foreach (var (bits, count) in counts)
        {
            var found = new List<ulong>(count);
            ulong value = ((1UL << bits) - 1) / factor * factor + 1;
            ulong lowerBound = 1UL << (bits - 1);
            while (found.Count < count && value > lowerBound)
            {
                if (IsPrime(value)) found.Add(value);
                value -= factor;
            }
            if (found.Count < count)
                ThrowHelper.ThrowArgument(nameof(bitSizes), $"NttPrimes: only {found.Count} primes of {bits} bits are ≡ 1 mod 2^{logN + 1}; {count} requested.");
            pools[bits] = new Stack<ulong>(found);      // descending list pushed: smallest on top
        }
        var result = new ulong[bitSizes.Length];
        for (int i = 0; i < bitSizes.Length; i++) result[i] = pools[bitSizes[i]].Pop();
        return result;
    }

    private static ulong MulMod(ulong a, ulong b, ulong n) => (ulong)((UInt128)a * b % n);

    private static ulong PowMod(ulong a, ulong e, ulong n)
    {
        ulong result = 1;
        while (e != 0)
        {
            if ((e & 1) != 0) result = MulMod(result, a, n);
            a = MulMod(a, a, n);
            e >>= 1;
        }
        return result;
    }
}
