using System.Numerics;
using Vault.Testing;

namespace Vault.Ckks.Tests;

public class CkksParameterPresetsTests
{
    public static TheoryData<string> SecureNames => ["logn13", "logn14", "logn15", "logn16"];

    public static TheoryData<string> AllNames => [.. CkksParameterPresets.All.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Golden Ids: SHA-256 of the canonical parameter encoding (N, the prime chain, the gadget, the secret
    /// distribution, σ, and the CKKS fields). Keys, ciphertexts and serialized files are bound to these values, so
    /// any change to the encoding, the prime selection or a preset silently orphans existing data. If this test fails,
    /// the change must be deliberate: bump the encoding version and update these constants in the same commit.
    /// The values were cross-checked outside .NET: SHA-256 of "vault/rlwe-parameters/v1" ‖ u64 LE fields (logN, |q|,
    /// q_i…, |p|, p_j…, dnum, h, bits of σ = 3.2, scheme length) ‖ "CKKS" ‖ i32 LE (logScale, security, isSecure).
    /// </summary>
    public static TheoryData<string, string> GoldenIds => new()
    {
        { "logn13", "3a23afd6bf30fe0231d4883ef2d7d89653d7490a7799e3e12d5f06528c65a59d" },
        { "logn14", "93699f0388d747fec397bd5b806e0b3e1f701c5970ebf539b87e93967a6e0264" },
        { "logn15", "7d1d0fc70d75c00039b00168df0b625c46aa2d47473dfc04847329527b18980b" },
        { "logn16", "c03df127da5adfdf9b712a53fe3003d6d82397df01c950c0f5ee5e67bcb3ae8b" },
        { "insecure-test-only-logn10", "06dd2273400b9f554a3b1832c57a9dc0c805e348e062d3df85b78287e473b3f5" },
        { "insecure-test-only-logn12", "e01a2381bd74a9f48f7f45d65fc2814d89745b8080102c9134bbed5729e662d5" },
    };

    [Theory]
    [MemberData(nameof(SecureNames))]
    public void Create_SecurePreset_SucceedsWithinBound(string name)
    {
        var spec = CkksParameterPresets.All[name];
        var parameters = CkksParameters.Create(spec);
        int max = HomomorphicEncryptionStandard.MaxLogQP(spec.LogN, SecurityLevel.Classical128);
        Assert.True(parameters.IsSecure);
        Assert.True(spec.LogQ.Sum() + spec.LogP.Sum() <= max);
        Assert.True(parameters.LogQP <= max, $"{name}: log2(QP) = {parameters.LogQP:F2} > {max}");
    }

    [Theory]
    [MemberData(nameof(GoldenIds))]
    public void Id_Preset_MatchesGoldenValue(string name, string expected)
    {
        var spec = CkksParameterPresets.All[name];
        var parameters = spec.Security == SecurityLevel.InsecureTestOnly ? CkksParameters.CreateInsecure(spec) : CkksParameters.Create(spec);
        Assert.Equal(expected, parameters.Id.ToString());
    }

    [Fact]
    public void GoldenIds_CoverEveryPreset() =>
        Assert.Equal(CkksParameterPresets.All.Keys.Order(StringComparer.Ordinal), GoldenIds.Select(row => (string)row[0]).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Primes_Preset_PrimeDistinctAndOneMod2N(string name)
    {
        var spec = CkksParameterPresets.All[name];
        var parameters = CkksParameters.CreateInsecure(spec);
        ulong[] primes = [.. parameters.Rlwe.QPrimes, .. parameters.Rlwe.PPrimes];
        int[] bits = [.. spec.LogQ, .. spec.LogP];
        ulong twoN = 2UL << spec.LogN;
        Assert.Equal(bits.Length, primes.Length);
        Assert.Equal(primes.Length, primes.Distinct().Count());
        for (int i = 0; i < primes.Length; i++)
        {
            Assert.True(ReferencePrimality.IsPrime(primes[i]), $"{name}: {primes[i]} is not prime");
            Assert.Equal(1UL, primes[i] % twoN);
            Assert.Equal(bits[i], 64 - BitOperations.LeadingZeroCount(primes[i]));
        }
        Assert.Equal(ReferencePrimality.SealCoeffModulus(spec.LogN, bits), primes);
    }

    [Fact]
    public void Primes_LogN13_MatchSealCoeffModulusCreate()
    {
        // SEAL: CoeffModulus::Create(8192, {60, 40, 40, 60}). For each size SEAL takes the largest primes ≡ 1 mod 2N
        // below 2^b and hands them out smallest first, so the first 60-bit slot gets the second-largest 60-bit prime.
        // Recomputed independently here (BigInteger Miller–Rabin), then pinned as literals.
        ulong[] expected = [1152921504606748673, 1099510890497, 1099511480321, 1152921504606830593];
        Assert.Equal(expected, ReferencePrimality.SealCoeffModulus(13, [60, 40, 40, 60]));
        foreach (ulong q in expected) Assert.True(ReferencePrimality.IsPrime(q));

        var parameters = CkksParameters.Create(CkksParameterPresets.LogN13);
        Assert.Equal(expected, (ulong[])[.. parameters.Rlwe.QPrimes, .. parameters.Rlwe.PPrimes]);
    }

    [Fact]
    public void Presets_InsecureOnesAreMarked_SecureOnesAreNot()
    {
        foreach (var (name, spec) in CkksParameterPresets.All)
            Assert.Equal(name.StartsWith("insecure", StringComparison.Ordinal), spec.Security == SecurityLevel.InsecureTestOnly);
        Assert.False(CkksParameters.CreateInsecure(CkksParameterPresets.InsecureTestOnlyLogN10).IsSecure);
    }

    [Fact]
    public void TestSpecs_AreMarkedInsecure()
    {
        foreach (var spec in new[] { InsecureTestParameters.LogN5, InsecureTestParameters.LogN6, InsecureTestParameters.LogN7,
                     InsecureTestParameters.LogN10Dnum1, InsecureTestParameters.LogN10Dnum2, InsecureTestParameters.LogN10Dnum5 })
            Assert.Throws<ParameterException>(() => CkksParameters.Create(spec));
    }
}
