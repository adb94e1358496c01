using System.Numerics;

namespace Vault.Ring.Tests;

/// <summary>Slow, obviously-correct reference arithmetic that the tests compare Vault.Ring against. Nothing here calls
/// Vault.Ring, so a bug there cannot hide in the expected values.</summary>
internal static class ReferenceMath
{
    private static readonly int[] SmallPrimes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41];

    /// <summary>x mod m in [0, m) for any sign of x.</summary>
    public static BigInteger Mod(BigInteger x, BigInteger m)
    {
        var r = BigInteger.Remainder(x, m);
        return r.Sign < 0 ? r + m : r;
    }

    /// <summary>Miller–Rabin on BigInteger with the 13 prime bases 2..41: deterministic for n &lt; 3.3·10^24.</summary>
    public static bool IsPrime(BigInteger n)
    {
        if (n < 2) return false;
        foreach (int p in SmallPrimes)
            if (n % p == 0) return n == p;
        BigInteger d = n - 1;
        int s = 0;
        while (d.IsEven) { d >>= 1; s++; }
        foreach (int a in SmallPrimes)
        {
            var x = BigInteger.ModPow(a, d, n);
            if (x.IsOne || x == n - 1) continue;
            bool witness = true;
            for (int r = 1; r < s && witness; r++)
            {
                x = x * x % n;
                if (x == n - 1) witness = false;
            }
            if (witness) return false;
        }
        return true;
    }

    /// <summary>Trial division, for small n.</summary>
    public static bool IsPrimeByTrialDivision(ulong n)
    {
        if (n < 2) return false;
        for (ulong d = 2; d * d <= n; d++)
            if (n % d == 0) return false;
        return true;
    }

    /// <summary>SEAL's <c>CoeffModulus::Create</c> re-implemented from its documented algorithm: for each distinct bit
    /// size b, walk q = ⌊(2^b − 1)/2N⌋·2N + 1 downwards in steps of 2N while q &gt; 2^(b−1), keeping primes; the
    /// list is descending and each request pops from its back (smallest first).</summary>
    public static ulong[] SealCoeffModulus(int logN, int[] bitSizes)
    {
        BigInteger factor = BigInteger.One << (logN + 1);
        var pools = new Dictionary<int, List<BigInteger>>();
        foreach (int bits in bitSizes.Distinct())
        {
            int count = bitSizes.Count(b => b == bits);
            var found = new List<BigInteger>();
            BigInteger value = ((BigInteger.One << bits) - 1) / factor * factor + 1;
            BigInteger lower = BigInteger.One << (bits - 1);
            while (found.Count < count && value > lower)
            {
                if (IsPrime(value)) found.Add(value);
                value -= factor;
            }
            if (found.Count < count) throw new InvalidOperationException($"too few {bits}-bit primes");
            pools[bits] = found;
        }
        var result = new ulong[bitSizes.Length];
        for (int i = 0; i < bitSizes.Length; i++)
        {
            var pool = pools[bitSizes[i]];
            result[i] = (ulong)pool[^1];
            pool.RemoveAt(pool.Count - 1);
        }
        return result;
    }

    /// <summary>Reverses the low <paramref name="bits"/> bits, one bit at a time.</summary>
    public static int BitReverse(int value, int bits)
    {
        int r = 0;
        for (int i = 0; i < bits; i++) r |= ((value >> i) & 1) << (bits - 1 - i);
        return r;
    }

    /// <summary>a(x) mod q by Horner's rule.</summary>
    public static ulong Evaluate(ReadOnlySpan<ulong> a, ulong x, ulong q)
    {
        BigInteger acc = 0;
        for (int i = a.Length - 1; i >= 0; i--) acc = (acc * x + a[i]) % q;
        return (ulong)acc;
    }

    /// <summary>The forward negacyclic NTT by definition: out[k] = a(ψ^(2·bitrev(k) + 1)) mod q.</summary>
    public static ulong[] NaiveNtt(ReadOnlySpan<ulong> a, ulong psi, ulong q)
    {
        int n = a.Length, logN = BitOperations.Log2((uint)n);
        var result = new ulong[n];
        for (int k = 0; k < n; k++)
        {
            ulong point = (ulong)BigInteger.ModPow(psi, 2 * BitReverse(k, logN) + 1, q);
            result[k] = Evaluate(a, point, q);
        }
        return result;
    }

    /// <summary>a · b in Z_q[X]/(X^N + 1) by schoolbook multiplication.</summary>
    public static ulong[] NegacyclicProduct(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, ulong q)
    {
        int n = a.Length;
        var acc = new UInt128[n];
        var negative = new UInt128[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                var p = (UInt128)a[i] * b[j] % q;
                if (i + j < n) acc[i + j] += p;
                else negative[i + j - n] += p;
            }
        }
        var r = new ulong[n];
        for (int k = 0; k < n; k++)
        {
            ulong pos = (ulong)(acc[k] % q), neg = (ulong)(negative[k] % q);
            r[k] = pos >= neg ? pos - neg : pos + (q - neg);
        }
        return r;
    }

    /// <summary>The unique x in [0, ∏ m_i) with x ≡ r_i (mod m_i).</summary>
    public static BigInteger Crt(ReadOnlySpan<ulong> residues, ReadOnlySpan<ulong> moduli)
    {
        BigInteger product = 1;
        foreach (ulong m in moduli) product *= m;
        BigInteger x = 0;
        for (int i = 0; i < moduli.Length; i++)
        {
            BigInteger punctured = product / moduli[i];
            BigInteger inv = BigInteger.ModPow(punctured % moduli[i], moduli[i] - 2, moduli[i]);   // moduli are prime
            x += residues[i] * inv % moduli[i] * punctured;
        }
        return x % product;
    }

    /// <summary>A uniform 64-bit value.</summary>
    public static ulong NextUInt64(this Random rng)
    {
        Span<byte> b = stackalloc byte[8];
        rng.NextBytes(b);
        return BitConverter.ToUInt64(b);
    }

    /// <summary>A uniform value in [0, bound).</summary>
    public static ulong NextBelow(this Random rng, ulong bound) =>
        bound <= long.MaxValue ? (ulong)rng.NextInt64((long)bound) : (ulong)(((UInt128)rng.NextUInt64() * bound) >> 64);

    /// <summary>A uniform value in [0, bound) for a big bound.</summary>
    public static BigInteger NextBelow(this Random rng, BigInteger bound)
    {
        int bytes = bound.GetByteCount(isUnsigned: true) + 8;
        var buffer = new byte[bytes];
        rng.NextBytes(buffer);
        return new BigInteger(buffer, isUnsigned: true) % bound;
    }
}
