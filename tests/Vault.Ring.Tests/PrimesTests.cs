using System.Numerics;
using Vault.Testing;

namespace Vault.Ring.Tests;

public class PrimesTests
{
    [Fact]
    public void IsPrime_AllBelow100000_MatchesTrialDivision()
    {
        // A sieve is checked against trial division first, then used as the reference for the whole range.
        const int Limit = 100_000;
        var composite = new bool[Limit];
        composite[0] = composite[1] = true;
        for (int p = 2; p * p < Limit; p++)
            if (!composite[p])
                for (int k = p * p; k < Limit; k += p) composite[k] = true;
        for (int n = 0; n < 2000; n++) Assert.Equal(ReferenceMath.IsPrimeByTrialDivision((ulong)n), !composite[n]);
        for (int n = Limit - 2000; n < Limit; n++) Assert.Equal(ReferenceMath.IsPrimeByTrialDivision((ulong)n), !composite[n]);

        var wrong = new List<int>();
        for (int n = 0; n < Limit; n++)
            if (Primes.IsPrime((ulong)n) == composite[n]) wrong.Add(n);
        Assert.True(wrong.Count == 0, $"IsPrime wrong for: {string.Join(", ", wrong.Take(20))}");
    }

    [Theory]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(37UL)]
    [InlineData(41UL)]
    [InlineData(65537UL)]
    [InlineData(59399UL)]
    [InlineData(72307UL)]
    [InlineData(2147483647UL)]                      // 2^31 − 1
    [InlineData(4294967291UL)]                      // largest prime below 2^32
    [InlineData(1234565441UL)]
    [InlineData(36893488147419103UL)]               // SEAL NumberTheoryTest.IsPrime
    [InlineData(2305843009213693951UL)]             // 2^61 − 1 (Mersenne)
    [InlineData(4611686018427387847UL)]             // 2^62 − 57, largest prime below 2^62
    [InlineData(1152921504606830593UL)]             // SEAL 60-bit NTT prime
    [InlineData(0xffffffffffc0001UL)]
    [InlineData(18446744073709551557UL)]            // 2^64 − 59, largest 64-bit prime
    [InlineData(18446744073709551533UL)]            // 2^64 − 83
    public void IsPrime_KnownPrime_ReturnsTrue(ulong n) => Assert.True(Primes.IsPrime(n));

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(4UL)]
    [InlineData(221UL)]
    [InlineData(65536UL)]
    [InlineData(561UL)]                             // Carmichael numbers
    [InlineData(1105UL)]
    [InlineData(1729UL)]
    [InlineData(41041UL)]
    [InlineData(825265UL)]
    [InlineData(321197185UL)]
    [InlineData(2047UL)]                            // strong pseudoprime to base 2
    [InlineData(1373653UL)]                         // spsp(2, 3)
    [InlineData(25326001UL)]                        // spsp(2, 3, 5)
    [InlineData(3215031751UL)]                      // spsp(2, 3, 5, 7)
    [InlineData(2152302898747UL)]                   // spsp(2..11)
    [InlineData(3474749660383UL)]                   // spsp(2..13)
    [InlineData(341550071728321UL)]                 // spsp(2..17)
    [InlineData(3825123056546413051UL)]             // spsp(2..23)
    [InlineData(4294967291UL * 4294967279UL)]       // product of the two largest primes below 2^32
    [InlineData(4294967291UL * 4294967291UL)]       // square of a 32-bit prime
    [InlineData(59399UL * 72307UL)]
    [InlineData(4611686018427387903UL)]             // 2^62 − 1
    [InlineData(18446744073709551615UL)]            // 2^64 − 1
    [InlineData(18446744073709551557UL - 2)]
    [InlineData(36893488147419107UL)]
    [InlineData(73UL * 193UL * 4294967291UL)]       // shares factors with the witnesses 28178 = 2·73·193
    public void IsPrime_KnownComposite_ReturnsFalse(ulong n) => Assert.False(Primes.IsPrime(n));

    [Fact]
    public void IsPrime_Random64BitOddValues_MatchesBigIntegerMillerRabin()
    {
        var rng = TestSeed.Random(7);
        int primes = 0;
        for (int i = 0; i < 3000; i++)
        {
            ulong n = rng.NextUInt64() | 1;
            bool expected = ReferenceMath.IsPrime(n);
            if (expected) primes++;
            Assert.True(expected == Primes.IsPrime(n), $"IsPrime({n}) should be {expected} {TestSeed.Describe}");
        }
        Assert.InRange(primes, 50, 200);   // density of odd 64-bit primes ≈ 2/ln(2^64) ≈ 4.5 %
    }

    [Fact]
    public void IsPrime_SemiprimesOfRandom32BitPrimes_ReturnsFalse()
    {
        var rng = TestSeed.Random(8);
        for (int i = 0; i < 300; i++)
        {
            ulong p = NextPrimeAtLeast(rng.NextBelow(1UL << 32) | (1UL << 31));
            ulong q = NextPrimeAtLeast(rng.NextBelow(1UL << 32) | (1UL << 31));
            Assert.False(Primes.IsPrime(p * q), $"{p} · {q} {TestSeed.Describe}");
            Assert.True(Primes.IsPrime(p));
        }
    }

    [Theory]
    [InlineData(4, new[] { 30 })]
    [InlineData(4, new[] { 30, 30, 30 })]
    [InlineData(4, new[] { 62, 62, 61, 20 })]
    [InlineData(10, new[] { 60 })]
    [InlineData(11, new[] { 20, 20, 20, 20, 20 })]
    [InlineData(12, new[] { 50, 30, 30, 50, 50 })]
    [InlineData(13, new[] { 60, 40, 40, 60 })]
    [InlineData(13, new[] { 43, 43, 44, 44, 44 })]
    [InlineData(14, new[] { 40, 61, 40, 61, 40 })]
    [InlineData(15, new[] { 60, 40, 40, 40, 40, 40, 40, 40, 60 })]
    [InlineData(16, new[] { 60, 60, 60 })]
    [InlineData(17, new[] { 55, 55 })]
    [InlineData(1, new[] { 3, 4, 5 })]
    public void NttPrimes_AnyRequest_MatchesIndependentSealAlgorithm(int logN, int[] bits)
    {
        ulong[] primes = Primes.NttPrimes(logN, bits);
        Assert.Equal(ReferenceMath.SealCoeffModulus(logN, bits), primes);
        AssertNttFriendly(logN, bits, primes);
    }

    [Fact]
    public void NttPrimes_RandomRequests_AreDistinctPrimesOfExactSize()
    {
        var rng = TestSeed.Random(9);
        for (int trial = 0; trial < 40; trial++)
        {
            int logN = rng.Next(1, 17);
            int[] bits = [.. Enumerable.Range(0, rng.Next(1, 8)).Select(_ => rng.Next(logN + 14, 63))];
            ulong[] primes = Primes.NttPrimes(logN, bits);
            AssertNttFriendly(logN, bits, primes);
            Assert.Equal(ReferenceMath.SealCoeffModulus(logN, bits), primes);
        }
    }

    [Fact]
    public void NttPrimes_RepeatedBitSize_HandsOutSmallestOfTheLargestFirst()
    {
        ulong[] three = Primes.NttPrimes(13, [40, 40, 40]);
        ulong[] one = Primes.NttPrimes(13, [40]);
        Assert.True(three[0] < three[1] && three[1] < three[2]);
        Assert.Equal(one[0], three[2]);                          // a single request gets the largest
        // No prime ≡ 1 mod 2N lies strictly between the three or above the last one below 2^40.
        ulong factor = 1UL << 14;
        for (ulong v = three[0] + factor; v < 1UL << 40; v += factor)
            Assert.Equal(v == three[1] || v == three[2], ReferenceMath.IsPrime(v));
    }

    [Fact]
    public void NttPrimes_SealKnownAnswers_MatchPeerFile()
    {
        using var doc = TestVectors.Load("rns", "seal-primes.json");
        int count = 0;
        foreach (var entry in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            int n = entry.GetProperty("N").GetInt32();
            int[] bits = [.. entry.GetProperty("bits").EnumerateArray().Select(e => e.GetInt32())];
            ulong[] expected = TestVectors.UInt64Array(entry.GetProperty("primes"));
            int logN = BitOperations.Log2((uint)n);
            Assert.Equal(expected, Primes.NttPrimes(logN, bits));
            Assert.Equal(expected, ReferenceMath.SealCoeffModulus(logN, bits));   // the file agrees with the documented algorithm
            count++;
        }
        Assert.True(count >= 2);
    }

    [Fact]
    public void NttPrimes_N8192_60_40_40_60_MatchesSeal() =>
        Assert.Equal([1152921504606748673, 1099510890497, 1099511480321, 1152921504606830593], Primes.NttPrimes(13, [60, 40, 40, 60]));

    [Fact]
    public void NttPrimes_N8192_43_43_44_44_44_MatchesSeal() =>
        Assert.Equal([8796092792833, 8796092858369, 17592184717313, 17592185438209, 17592186028033], Primes.NttPrimes(13, [43, 43, 44, 44, 44]));

    [Fact]
    public void NttPrimes_EmptyRequest_ReturnsEmpty() => Assert.Empty(Primes.NttPrimes(10, []));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(18)]
    public void NttPrimes_LogNOutOfRange_Throws(int logN) =>
        Assert.Throws<ArgumentException>(() => Primes.NttPrimes(logN, [40]));

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(63)]
    [InlineData(64)]
    public void NttPrimes_BitSizeOutOfRange_Throws(int bits) =>
        Assert.Throws<ArgumentException>(() => Primes.NttPrimes(4, [30, bits]));

    [Theory]
    [InlineData(17, 20, 2)]   // the only 20-bit q ≡ 1 mod 2^18 above 2^19 is 786433
    [InlineData(1, 2, 1)]
    [InlineData(10, 14, 2)]   // only 12289
    [InlineData(4, 8, 5)]     // 8-bit primes ≡ 1 mod 32: 193 only (129, 161 and 225 are composite)
    public void NttPrimes_TooFewPrimes_Throws(int logN, int bits, int count) =>
        Assert.Throws<ArgumentException>(() => Primes.NttPrimes(logN, [.. Enumerable.Repeat(bits, count)]));

    [Fact]
    public void NttPrimes_SmallExhaustiveCase_MatchesEnumeration()
    {
        // 8-bit primes ≡ 1 mod 32 are exactly {193}; 9-bit ones ≡ 1 mod 32: 257, 353, 449 (289 = 17², 321, 385, 417, 481 composite).
        Assert.Equal([193UL], Primes.NttPrimes(4, [8]));
        Assert.Equal([257UL, 353UL, 449UL], Primes.NttPrimes(4, [9, 9, 9]));
        Assert.Equal([786433UL], Primes.NttPrimes(17, [20]));   // 3 · 2^18 + 1
        Assert.Equal([5UL, 13UL, 29UL], Primes.NttPrimes(1, [3, 4, 5]));
    }

    private static void AssertNttFriendly(int logN, int[] bits, ulong[] primes)
    {
        Assert.Equal(bits.Length, primes.Length);
        Assert.Equal(primes.Length, primes.Distinct().Count());
        ulong twoN = 2UL << logN;
        for (int i = 0; i < primes.Length; i++)
        {
            Assert.True(ReferenceMath.IsPrime(primes[i]), $"{primes[i]} is not prime");
            Assert.Equal(1UL, primes[i] % twoN);
            Assert.Equal(bits[i], 64 - BitOperations.LeadingZeroCount(primes[i]));
        }
    }

    private static ulong NextPrimeAtLeast(ulong n)
    {
        while (!ReferenceMath.IsPrime(n)) n++;
        return n;
    }

}
