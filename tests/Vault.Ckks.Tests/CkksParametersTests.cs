using System.Globalization;
using Vault.Testing;

namespace Vault.Ckks.Tests;

public class CkksParametersTests
{
    public static TheoryData<int> SecureLogN => [12, 13, 14, 15, 16];

    [Theory]
    [MemberData(nameof(SecureLogN))]
    public void Create_LogQPExactlyAtBound_Succeeds(int logN)
    {
        int max = HomomorphicEncryptionStandard.MaxLogQP(logN, SecurityLevel.Classical128);
        var spec = SpecWithTotalBits(logN, max);
        Assert.Equal(max, spec.LogQ.Sum() + spec.LogP.Sum());

        var parameters = CkksParameters.Create(spec);

        Assert.True(parameters.IsSecure);
        Assert.True(parameters.LogQP <= max, $"actual log2(QP) = {parameters.LogQP}");
    }

    [Theory]
    [MemberData(nameof(SecureLogN))]
    public void Create_LogQPOneBitOverBound_ThrowsNamingTheMaximum(int logN)
    {
        int max = HomomorphicEncryptionStandard.MaxLogQP(logN, SecurityLevel.Classical128);
        var spec = SpecWithTotalBits(logN, max + 1);
        Assert.Equal(max + 1, spec.LogQ.Sum() + spec.LogP.Sum());

        var ex = Assert.Throws<ParameterException>(() => CkksParameters.Create(spec));

        Assert.StartsWith("Create:", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"at most {max.ToString(CultureInfo.InvariantCulture)} bits", ex.Message, StringComparison.Ordinal);
        Assert.Contains((max + 1).ToString(CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_InsecureMarkedSpec_Throws()
    {
        // Even a spec that would meet the bound is refused when it is marked InsecureTestOnly.
        var small = SpecWithTotalBits(13, 200) with { Security = SecurityLevel.InsecureTestOnly };
        foreach (var spec in new[] { CkksParameterPresets.InsecureTestOnlyLogN10, CkksParameterPresets.InsecureTestOnlyLogN12, small })
        {
            var ex = Assert.Throws<ParameterException>(() => CkksParameters.Create(spec));
            Assert.Contains("InsecureTestOnly", ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(17)]
    public void Create_LogNOutsideTwelveToSixteen_Throws(int logN)
    {
        var spec = new CkksParameterSpec { LogN = logN, LogQ = [30], LogP = [30], LogDefaultScale = 20 };
        var ex = Assert.Throws<ParameterException>(() => CkksParameters.Create(spec));
        Assert.Contains("[12, 16]", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(19, 40)]
    [InlineData(62, 40)]
    [InlineData(40, 19)]
    [InlineData(40, 62)]
    public void Create_PrimeSizeOutOfRange_Throws(int logQ, int logP)
    {
        var spec = new CkksParameterSpec { LogN = 12, LogQ = [logQ], LogP = [logP], LogDefaultScale = 18 };
        var ex = Assert.Throws<ParameterException>(() => CkksParameters.Create(spec));
        Assert.Contains("[20, 61]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_PrimeSizesAtLimits_Succeeds()
    {
        var parameters = CkksParameters.Create(new CkksParameterSpec { LogN = 12, LogQ = [20], LogP = [61], LogDefaultScale = 18 });
        Assert.Equal(20, 64 - System.Numerics.BitOperations.LeadingZeroCount(parameters.Rlwe.QPrimes[0]));
        Assert.Equal(61, 64 - System.Numerics.BitOperations.LeadingZeroCount(parameters.Rlwe.PPrimes[0]));
    }

    [Fact]
    public void Create_EmptyLogQOrLogP_Throws()
    {
        Assert.Throws<ParameterException>(() => CkksParameters.Create(new CkksParameterSpec { LogN = 12, LogQ = [], LogP = [40], LogDefaultScale = 30 }));
        Assert.Throws<ParameterException>(() => CkksParameters.Create(new CkksParameterSpec { LogN = 12, LogQ = [40], LogP = [], LogDefaultScale = 30 }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void Create_LogDefaultScaleOutOfRange_Throws(int logScale) =>
        Assert.Throws<ParameterException>(() => CkksParameters.Create(new CkksParameterSpec { LogN = 12, LogQ = [40], LogP = [40], LogDefaultScale = logScale }));

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Create_InvalidDnum_ThrowsParameterException(int dnum)
    {
        var spec = new CkksParameterSpec { LogN = 12, LogQ = [30, 25, 25], LogP = [25], LogDefaultScale = 25, Dnum = dnum };
        var ex = Assert.Throws<ParameterException>(() => CkksParameters.Create(spec));
        Assert.IsType<ArgumentException>(ex.InnerException);
    }

    [Fact]
    public void Create_TooFewNttPrimesOfASize_ThrowsParameterException()
    {
        // Only a handful of 20-bit primes are ≡ 1 mod 2^17; asking for 20 of them must fail cleanly.
        var spec = new CkksParameterSpec { LogN = 16, LogQ = [.. Enumerable.Repeat(20, 20)], LogP = [60], LogDefaultScale = 19 };
        var ex = Assert.Throws<ParameterException>(() => CkksParameters.Create(spec));
        Assert.StartsWith("Create:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DefaultDnum_IsCeilingOfPrimesOverSpecialPrimes()
    {
        Assert.Equal(3, CkksParameters.CreateInsecure(CkksParameterPresets.InsecureTestOnlyLogN10).Rlwe.Dnum);   // ⌈5/2⌉
        Assert.Equal(3, CkksParameters.Create(CkksParameterPresets.LogN13).Rlwe.Dnum);                            // ⌈3/1⌉
        Assert.Equal(2, CkksParameters.CreateInsecure(InsecureTestParameters.LogN10Dnum2).Rlwe.Dnum);              // explicit
    }

    [Fact]
    public void CreateInsecure_InsecureSpec_BuildsButIsNotSecure()
    {
        var parameters = CkksParameters.CreateInsecure(CkksParameterPresets.InsecureTestOnlyLogN12);
        Assert.False(parameters.IsSecure);
        Assert.Equal(4096, parameters.N);
        Assert.Equal(2048, parameters.Slots);
        Assert.Equal(2, parameters.MaxLevel);
        Assert.Equal(Math.ScaleB(1.0, 40), parameters.DefaultScale);
    }

    [Fact]
    public void CreateInsecure_SecureSpec_SameIdAsCreate()
    {
        var secure = CkksParameters.Create(CkksParameterPresets.LogN13);
        var viaInsecure = CkksParameters.CreateInsecure(CkksParameterPresets.LogN13);
        Assert.True(viaInsecure.IsSecure);
        Assert.Equal(secure.Id, viaInsecure.Id);
    }

    [Fact]
    public void Id_DependsOnScaleSecurityHammingWeightAndDnum()
    {
        var baseSpec = CkksParameterPresets.InsecureTestOnlyLogN10;
        var id = CkksParameters.CreateInsecure(baseSpec).Id;
        Assert.Equal(id, CkksParameters.CreateInsecure(baseSpec with { }).Id);
        Assert.NotEqual(id, CkksParameters.CreateInsecure(baseSpec with { LogDefaultScale = 44 }).Id);
        Assert.NotEqual(id, CkksParameters.CreateInsecure(baseSpec with { Security = SecurityLevel.Classical128 }).Id);
        Assert.NotEqual(id, CkksParameters.CreateInsecure(baseSpec with { HammingWeight = 64 }).Id);
        Assert.NotEqual(id, CkksParameters.CreateInsecure(baseSpec with { Dnum = 5 }).Id);
    }

    [Fact]
    public void CheckId_ForeignId_ThrowsParameterMismatch()
    {
        var a = CkksParameters.CreateInsecure(CkksParameterPresets.InsecureTestOnlyLogN10);
        var b = CkksParameters.CreateInsecure(InsecureTestParameters.LogN10Dnum5);
        Assert.Throws<Rlwe.ParameterMismatchException>(() => a.CheckId(b.Id, "Test"));
    }

    /// <summary>A spec for N = 2^logN whose bit sizes sum to exactly <paramref name="totalBits"/>: one 60-bit special
    /// prime, and the rest split as evenly as possible into ciphertext primes of at most 60 bits.</summary>
    internal static CkksParameterSpec SpecWithTotalBits(int logN, int totalBits)
    {
        int remaining = totalBits - 60;
        int count = (remaining + 59) / 60;
        var logQ = new int[count];
        for (int i = 0; i < count; i++) logQ[i] = remaining / count + (i < remaining % count ? 1 : 0);
        return new CkksParameterSpec { LogN = logN, LogQ = [.. logQ], LogP = [60], LogDefaultScale = Math.Min(40, logQ.Min() - 1) };
    }
}
