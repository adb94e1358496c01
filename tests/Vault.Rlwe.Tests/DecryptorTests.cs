using Vault.Ring;
using Vault.Testing;

namespace Vault.Rlwe.Tests;

public sealed class DecryptorTests : IDisposable
{
    private static readonly RlweParameters Parameters = RlweTestParameters.LogN10;
    private readonly KeyGenerator _generator;
    private readonly Prng _keyRandomness;
    private readonly SecretKey _secretKey;

    public DecryptorTests()
    {
        (_generator, _keyRandomness) = RlweTestParameters.Generator(Parameters, salt: 110);
        _secretKey = _generator.GenerateSecretKey();
    }

    public void Dispose()
    {
        _secretKey.Dispose();
        _generator.Dispose();
        _keyRandomness.Dispose();
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Decrypt_NoiselessCiphertext_ReturnsMessageExactly(int size)
    {
        // Build c_0 = m − c_1·s (− c_2·s²) with uniform c_1, c_2: decryption must return m exactly, which pins the
        // formula c_0 + c_1·s + c_2·s² (including the s² term of a 3-part ciphertext).
        const int level = 3;
        var basis = Parameters.Ring.Q(level);
        long[] m = RlweTestParameters.SmallIntegers(Parameters.N, 1L << 40, salt: 20 + size);
        var ct = new Ciphertext(Parameters, level, 1.0, size);
        var s = _secretKey.Poly;
        var term = new RnsPoly(Parameters.N, basis.Count);
        RlweTestParameters.RawPlaintext(Parameters, level, m).Poly.CopyTo(ct[0]);
        RlweTestParameters.UniformPoly(Parameters, basis, salt: 30).CopyTo(ct[1]);
        basis.MulCoefficients(ct[1], s, term);
        basis.Sub(ct[0], term, ct[0]);
        if (size == 3)
        {
            RlweTestParameters.UniformPoly(Parameters, basis, salt: 31).CopyTo(ct[2]);
            basis.MulCoefficients(ct[2], s, term);
            basis.MulCoefficients(term, s, term);
            basis.Sub(ct[0], term, ct[0]);
        }

        var decrypted = new Decryptor(Parameters, _secretKey).Decrypt(ct);

        Assert.Equal(level, decrypted.Level);
        var coefficients = CrtLift.Centered(basis, decrypted.Poly, ntt: true);
        for (int t = 0; t < m.Length; t++) Assert.Equal(m[t], (long)coefficients[t]);
    }

    [Fact]
    public void Decrypt_CopiesLevelAndScale()
    {
        var ct = new Ciphertext(Parameters, 2, 12345.5);
        var pt = new Plaintext(Parameters, Parameters.MaxLevel, 1.0);
        new Decryptor(Parameters, _secretKey).Decrypt(ct, pt);
        Assert.Equal(2, pt.Level);
        Assert.Equal(12345.5, pt.Scale);
    }

    [Fact]
    public void Decrypt_CiphertextFromOtherParameters_ThrowsParameterMismatch()
    {
        var other = RlweTestParameters.Create(10, [55, 45, 45, 45, 45], [56, 56], dnum: 3, hammingWeight: 64);
        var decryptor = new Decryptor(Parameters, _secretKey);
        var ex = Assert.Throws<ParameterMismatchException>(() => decryptor.Decrypt(new Ciphertext(other, 4, 1.0)));
        Assert.StartsWith("Decrypt:", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ParameterMismatchException>(() => decryptor.Decrypt(new Ciphertext(Parameters, 4, 1.0), new Plaintext(other, 4, 1.0)));
    }

    [Fact]
    public void Constructor_SecretKeyFromOtherParameters_ThrowsParameterMismatch()
    {
        var other = RlweTestParameters.WithDnum(5);
        Assert.Throws<ParameterMismatchException>(() => new Decryptor(other, _secretKey));
    }
}
