using System.Numerics;
using Vault.Testing;

namespace Vault.Ring.Tests;

public class BasisConverterTests
{
    private const int LogN = 4;
    private const int N = 1 << LogN;

    public static TheoryData<int[], int[]> Shapes() => new()
    {
        { [40], [60] },
        { [60, 40, 40], [61, 61] },
        { [30, 30], [62, 62, 62] },
        { [62, 62, 62, 62], [30] },
        { [50, 50, 50], [50, 50, 50, 50] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Convert_RandomValues_EqualsSumOfPuncturedTermsAndXPlusUA(int[] fromBits, int[] toBits)
    {
        var (from, to) = Bases(fromBits, toBits);
        var rng = TestSeed.Random(fromBits.Length * 10 + toBits.Length);
        var x = RnsBasisTests.RandomValues(rng, from.Product);
        x[0] = 0;
        x[1] = from.Product - 1;
        x[2] = 1;
        CheckConversion(from, to, x);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(20)]
    [InlineData(30)]
    [InlineData(31)]
    public void Convert_MoreThan15SourcePrimes_EqualsExactSum(int count)
    {
        // 62-bit primes make every product t_i · (A/a_i mod b_j) close to 2^124: 16 of them overflow 128 bits.
        ulong[] primes = Primes.NttPrimes(LogN, [.. Enumerable.Repeat(62, count + 3)]);
        var from = new RnsBasis([.. primes.Take(count).Select(q => new NttTable(LogN, new Modulus(q)))]);
        var to = new RnsBasis([.. primes.Skip(count).Select(q => new NttTable(LogN, new Modulus(q)))]);
        var rng = TestSeed.Random(count);
        var x = RnsBasisTests.RandomValues(rng, from.Product);
        // Coefficients 0..3: every t_i = a_i − 1, the largest value the accumulator sees.
        for (int k = 0; k < 4; k++) x[k] = ValueWithMaximalTerms(from);
        CheckConversion(from, to, x);
    }

    [Fact]
    public void Convert_TargetPrimeInSource_ReturnsInputResidue()
    {
        ulong[] primes = Primes.NttPrimes(LogN, [60, 50, 40, 30, 61]);
        var from = new RnsBasis([.. primes.Take(4).Select(q => new NttTable(LogN, new Modulus(q)))]);
        var to = new RnsBasis([new NttTable(LogN, new Modulus(primes[2])), new NttTable(LogN, new Modulus(primes[4])), new NttTable(LogN, new Modulus(primes[0]))]);
        var x = RnsBasisTests.RandomValues(TestSeed.Random(21), from.Product);
        var source = Residues(from, x);
        var destination = new ulong[to.Count * N];
        new BasisConverter(from, to).Convert(source, destination);
        Assert.Equal(source.AsSpan(2 * N, N).ToArray(), destination.AsSpan(0, N).ToArray());
        Assert.Equal(source.AsSpan(0, N).ToArray(), destination.AsSpan(2 * N, N).ToArray());
    }

    [Fact]
    public void Convert_SourceContainedInLargeTarget_ReconstructsXPlusUAExactly()
    {
        // With B ⊇ A plus enough extra primes that ∏B > |A|·A, CRT over B recovers the integer x + u·A itself.
        ulong[] primes = Primes.NttPrimes(LogN, [50, 50, 50, 61, 61, 61, 61]);
        var from = new RnsBasis([.. primes.Take(3).Select(q => new NttTable(LogN, new Modulus(q)))]);
        var to = new RnsBasis([.. primes.Skip(3).Select(q => new NttTable(LogN, new Modulus(q)))]);
        Assert.True(to.Product > from.Count * from.Product);
        var x = RnsBasisTests.RandomValues(TestSeed.Random(22), from.Product);
        var destination = new ulong[to.Count * N];
        new BasisConverter(from, to).Convert(Residues(from, x), destination);
        ulong[] toModuli = [.. primes.Skip(3)];
        for (int k = 0; k < N; k++)
        {
            var y = ReferenceMath.Crt([.. Enumerable.Range(0, to.Count).Select(j => destination[j * N + k])], toModuli);
            var diff = y - x[k];
            Assert.True(diff.Sign >= 0 && (diff % from.Product).IsZero, $"y − x = {diff} is not a non-negative multiple of A");
            Assert.InRange(diff / from.Product, BigInteger.Zero, from.Count - 1);
        }
    }

    [Fact]
    public void Constructor_DifferentDegrees_Throws()
    {
        ulong[] primes = Primes.NttPrimes(5, [40, 41]);
        var from = new RnsBasis([new NttTable(4, new Modulus(primes[0]))]);
        var to = new RnsBasis([new NttTable(5, new Modulus(primes[1]))]);
        Assert.Throws<ArgumentException>(() => new BasisConverter(from, to));
    }

    [Fact]
    public void Constructor_Null_Throws()
    {
        var (from, _) = Bases([40], [50]);
        Assert.Throws<ArgumentNullException>(() => new BasisConverter(null!, from));
        Assert.Throws<ArgumentNullException>(() => new BasisConverter(from, null!));
    }

    [Fact]
    public void Constructor_Bases_ExposesFromAndTo()
    {
        var (from, to) = Bases([40], [50]);
        var converter = new BasisConverter(from, to);
        Assert.Same(from, converter.From);
        Assert.Same(to, converter.To);
    }

    [Fact]
    public void Convert_SpansTooShort_Throw()
    {
        var (from, to) = Bases([40, 40], [50, 50, 50]);
        var converter = new BasisConverter(from, to);
        Assert.Throws<ArgumentException>(() => converter.Convert(new ulong[2 * N - 1], new ulong[3 * N]));
        Assert.Throws<ArgumentException>(() => converter.Convert(new ulong[2 * N], new ulong[3 * N - 1]));
    }

    private static void CheckConversion(RnsBasis from, RnsBasis to, BigInteger[] x)
    {
        var destination = new ulong[to.Count * N];
        new BasisConverter(from, to).Convert(Residues(from, x), destination);
        BigInteger a = from.Product;
        for (int k = 0; k < N; k++)
        {
            // S = Σ_i [x_i · (A/a_i)^-1]_(a_i) · (A/a_i), an integer x + u·A with 0 ≤ u < |A|.
            BigInteger s = 0;
            for (int i = 0; i < from.Count; i++)
            {
                BigInteger ai = from.Moduli[i].Value, punctured = a / ai;
                BigInteger inv = BigInteger.ModPow(punctured % ai, ai - 2, ai);
                s += x[k] % ai * inv % ai * punctured;
            }
            BigInteger u = (s - x[k]) / a;
            Assert.Equal(x[k] + u * a, s);
            Assert.InRange(u, BigInteger.Zero, from.Count - 1);
            for (int j = 0; j < to.Count; j++)
            {
                ulong b = to.Moduli[j].Value;
                Assert.True((ulong)(s % b) == destination[j * N + k], $"coefficient {k}, target prime {j}: expected {s % b}, got {destination[j * N + k]} {TestSeed.Describe}");
            }
        }
    }

    /// <summary>The x ∈ [0, A) whose every term t_i = [x_i · (A/a_i)^-1]_(a_i) equals a_i − 1.</summary>
    private static BigInteger ValueWithMaximalTerms(RnsBasis from)
    {
        BigInteger a = from.Product, x = 0;
        for (int i = 0; i < from.Count; i++)
        {
            BigInteger ai = from.Moduli[i].Value;
            x += (ai - 1) * (a / ai);
        }
        return x % a;
    }

    private static ulong[] Residues(RnsBasis basis, BigInteger[] x)
    {
        var r = new ulong[basis.Count * N];
        for (int i = 0; i < basis.Count; i++)
            for (int k = 0; k < N; k++) r[i * N + k] = (ulong)(x[k] % basis.Moduli[i].Value);
        return r;
    }

    private static (RnsBasis From, RnsBasis To) Bases(int[] fromBits, int[] toBits)
    {
        ulong[] primes = Primes.NttPrimes(LogN, [.. fromBits, .. toBits]);
        return (new RnsBasis([.. primes.Take(fromBits.Length).Select(q => new NttTable(LogN, new Modulus(q)))]),
                new RnsBasis([.. primes.Skip(fromBits.Length).Select(q => new NttTable(LogN, new Modulus(q)))]));
    }
}
