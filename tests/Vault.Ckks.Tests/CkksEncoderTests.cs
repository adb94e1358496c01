using System.Numerics;
using Vault.Rlwe;
using Vault.Testing;

namespace Vault.Ckks.Tests;

public class CkksEncoderTests
{
    private static readonly Lazy<CkksParameters> LogN10 = new(() => CkksParameters.CreateInsecure(CkksParameterPresets.InsecureTestOnlyLogN10));
    private static readonly Lazy<CkksParameters> LogN12 = new(() => CkksParameters.CreateInsecure(CkksParameterPresets.InsecureTestOnlyLogN12));
    private static readonly Lazy<CkksParameters> LogN13 = new(() => CkksParameters.Create(CkksParameterPresets.LogN13));

    public static TheoryData<string> RoundTripSets => ["logn12-insecure", "logn13"];

    [Theory]
    [MemberData(nameof(RoundTripSets))]
    public void Decode_OfEncode_RelativeErrorBelow2ToMinus30AtScale2To40(string set)
    {
        // Encoding rounds each of the N coefficients to an integer (error ≤ 1/2); a slot sums N of them with unit-modulus
        // weights, so the slot error is about √N/2 · (a few) / Δ ≈ 2^-33 at N = 2^13, Δ = 2^40: well below 2^-30.
        var parameters = set == "logn13" ? LogN13.Value : LogN12.Value;
        var encoder = new CkksEncoder(parameters);
        double scale = Math.ScaleB(1.0, 40);
        var values = SlotReference.RandomComplex(TestSeed.Random(1), parameters.Slots, bound: 8.0);
        var pt = new Plaintext(parameters.Rlwe, parameters.MaxLevel, scale);

        encoder.Encode(values, parameters.MaxLevel, scale, pt);
        var decoded = new Complex[parameters.Slots];
        encoder.Decode(pt, decoded);

        double maxValue = values.Max(v => v.Magnitude);
        double relative = Math.Pow(2, -Precision.Bits(values, decoded)) / maxValue;
        Assert.True(relative <= Math.Pow(2, -30), $"relative error 2^{Math.Log2(relative):F2} {TestSeed.Describe}");
        Assert.Equal(scale, pt.Scale);
        Assert.Equal(parameters.MaxLevel, pt.Level);
    }

    public static TheoryData<int> SmallLogN => [5, 6, 7];

    [Theory]
    [MemberData(nameof(SmallLogN))]
    public void Encode_SlotJ_IsNaiveCanonicalEmbeddingAtZetaToThreeToJ(int logN)
    {
        // The defining property, evaluated naively in O(N²): slot j = m(ζ^(3^j mod 2N)) / Δ with ζ = e^(iπ/N),
        // where m is the integer polynomial actually stored (read back through CenteredCoefficients).
        var parameters = SmallParameters(logN);
        var encoder = new CkksEncoder(parameters);
        double scale = parameters.DefaultScale;
        var values = SlotReference.RandomComplex(TestSeed.Random(10 + logN), parameters.Slots);
        var pt = new Plaintext(parameters.Rlwe, parameters.MaxLevel, scale);

        encoder.Encode(values, pt.Level, scale, pt);
        double[] m = encoder.CenteredCoefficients(pt).ToArray();

        foreach (double c in m) Assert.Equal(Math.Round(c), c);           // integer coefficients
        var naive = NaiveEmbedding(m, scale);
        // Rounding error: |Σ_t r_t ζ^(…)| ≤ N/2, divided by Δ = 2^30: ≤ 2^(logN − 31).
        Precision.AssertBits(values, naive, 31 - logN - 1, "naive embedding of the encoding");
    }

    [Theory]
    [MemberData(nameof(SmallLogN))]
    public void Decode_ArbitraryIntegerPolynomial_EqualsNaiveEmbedding(int logN)
    {
        // Decode checked on polynomials the encoder never produced: random integers up to 2^70 (beyond 64 bits, so
        // the exact RNS recombination matters), written into the RNS limbs directly.
        var parameters = SmallParameters(logN);
        var encoder = new CkksEncoder(parameters);
        var random = TestSeed.Random(20 + logN);
        int n = parameters.N;
        var coefficients = new BigInteger[n];
        for (int t = 0; t < n; t++)
        {
            var bytes = new byte[9];
            random.NextBytes(bytes);
            coefficients[t] = new BigInteger(bytes) >> 2;                  // |c| < 2^70, any sign
        }
        var pt = new Plaintext(parameters.Rlwe, parameters.MaxLevel, Math.ScaleB(1.0, 60));
        var basis = parameters.Rlwe.Ring.Q(parameters.MaxLevel);
        for (int i = 0; i < basis.Count; i++)
            for (int t = 0; t < n; t++) pt.Poly.Limb(i)[t] = basis.Moduli[i].Reduce(coefficients[t]);
        basis.Forward(pt.Poly);

        double[] centered = encoder.CenteredCoefficients(pt).ToArray();
        // Exact integers recombined in double arithmetic (Horner over the primes): a few ulps at most.
        for (int t = 0; t < n; t++)
            Assert.True(Math.Abs((double)coefficients[t] - centered[t]) <= Math.ScaleB(Math.Abs((double)coefficients[t]), -50), $"coefficient {t}");

        var decoded = new Complex[parameters.Slots];
        encoder.Decode(pt, decoded);
        var naive = NaiveEmbedding([.. coefficients.Select(c => (double)c)], pt.Scale);
        // Values are ~√N·2^10; double rounding of 2^70-sized terms leaves ~2^-40 relative.
        Precision.AssertBits(naive, decoded, 20, "decode vs naive embedding");
    }

    [Fact]
    public void Encode_RealValues_RealSlotsAndSelfConjugatePolynomial()
    {
        // Real slots z_j = conj(z_j) ⇔ m(ζ^(3^j)) = m(ζ^(−3^j)) ⇔ m is fixed by X ↦ X^(−1), which on coefficients reads
        // m_(N−t) = −m_t for 0 < t < N. Real input must also give the same plaintext as complex input with zero
        // imaginary parts.
        var parameters = LogN10.Value;
        var encoder = new CkksEncoder(parameters);
        var values = SlotReference.RandomReal(TestSeed.Random(3), parameters.Slots);
        var realPt = new Plaintext(parameters.Rlwe, 3, parameters.DefaultScale);
        var complexPt = new Plaintext(parameters.Rlwe, 3, parameters.DefaultScale);

        encoder.Encode(values, 3, parameters.DefaultScale, realPt);
        encoder.Encode(SlotReference.ToComplex(values), 3, parameters.DefaultScale, complexPt);

        Assert.True(realPt.Poly.Coefficients.SequenceEqual(complexPt.Poly.Coefficients));
        double[] m = encoder.CenteredCoefficients(realPt).ToArray();
        for (int t = 1; t < m.Length; t++) Assert.True(Math.Abs(m[m.Length - t] + m[t]) <= 1, $"m[{m.Length - t}] = {m[m.Length - t]}, m[{t}] = {m[t]}");
        var decoded = new Complex[parameters.Slots];
        encoder.Decode(realPt, decoded);
        Assert.All(decoded, z => Assert.True(Math.Abs(z.Imaginary) < Math.Pow(2, -35), $"imaginary part {z.Imaginary}"));
        var real = new double[parameters.Slots];
        encoder.Decode(realPt, real);
        Precision.AssertBits(SlotReference.ToComplex(values), SlotReference.ToComplex(real), 35, "real decode");
        Assert.Equal(real, encoder.DecodeReal(realPt));
    }

    [Fact]
    public void Encode_EveryLevel_SameIntegerPolynomialAndRoundTrips()
    {
        var parameters = LogN10.Value;
        var encoder = new CkksEncoder(parameters);
        var values = SlotReference.RandomComplex(TestSeed.Random(4), parameters.Slots);
        double scale = parameters.DefaultScale;
        var top = new Plaintext(parameters.Rlwe, parameters.MaxLevel, scale);
        encoder.Encode(values, parameters.MaxLevel, scale, top);

        for (int level = 0; level <= parameters.MaxLevel; level++)
        {
            var pt = new Plaintext(parameters.Rlwe, parameters.MaxLevel, 1.0);
            encoder.Encode(values, level, scale, pt);
            Assert.Equal(level, pt.Level);
            for (int i = 0; i <= level; i++) Assert.True(pt.Poly.Limb(i).SequenceEqual(top.Poly.Limb(i)), $"level {level}, limb {i}");
            var decoded = new Complex[parameters.Slots];
            encoder.Decode(pt, decoded);
            Precision.AssertBits(values, decoded, 35, $"level {level}");
        }
    }

    [Fact]
    public void Encode_FewerValuesThanSlots_RestAreZero()
    {
        var parameters = LogN10.Value;
        var encoder = new CkksEncoder(parameters);
        var pt = new Plaintext(parameters.Rlwe, 2, parameters.DefaultScale);
        encoder.Encode([1.5, -2.25, 3.0], 2, parameters.DefaultScale, pt);
        var expected = new Complex[parameters.Slots];
        expected[0] = 1.5; expected[1] = -2.25; expected[2] = 3.0;
        var decoded = new Complex[parameters.Slots];
        encoder.Decode(pt, decoded);
        Precision.AssertBits(expected, decoded, 35);
    }

    [Fact]
    public void EncodeConstant_EverySlotHoldsTheConstant()
    {
        var parameters = LogN10.Value;
        var encoder = new CkksEncoder(parameters);
        var pt = new Plaintext(parameters.Rlwe, 4, 1.0);
        encoder.EncodeConstant(-0.8125, 1, parameters.DefaultScale, pt);
        Assert.Equal(1, pt.Level);
        Assert.Equal(parameters.DefaultScale, pt.Scale);
        var decoded = new Complex[parameters.Slots];
        encoder.Decode(pt, decoded);
        Precision.AssertBits([.. Enumerable.Repeat(new Complex(-0.8125, 0), parameters.Slots)], decoded, 40);
    }

    [Fact]
    public void Decode_AtScale2To80AfterMultiplyWithoutRescale_Works()
    {
        // Δ² = 2^80 exceeds 64 bits and the double mantissa: decoding must recombine all residues exactly.
        using var ctx = new CkksTestContext(CkksParameterPresets.InsecureTestOnlyLogN12, salt: 5);
        var random = TestSeed.Random(5);
        var x = ctx.RandomComplex(random);
        var y = ctx.RandomComplex(random);
        var product = ctx.Evaluator.MultiplyRelinearize(ctx.Encrypt(x), ctx.Encrypt(y));
        Assert.Equal(Math.ScaleB(1.0, 80), product.Scale);

        var decoded = ctx.Decrypt(product);

        Precision.AssertBits(SlotReference.Zip(x, y, (a, b) => a * b), decoded, 20, "x·y at scale 2^80");
    }

    [Fact]
    public void Encode_AtScale2To80_RoundTrips()
    {
        // Coefficients beyond 2^63 take the BigInteger path of the encoder.
        var parameters = LogN10.Value;
        var encoder = new CkksEncoder(parameters);
        var values = SlotReference.RandomComplex(TestSeed.Random(6), parameters.Slots);
        var pt = new Plaintext(parameters.Rlwe, parameters.MaxLevel, 1.0);
        encoder.Encode(values, parameters.MaxLevel, Math.ScaleB(1.0, 80), pt);
        var decoded = new Complex[parameters.Slots];
        encoder.Decode(pt, decoded);
        Precision.AssertBits(values, decoded, 40, "scale 2^80");
    }

    [Fact]
    public void Encode_TooManyValues_Throws()
    {
        var parameters = LogN10.Value;
        var encoder = new CkksEncoder(parameters);
        var pt = new Plaintext(parameters.Rlwe, 4, 1.0);
        Assert.Throws<ArgumentException>(() => encoder.Encode(new double[parameters.Slots + 1], 4, parameters.DefaultScale, pt));
        Assert.Throws<ArgumentException>(() => encoder.Encode(new Complex[parameters.Slots + 1], 4, parameters.DefaultScale, pt));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Encode_NonFiniteValue_Throws(double bad)
    {
        var parameters = LogN10.Value;
        var encoder = new CkksEncoder(parameters);
        var pt = new Plaintext(parameters.Rlwe, 4, 1.0);
        Assert.Throws<ArgumentException>(() => encoder.Encode([1.0, bad, 0.5], 4, parameters.DefaultScale, pt));
        Assert.Throws<ArgumentException>(() => encoder.Encode([new Complex(0, bad)], 4, parameters.DefaultScale, pt));
        Assert.Throws<ArgumentException>(() => encoder.EncodeConstant(bad, 4, parameters.DefaultScale, pt));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(0.5)]
    [InlineData(-1.0)]
    public void Encode_InvalidScale_Throws(double scale)
    {
        var parameters = LogN10.Value;
        var encoder = new CkksEncoder(parameters);
        var pt = new Plaintext(parameters.Rlwe, 4, 1.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode([1.0], 4, scale, pt));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.EncodeConstant(1.0, 4, scale, pt));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void Encode_LevelOutOfRange_Throws(int level)
    {
        var parameters = LogN10.Value;
        var encoder = new CkksEncoder(parameters);
        var pt = new Plaintext(parameters.Rlwe, 4, 1.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode([1.0], level, parameters.DefaultScale, pt));
    }

    [Fact]
    public void Encode_ValueTimesScaleAboveHalfQ_Throws()
    {
        // At level 0, Q = q_0 ≈ 2^55: a value of 2^20 at scale 2^45 needs 2^65 > Q/2.
        var parameters = LogN10.Value;
        var encoder = new CkksEncoder(parameters);
        var pt = new Plaintext(parameters.Rlwe, 0, 1.0);
        Assert.Throws<ArgumentException>(() => encoder.EncodeConstant(Math.ScaleB(1.0, 20), 0, parameters.DefaultScale, pt));
    }

    [Fact]
    public void EncodeAndDecode_ForeignPlaintext_ThrowsParameterMismatch()
    {
        var encoder = new CkksEncoder(LogN10.Value);
        var other = CkksParameters.CreateInsecure(InsecureTestParameters.LogN10Dnum5);
        var foreign = new Plaintext(other.Rlwe, 0, other.DefaultScale);
        Assert.Throws<ParameterMismatchException>(() => encoder.Encode([1.0], 0, other.DefaultScale, foreign));
        Assert.Throws<ParameterMismatchException>(() => encoder.Decode(foreign, new Complex[encoder.Slots]));
    }

    [Fact]
    public void Decode_DestinationTooShort_Throws()
    {
        var parameters = LogN10.Value;
        var encoder = new CkksEncoder(parameters);
        var pt = encoder.Encode([1.0]);
        Assert.Throws<ArgumentException>(() => encoder.Decode(pt, new Complex[parameters.Slots - 1]));
        Assert.Throws<ArgumentException>(() => encoder.Decode(pt, new double[parameters.Slots - 1]));
    }

    [Fact]
    public void Encode_ConvenienceOverload_TopLevelDefaultScale()
    {
        var parameters = LogN10.Value;
        var pt = new CkksEncoder(parameters).Encode([0.25]);
        Assert.Equal(parameters.MaxLevel, pt.Level);
        Assert.Equal(parameters.DefaultScale, pt.Scale);
        Assert.Equal(parameters.Id, pt.ParameterId);
    }

    private static CkksParameters SmallParameters(int logN) => CkksParameters.CreateInsecure(logN switch
    {
        5 => InsecureTestParameters.LogN5,
        6 => InsecureTestParameters.LogN6,
        _ => InsecureTestParameters.LogN7,
    });

    /// <summary>slot j = Σ_t m_t ζ^(t·g_j) / Δ with g_j = 3^j mod 2N and ζ = e^(iπ/N), each power reduced mod 2N
    /// before taking sin/cos.</summary>
    private static Complex[] NaiveEmbedding(double[] m, double scale)
    {
        int n = m.Length;
        long twoN = 2L * n;
        var slots = new Complex[n / 2];
        long g = 1;
        for (int j = 0; j < n / 2; j++)
        {
            Complex sum = Complex.Zero;
            for (int t = 0; t < n; t++)
            {
                long e = t * g % twoN;
                sum += m[t] * Complex.FromPolarCoordinates(1.0, Math.PI * e / n);
            }
            slots[j] = sum / scale;
            g = g * 3 % twoN;
        }
        return slots;
    }
}
