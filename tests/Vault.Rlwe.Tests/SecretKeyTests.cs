using Vault.Ring;

namespace Vault.Rlwe.Tests;

public class SecretKeyTests
{
    private static readonly RlweParameters Parameters = RlweTestParameters.LogN10;

    [Fact]
    public void Dispose_ZeroesMemory_ThenPolyThrowsObjectDisposed()
    {
        var (generator, prng) = RlweTestParameters.Generator(Parameters, salt: 120);
        using (generator)
        using (prng)
        {
            var key = generator.GenerateSecretKey();
            RnsPoly poly = key.Poly;
            Assert.Contains(poly.Coefficients.ToArray(), x => x != 0);

            key.Dispose();

            Assert.All(poly.Coefficients.ToArray(), x => Assert.Equal(0UL, x));
            for (int i = 0; i < poly.Capacity; i++) Assert.True(poly.Limb(i).IndexOfAnyExcept(0UL) < 0, $"limb {i} not wiped");
            Assert.Throws<ObjectDisposedException>(() => key.Poly);
            key.Dispose();                                  // idempotent
            Assert.Throws<ObjectDisposedException>(() => new Decryptor(Parameters, key).Decrypt(new Ciphertext(Parameters, 0, 1.0)));
        }
    }

    [Fact]
    public void ToString_DoesNotRevealKey()
    {
        var (generator, prng) = RlweTestParameters.Generator(Parameters, salt: 121);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        {
            string text = key.ToString();
            Assert.Contains("redacted", text, StringComparison.Ordinal);
            Assert.Contains(Parameters.Id.ToString(), text, StringComparison.Ordinal);
            Assert.DoesNotContain(key.Poly.Limb(0)[0].ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        }
    }
}
