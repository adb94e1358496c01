using Vault.Ring;

namespace Vault.Rlwe.Tests;

public class RlweParametersTests
{
    private static readonly ulong[] Primes7 = Primes.NttPrimes(10, [55, 45, 45, 45, 45, 56, 56]);
    private static ReadOnlySpan<ulong> Q => Primes7.AsSpan(0, 5);
    private static ReadOnlySpan<ulong> P => Primes7.AsSpan(5);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 3)]
    [InlineData(3, 2)]
    [InlineData(5, 1)]
    public void Create_ValidDnum_SetsDigitSize(int dnum, int digitSize)
    {
        var parameters = RlweParameters.Create(10, Q, P, dnum, 0, []);
        Assert.Equal(dnum, parameters.Dnum);
        Assert.Equal(digitSize, parameters.DigitSize);
        Assert.Equal(4, parameters.MaxLevel);
        Assert.Equal(1024, parameters.N);
        Assert.True(parameters.QPrimes.SequenceEqual(Q));
        Assert.True(parameters.PPrimes.SequenceEqual(P));
    }

    [Fact]
    public void DigitCount_PerLevel_IsFloorLevelOverDigitSizePlusOne()
    {
        var parameters = RlweParameters.Create(10, Q, P, 2, 0, []);    // digit size 3
        Assert.Equal([1, 1, 1, 2, 2], Enumerable.Range(0, 5).Select(parameters.DigitCount));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(6)]          // > L + 1 = 5
    public void Create_DnumOutOfRange_Throws(int dnum)
    {
        var ex = Assert.Throws<ArgumentException>(() => RlweParameters.Create(10, Q, P, dnum, 0, []));
        Assert.Equal("dnum", ex.ParamName);
    }

    [Fact]
    public void Create_DnumThatCannotSplitPrimes_Throws()
    {
        // 5 primes in 4 digits: ⌈5/4⌉ = 2 primes per digit gives 3 digits, not 4.
        var ex = Assert.Throws<ArgumentException>(() => RlweParameters.Create(10, Q, P, 4, 0, []));
        Assert.Contains("try 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NoSpecialPrimes_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => RlweParameters.Create(10, Q, [], 1, 0, []));
        Assert.Equal("pPrimes", ex.ParamName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1025)]
    public void Create_HammingWeightOutOfRange_Throws(int h) =>
        Assert.Throws<ArgumentException>(() => RlweParameters.Create(10, Q, P, 3, h, []));

    [Fact]
    public void Create_PrimeNotNttFriendly_Throws()
    {
        ulong[] q = [.. Q];
        q[1] = Primes.NttPrimes(9, [45])[0];          // ≡ 1 mod 1024, not mod 2048 (or not prime for N = 2^10)
        if ((q[1] - 1) % 2048 == 0) q[1] = 1UL << 44 | 1;    // fall back to a value that is not ≡ 1 mod 2N as a prime
        Assert.ThrowsAny<ArgumentException>(() => RlweParameters.Create(10, q, P, 3, 0, []));
    }

    [Fact]
    public void Create_RepeatedPrime_Throws()
    {
        ulong[] p = [Q[2], P[1]];
        Assert.ThrowsAny<ArgumentException>(() => RlweParameters.Create(10, Q, p, 3, 0, []));
    }

    [Fact]
    public void Id_SameInputs_Equal_AnyFieldChanged_Differs()
    {
        var id = RlweParameters.Create(10, Q, P, 3, 0, "CKKS"u8).Id;
        Assert.Equal(id, RlweParameters.Create(10, Q, P, 3, 0, "CKKS"u8).Id);
        Assert.NotEqual(id, RlweParameters.Create(10, Q, P, 5, 0, "CKKS"u8).Id);
        Assert.NotEqual(id, RlweParameters.Create(10, Q, P, 3, 64, "CKKS"u8).Id);
        Assert.NotEqual(id, RlweParameters.Create(10, Q, P, 3, 0, "CKKT"u8).Id);
        Assert.NotEqual(id, RlweParameters.Create(10, Q, P, 3, 0, []).Id);
        Assert.NotEqual(id, RlweParameters.Create(10, Q[..4], P, 2, 0, "CKKS"u8).Id);
        Assert.NotEqual(id, RlweParameters.Create(10, Q, P[..1], 3, 0, "CKKS"u8).Id);
    }

    [Fact]
    public void CheckId_OtherId_ThrowsParameterMismatchNamingTheOperation()
    {
        var a = RlweParameters.Create(10, Q, P, 3, 0, []);
        var b = RlweParameters.Create(10, Q, P, 5, 0, []);
        a.CheckId(a.Id, "Test");
        var ex = Assert.Throws<ParameterMismatchException>(() => a.CheckId(b.Id, "Evaluate"));
        Assert.StartsWith("Evaluate:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(b.Id.ToString(), ex.Message, StringComparison.Ordinal);
    }
}
