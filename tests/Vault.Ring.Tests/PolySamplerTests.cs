using System.Numerics;
using Vault.Testing;

namespace Vault.Ring.Tests;

public class PolySamplerTests
{
    public static TheoryData<ulong> Moduli() =>
        [3, 17, 65537, (1UL << 32) + 15, 1152921504606830593, (1UL << 61) - 1, (1UL << 61) + 1, (1UL << 62) - 57];

    [Theory]
    [MemberData(nameof(Moduli))]
    public void Uniform_AnyModulus_ValuesBelowQAndDeterministic(ulong q)
    {
        var m = new Modulus(q);
        byte[] seed = TestSeed.PrngSeed(20);
        var a = new ulong[5000];
        var b = new ulong[5000];
        using (var prng = new Prng(seed)) PolySampler.Uniform(prng, m, a);
        using (var prng = new Prng(seed)) PolySampler.Uniform(prng, m, b);
        Assert.Equal(a, b);
        Assert.All(a, v => Assert.True(v < q));
        Assert.True((ulong)a.Distinct().Count() > Math.Min(q, 5000UL) / 2);
    }

    [Theory]
    [MemberData(nameof(Moduli))]
    public void Uniform_SeededStream_MatchesMaskedRejectionOfNextUInt64(ulong q)
    {
        // Public polynomials travel as seeds, so the stream → residue mapping is part of the format.
        var m = new Modulus(q);
        byte[] seed = TestSeed.PrngSeed(21);
        var actual = new ulong[3000];
        using (var prng = new Prng(seed)) PolySampler.Uniform(prng, m, actual);
        ulong mask = (1UL << (64 - BitOperations.LeadingZeroCount(q))) - 1;
        using var reference = new Prng(seed);
        for (int i = 0; i < actual.Length; i++)
        {
            ulong x;
            do { x = reference.NextUInt64() & mask; } while (x >= q);
            Assert.Equal(x, actual[i]);
        }
    }

    [Fact]
    public void Uniform_SmallModulus_PassesChiSquare()
    {
        const ulong Q = 17;
        var values = new ulong[170_000];
        using (var prng = new Prng(TestSeed.PrngSeed(22))) PolySampler.Uniform(prng, new Modulus(Q), values);
        var counts = new double[Q];
        foreach (ulong v in values) counts[v]++;
        double expected = values.Length / (double)Q, chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.InRange(chi2, 0, 60);   // df = 16: mean 16, sd ≈ 5.7; 60 is p < 1e-6
    }

    [Theory]
    [InlineData(1152921504606830593UL)]
    [InlineData((1UL << 61) + 1)]    // just above a power of two: half the draws are rejected
    public void Uniform_LargeModulus_BucketsPassChiSquare(ulong q)
    {
        const int Buckets = 64;
        var values = new ulong[128_000];
        using (var prng = new Prng(TestSeed.PrngSeed(23))) PolySampler.Uniform(prng, new Modulus(q), values);
        var counts = new double[Buckets];
        foreach (ulong v in values) counts[(int)((UInt128)v * Buckets / q)]++;
        double expected = values.Length / (double)Buckets, chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.InRange(chi2, 0, 150);  // df = 63: mean 63, sd ≈ 11.2
        // Top and bottom halves must both be hit (a wrong mask would leave the top half empty).
        Assert.InRange(values.Count(v => v >= q / 2) / (double)values.Length, 0.48, 0.52);
    }

    [Fact]
    public void Ternary_Seeded_ValuesInMinusOneZeroOneWithEqualFrequencies()
    {
        var s = new sbyte[3_000_000];
        using (var prng = new Prng(TestSeed.PrngSeed(24))) PolySampler.Ternary(prng, s);
        var counts = new int[3];
        foreach (sbyte v in s)
        {
            if (v is < -1 or > 1) Assert.Fail($"ternary sample {v} outside {{−1, 0, 1}}");
            counts[v + 1]++;
        }
        // sd of each frequency ≈ 0.00027; ±0.0015 still catches the 1/256 bias of a sampler that keeps byte 255.
        foreach (int c in counts) Assert.InRange(c / (double)s.Length, 1 / 3.0 - 0.0015, 1 / 3.0 + 0.0015);
    }

    [Fact]
    public void Ternary_SameSeed_SameOutput()
    {
        byte[] seed = TestSeed.PrngSeed(25);
        var a = new sbyte[4096];
        var b = new sbyte[4096];
        using (var prng = new Prng(seed)) PolySampler.Ternary(prng, a);
        using (var prng = new Prng(seed)) PolySampler.Ternary(prng, b);
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(1, 64)]
    [InlineData(32, 64)]
    [InlineData(64, 64)]
    [InlineData(192, 4096)]
    [InlineData(0, 0)]
    public void TernaryFixedWeight_AnyWeight_HasExactlyThatManyNonZeros(int h, int length)
    {
        var s = new sbyte[length];
        Array.Fill(s, (sbyte)5);    // garbage must be overwritten
        using var prng = new Prng(TestSeed.PrngSeed(26));
        PolySampler.TernaryFixedWeight(prng, h, s);
        Assert.Equal(h, s.Count(v => v != 0));
        Assert.All(s, v => Assert.InRange(v, (sbyte)-1, (sbyte)1));
    }

    [Fact]
    public void TernaryFixedWeight_ManyDraws_PositionsAndSignsLookUniform()
    {
        const int Length = 64, Weight = 16, Trials = 4000;
        var hits = new int[Length];
        int positives = 0;
        var s = new sbyte[Length];
        using var prng = new Prng(TestSeed.PrngSeed(27));
        for (int t = 0; t < Trials; t++)
        {
            PolySampler.TernaryFixedWeight(prng, Weight, s);
            for (int i = 0; i < Length; i++)
            {
                if (s[i] != 0) hits[i]++;
                if (s[i] == 1) positives++;
            }
        }
        // Each position is non-zero with probability 1/4: 1000 expected, sd ≈ 27.
        Assert.All(hits, c => Assert.InRange(c, 850, 1150));
        Assert.InRange(positives / (double)(Weight * Trials), 0.48, 0.52);
    }

    [Theory]
    [InlineData(65, 64)]
    [InlineData(-1, 64)]
    [InlineData(1, 0)]
    public void TernaryFixedWeight_WeightOutOfRange_Throws(int h, int length)
    {
        using var prng = new Prng(new byte[32]);
        Assert.Throws<ArgumentException>(() => PolySampler.TernaryFixedWeight(prng, h, new sbyte[length]));
    }

    [Fact]
    public void Gaussian_200kSamples_MeanZeroStdSigmaBoundedAndSymmetric()
    {
        var e = new long[200_000];
        using (var prng = new Prng(TestSeed.PrngSeed(28))) PolySampler.Gaussian(prng, e);
        double mean = e.Average();
        double std = Math.Sqrt(e.Select(x => (x - mean) * (x - mean)).Sum() / e.Length);
        Assert.InRange(mean, -0.03, 0.03);                                            // sd of the mean ≈ 0.007
        Assert.InRange(std, PolySampler.DefaultSigma - 0.05, PolySampler.DefaultSigma + 0.05);
        Assert.All(e, x => Assert.InRange(x, -19L, 19L));                             // tail cut at ⌊6σ⌋
        // P(0) = 1/Σ_k exp(−k²/2σ²) ≈ 0.1247 for the discrete Gaussian.
        double z = Enumerable.Range(-19, 39).Sum(k => Math.Exp(-k * k / (2 * PolySampler.DefaultSigma * PolySampler.DefaultSigma)));
        Assert.InRange(e.Count(x => x == 0) / (double)e.Length, 1 / z - 0.005, 1 / z + 0.005);
        for (int k = 1; k <= 6; k++)
        {
            double plus = e.Count(x => x == k), minus = e.Count(x => x == -k);
            double expected = e.Length * Math.Exp(-k * k / (2 * PolySampler.DefaultSigma * PolySampler.DefaultSigma)) / z;
            Assert.InRange(plus, expected * 0.93, expected * 1.07);
            Assert.InRange(minus, expected * 0.93, expected * 1.07);
            Assert.InRange(plus / minus, 0.93, 1.07);
        }
    }

    [Fact]
    public void Gaussian_SameSeed_SameOutput()
    {
        byte[] seed = TestSeed.PrngSeed(29);
        var a = new long[2048];
        var b = new long[2048];
        using (var prng = new Prng(seed)) PolySampler.Gaussian(prng, a);
        using (var prng = new Prng(seed)) PolySampler.Gaussian(prng, b);
        Assert.Equal(a, b);
        Assert.Contains(a, x => x != 0);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1000.0)]
    [InlineData(1099511627776.0)]          // 2^40, the size noise flooding uses
    [InlineData(281474976710656.0)]        // 2^48, the largest accepted
    public void RoundedGaussian_200kSamples_MomentsAndTailsOfTheNormal(double sigma)
    {
        const int Count = 200_000;
        var e = new long[Count];
        using (var prng = new Prng(TestSeed.PrngSeed(30))) PolySampler.RoundedGaussian(prng, sigma, e);
        double mean = 0, m2 = 0, m4 = 0;
        foreach (long x in e) mean += x;
        mean /= Count;
        foreach (long x in e)
        {
            double d = (x - mean) / sigma;
            m2 += d * d;
            m4 += d * d * d * d;
        }
        m2 /= Count;
        m4 /= Count;
        double expectedVariance = 1 + 1 / (12 * sigma * sigma);                   // rounding adds 1/12
        // Five standard errors: of the mean σ/√n, of the variance σ²·√(2/n), of the fourth moment √(96/n).
        Assert.InRange(mean / sigma, -5 / Math.Sqrt(Count), 5 / Math.Sqrt(Count));
        Assert.InRange(m2, expectedVariance - 5 * Math.Sqrt(2.0 / Count), expectedVariance + 5 * Math.Sqrt(2.0 / Count));
        Assert.InRange(m4, 3 * expectedVariance * expectedVariance - 5 * Math.Sqrt(96.0 / Count), 3 * expectedVariance * expectedVariance + 5 * Math.Sqrt(96.0 / Count));
        Assert.All(e, x => Assert.InRange(Math.Abs((double)x), 0, 8.58 * sigma + 1));   // radius ≤ √(106·ln 2)·σ
        if (sigma >= 1000)                     // else rounding shifts the 2σ threshold visibly
        {
            double beyondTwo = e.Count(x => Math.Abs(x) > 2 * sigma) / (double)Count;    // P(|Z| > 2) = 0.0455
            Assert.InRange(beyondTwo, 0.0455 - 5 * 0.00047, 0.0455 + 5 * 0.00047);
        }
        Assert.InRange(e.Count(x => x > 0) / (double)e.Count(x => x < 0), 0.98, 1.02);
    }

    [Fact]
    public void RoundedGaussian_LargeSigma_LowBitsUniform()
    {
        // Flooding must randomise the low bits too: x mod 16 is uniform for σ = 2^40 (χ², 15 degrees of freedom).
        var e = new long[160_000];
        using (var prng = new Prng(TestSeed.PrngSeed(31))) PolySampler.RoundedGaussian(prng, 1099511627776.0, e);
        var counts = new double[16];
        foreach (long x in e) counts[x & 15]++;
        double expected = e.Length / 16.0, chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.InRange(chi2, 0, 60);
    }

    [Fact]
    public void RoundedGaussian_SameSeedOddLength_SameOutputEveryEntryDrawn()
    {
        byte[] seed = TestSeed.PrngSeed(32);
        var a = new long[1025];
        var b = new long[1025];
        using (var prng = new Prng(seed)) PolySampler.RoundedGaussian(prng, 1e6, a);
        using (var prng = new Prng(seed)) PolySampler.RoundedGaussian(prng, 1e6, b);
        Assert.Equal(a, b);
        Assert.NotEqual(0, a[^1]);
        Assert.Equal(a.Length, a.Distinct().Count());
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(562949953421312.0)]        // 2^49
    public void RoundedGaussian_SigmaOutOfRange_Throws(double sigma)
    {
        using var prng = new Prng(new byte[32]);
        Assert.Throws<ArgumentOutOfRangeException>(() => PolySampler.RoundedGaussian(prng, sigma, new long[4]));
    }

    [Fact]
    public void Samplers_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => PolySampler.Uniform(null!, new Modulus(17), new ulong[4]));
        using var prng = new Prng(new byte[32]);
        Assert.Throws<ArgumentNullException>(() => PolySampler.Uniform(prng, null!, new ulong[4]));
        Assert.Throws<ArgumentNullException>(() => PolySampler.Ternary(null!, new sbyte[4]));
        Assert.Throws<ArgumentNullException>(() => PolySampler.TernaryFixedWeight(null!, 1, new sbyte[4]));
        Assert.Throws<ArgumentNullException>(() => PolySampler.Gaussian(null!, new long[4]));
        Assert.Throws<ArgumentNullException>(() => PolySampler.RoundedGaussian(null!, 10, new long[4]));
    }
}
