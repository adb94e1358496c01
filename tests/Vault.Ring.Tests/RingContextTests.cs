using Vault.Testing;

namespace Vault.Ring.Tests;

public class RingContextTests
{
    private const int LogN = 5;
    private const int N = 1 << LogN;

    private static readonly ulong[] AllPrimes = Primes.NttPrimes(LogN, [60, 40, 40, 61, 61]);
    private static readonly RingContext Context = RingContext.Create(LogN, AllPrimes.AsSpan(0, 3), AllPrimes.AsSpan(3, 2));

    public static TheoryData<ulong> GaloisElements()
    {
        var elements = new List<ulong> { 1, 3, 5, 2 * N - 1, N + 1, N - 1 };
        ulong g = 3;
        for (int k = 2; k <= 8; k++)
        {
            g = g * 3 % (2 * N);     // 3^k mod 2N: the rotation generators
            elements.Add(g);
        }
        return [.. elements.Distinct()];
    }

    [Fact]
    public void Create_QAndPPrimes_ExposesLevelsAndBases()
    {
        Assert.Equal(N, Context.N);
        Assert.Equal(LogN, Context.LogN);
        Assert.Equal(2, Context.MaxLevel);
        Assert.Equal(2, Context.PCount);
        Assert.NotNull(Context.P);
        Assert.Equal(AllPrimes[3..], Moduli(Context.P!));
        for (int level = 0; level <= Context.MaxLevel; level++)
        {
            Assert.Equal(AllPrimes[..(level + 1)], Moduli(Context.Q(level)));
            Assert.Equal([.. AllPrimes[..(level + 1)], .. AllPrimes[3..]], Moduli(Context.QP(level)));
            Assert.Equal(N, Context.Q(level).N);
        }
    }

    [Fact]
    public void Create_NoSpecialPrimes_QPEqualsQAndPIsNull()
    {
        var ctx = RingContext.Create(LogN, AllPrimes.AsSpan(0, 2), []);
        Assert.Null(ctx.P);
        Assert.Equal(0, ctx.PCount);
        Assert.Equal(1, ctx.MaxLevel);
        Assert.Equal(Moduli(ctx.Q(1)), Moduli(ctx.QP(1)));
    }

    [Fact]
    public void Create_NoCiphertextPrimes_Throws() =>
        Assert.Throws<ArgumentException>(() => RingContext.Create(LogN, [], AllPrimes.AsSpan(0, 1)));

    [Fact]
    public void Create_RepeatedPrime_Throws()
    {
        Assert.Throws<ArgumentException>(() => RingContext.Create(LogN, [AllPrimes[0], AllPrimes[1], AllPrimes[0]], []));
        Assert.Throws<ArgumentException>(() => RingContext.Create(LogN, [AllPrimes[0], AllPrimes[1]], [AllPrimes[1]]));
        Assert.Throws<ArgumentException>(() => RingContext.Create(LogN, [AllPrimes[0]], [AllPrimes[3], AllPrimes[3]]));
    }

    [Fact]
    public void Create_PrimeNotNttFriendly_Throws()
    {
        Assert.Throws<ArgumentException>(() => RingContext.Create(LogN, [AllPrimes[0], 1073741827], []));   // ≡ 3 mod 64
        Assert.Throws<ArgumentException>(() => RingContext.Create(LogN, [AllPrimes[0]], [97]));            // ≡ 33 mod 64
    }

    [Theory]
    [MemberData(nameof(GaloisElements))]
    public void AutomorphismNtt_AnyOddElement_MatchesCoefficientAutomorphism(ulong g)
    {
        var basis = Context.QP(Context.MaxLevel);
        var rng = TestSeed.Random((int)g);
        var coefficients = new RnsPoly(N, basis.Count);
        var expected = new RnsPoly(N, basis.Count);
        for (int i = 0; i < basis.Count; i++)
        {
            ulong q = basis.Moduli[i].Value;
            Span<ulong> a = coefficients.Limb(i), e = expected.Limb(i);
            for (int k = 0; k < N; k++) a[k] = rng.NextBelow(q);
            // X^k ↦ X^(k·g mod 2N), and X^(N + j) = −X^j.
            for (int k = 0; k < N; k++)
            {
                ulong j = (ulong)k * g % (2 * N);
                if (j < N) e[(int)j] = a[k];
                else e[(int)j - N] = a[k] == 0 ? 0 : q - a[k];
            }
        }
        basis.Forward(coefficients);
        basis.Forward(expected);
        var actual = new RnsPoly(N, basis.Count);
        Context.AutomorphismNtt(coefficients, g, actual, basis.Count);
        for (int i = 0; i < basis.Count; i++) Assert.Equal(expected.Limb(i).ToArray(), actual.Limb(i).ToArray());
    }

    [Fact]
    public void AutomorphismNtt_FewerLimbs_LeavesOtherDestinationLimbsAlone()
    {
        var a = new RnsPoly(N, 5);
        var rng = TestSeed.Random(31);
        for (int i = 0; i < 5; i++) for (int k = 0; k < N; k++) a.Limb(i)[k] = rng.NextBelow(1000);
        var d = new RnsPoly(N, 5);
        d.Limb(2).Fill(7);
        Context.AutomorphismNtt(a, 1, d, 2);
        Assert.Equal(a.Limb(0).ToArray(), d.Limb(0).ToArray());
        Assert.Equal(a.Limb(1).ToArray(), d.Limb(1).ToArray());
        Assert.All(d.Limb(2).ToArray(), v => Assert.Equal(7UL, v));
    }

    [Theory]
    [MemberData(nameof(GaloisElements))]
    public void AutomorphismNttIndex_AnyOddElement_IsPermutation(ulong g)
    {
        int[] index = Context.AutomorphismNttIndex(g).ToArray();
        Assert.Equal(N, index.Length);
        Assert.Equal(Enumerable.Range(0, N), index.Order());
        Assert.Equal(index, Context.AutomorphismNttIndex(g).ToArray());    // cached value is stable
    }

    [Fact]
    public void AutomorphismNttIndex_Identity_IsIdentity() =>
        Assert.Equal(Enumerable.Range(0, N), Context.AutomorphismNttIndex(1).ToArray());

    [Fact]
    public void AutomorphismNttIndex_Composition_MatchesProductOfElements()
    {
        // φ_g ∘ φ_h = φ_(g·h mod 2N): out[k] = in[perm_gh[k]] = in[perm_h[perm_g[k]]].
        ulong g = 3, h = 25;
        int[] pg = Context.AutomorphismNttIndex(g).ToArray(), ph = Context.AutomorphismNttIndex(h).ToArray();
        int[] pgh = Context.AutomorphismNttIndex(g * h % (2 * N)).ToArray();
        for (int k = 0; k < N; k++) Assert.Equal(pgh[k], ph[pg[k]]);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(2UL)]
    [InlineData(4UL)]
    [InlineData(2 * N)]
    [InlineData(2 * N + 1)]
    [InlineData(ulong.MaxValue)]
    public void AutomorphismNtt_EvenOrTooLargeElement_Throws(ulong g)
    {
        var a = new RnsPoly(N, 1);
        var d = new RnsPoly(N, 1);
        Assert.Throws<ArgumentException>(() => Context.AutomorphismNtt(a, g, d, 1));
        Assert.Throws<ArgumentException>(() => Context.AutomorphismNttIndex(g));
    }

    [Fact]
    public void AutomorphismNtt_DestinationAliasesInput_Throws()
    {
        var a = new RnsPoly(N, 1);
        Assert.Throws<ArgumentException>(() => Context.AutomorphismNtt(a, 3, a, 1));
        Assert.Throws<ArgumentNullException>(() => Context.AutomorphismNtt(null!, 3, a, 1));
        Assert.Throws<ArgumentNullException>(() => Context.AutomorphismNtt(a, 3, null!, 1));
    }

    private static ulong[] Moduli(RnsBasis basis) => [.. Enumerable.Range(0, basis.Count).Select(i => basis.Moduli[i].Value)];
}
