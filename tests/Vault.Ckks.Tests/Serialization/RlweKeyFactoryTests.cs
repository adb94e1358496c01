using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks.Tests;

/// <summary>The Vault.Rlwe factories that deserialization builds keys with: each documented throw.</summary>
public class RlweKeyFactoryTests(SerializationFixture fixture) : IClassFixture<SerializationFixture>
{
    private RlweParameters R => fixture.Parameters.Rlwe;
    private int QPCount => R.MaxLevel + 1 + R.Ring.PCount;

    [Fact]
    public void SecretKeyFromNtt_WrongLimbCount_Throws() =>
        Assert.Throws<ArgumentException>(() => SecretKey.FromNtt(R, new RnsPoly(R.N, R.MaxLevel + 1)));

    [Fact]
    public void PublicKeyFromSeed_ShortSeed_Throws() =>
        Assert.Throws<ArgumentException>(() => PublicKey.FromSeed(R, new RnsPoly(R.N, R.MaxLevel + 1), new byte[16]));

    [Fact]
    public void PublicKeyFromSeed_SameSeed_SameA()
    {
        var original = fixture.Context.PublicKey;
        var rebuilt = PublicKey.FromSeed(R, original.B.Clone(), original.Seed);
        Assert.Equal(original.A.Coefficients.ToArray(), rebuilt.A.Coefficients.ToArray());
    }

    [Fact]
    public void SwitchingKeyFromSeed_WrongDigitCount_Throws() =>
        Assert.Throws<ArgumentException>(() => SwitchingKey.FromSeed(R, [new RnsPoly(R.N, QPCount)], new byte[Prng.SeedLength]));

    [Fact]
    public void SwitchingKeyFromSeed_WrongLimbCount_Throws()
    {
        var b = Enumerable.Range(0, R.Dnum).Select(_ => new RnsPoly(R.N, QPCount - 1)).ToArray();
        Assert.Throws<ArgumentException>(() => SwitchingKey.FromSeed(R, b, new byte[Prng.SeedLength]));
    }

    [Theory]
    [InlineData(4UL)]
    [InlineData(2049UL)]
    public void GaloisKeysFromKeys_BadElement_Throws(ulong element)
    {
        var key = fixture.Context.RelinearizationKey.Key;
        Assert.Throws<ArgumentException>(() => GaloisKeys.FromKeys(R, [new(element, key)]));
    }

    [Fact]
    public void GaloisKeysFromKeys_KeyOfOtherParameters_Throws()
    {
        using var other = new Vault.Testing.CkksTestContext(CkksParameterPresets.InsecureTestOnlyLogN10 with { LogDefaultScale = 40 });
        Assert.Throws<ParameterMismatchException>(() => GaloisKeys.FromKeys(R, [new(3UL, other.RelinearizationKey.Key)]));
    }
}
