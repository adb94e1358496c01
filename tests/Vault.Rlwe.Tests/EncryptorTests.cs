using System.Numerics;
using Vault.Ring;
using Vault.Testing;
using Xunit.Abstractions;

namespace Vault.Rlwe.Tests;

/// <summary>Raw RLWE encryption: a small integer polynomial m is written straight into the plaintext (no encoding),
/// encrypted, decrypted, and the noise c_0 + c_1·s − m is measured coefficient by coefficient.</summary>
public sealed class EncryptorTests : IDisposable
{
    private static readonly RlweParameters Parameters = RlweTestParameters.LogN10;
    private readonly KeyGenerator _generator;
    private readonly Prng _keyRandomness;
    private readonly SecretKey _secretKey;
    private readonly PublicKey _publicKey;
    private readonly Decryptor _decryptor;

    private readonly ITestOutputHelper _output;

    public EncryptorTests(ITestOutputHelper output)
    {
        _output = output;
        (_generator, _keyRandomness) = RlweTestParameters.Generator(Parameters, salt: 100);
        _secretKey = _generator.GenerateSecretKey();
        _publicKey = _generator.GeneratePublicKey(_secretKey);
        _decryptor = new Decryptor(Parameters, _secretKey);
    }

    public void Dispose()
    {
        _secretKey.Dispose();
        _generator.Dispose();
        _keyRandomness.Dispose();
    }

    public static TheoryData<int> Levels => [0, 1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Levels))]
    public void Encrypt_SecretKey_NoiseIsTailCutGaussian(int level)
    {
        // Secret-key encryption (−a·s + e + m, a) decrypts to m + e with e the sampler's Gaussian: |e| ≤ ⌊6σ⌋ = 19
        // always (tail cut), and its sample standard deviation over N = 1024 coefficients is σ = 3.2 ± a few %.
        long[] m = RlweTestParameters.SmallIntegers(Parameters.N, 1L << 30, salt: level);
        using var prng = new Prng(TestSeed.PrngSeed(200 + level));
        using var encryptor = new Encryptor(Parameters, null, _secretKey, prng);

        var ct = encryptor.Encrypt(RlweTestParameters.RawPlaintext(Parameters, level, m));
        var noise = Noise(ct, m);

        Assert.Equal(level, ct.Level);
        Assert.True(CrtLift.MaxAbs(noise) <= NoiseBounds.TailCut, $"max |e| = {CrtLift.MaxAbs(noise)} > {NoiseBounds.TailCut} {TestSeed.Describe}");
        double rms = CrtLift.Rms(noise);
        _output.WriteLine($"level {level}: max {CrtLift.MaxAbs(noise)}, rms {rms:F2}");
        Assert.InRange(rms, 0.85 * NoiseBounds.Sigma, 1.15 * NoiseBounds.Sigma);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Encrypt_PublicKey_NoiseWithinBound(int level)
    {
        // Public-key encryption (b·u + e_0 + m, a·u + e_1) decrypts to m + e·u + e_0 + e_1·s. Each coefficient is a sum
        // of ~(2N/3 + h) products of a Gaussian with ±1: std σ·√(2N/3 + h + 1) ≈ 118 for N = 1024. No coefficient is
        // past 6 std (≈ 710), and the sample std is within 20% of the prediction.
        long[] m = RlweTestParameters.SmallIntegers(Parameters.N, 1L << 30, salt: 10 + level);
        using var prng = new Prng(TestSeed.PrngSeed(300 + level));
        using var encryptor = new Encryptor(Parameters, _publicKey, null, prng);

        var ct = encryptor.Encrypt(RlweTestParameters.RawPlaintext(Parameters, level, m));
        var noise = Noise(ct, m);

        double std = NoiseBounds.PublicKeyEncryptionStd(Parameters);
        _output.WriteLine($"level {level}: max {CrtLift.MaxAbs(noise)}, rms {CrtLift.Rms(noise):F1}, predicted std {std:F1}");
        Assert.True(CrtLift.MaxAbs(noise) <= 6 * std, $"max |e| = {CrtLift.MaxAbs(noise)} > {6 * std:F0} {TestSeed.Describe}");
        Assert.InRange(CrtLift.Rms(noise), 0.8 * std, 1.2 * std);
    }

    [Fact]
    public void Encrypt_SecretKey_SeedExpandsToC1()
    {
        using var prng = new Prng(TestSeed.PrngSeed(400));
        using var encryptor = new Encryptor(Parameters, null, _secretKey, prng);
        var ct = encryptor.Encrypt(RlweTestParameters.RawPlaintext(Parameters, 3, new long[Parameters.N]));

        Assert.NotNull(ct.Seed);
        var expanded = new RnsPoly(Parameters.N, Parameters.MaxLevel + 1);
        KeyGenerator.ExpandUniform(ct.Seed, Parameters.Ring.Q(3), expanded);
        for (int i = 0; i <= 3; i++) Assert.True(expanded.Limb(i).SequenceEqual(ct[1].Limb(i)), $"limb {i}");
    }

    [Fact]
    public void Encrypt_PublicKey_HasNoSeed()
    {
        using var prng = new Prng(TestSeed.PrngSeed(401));
        using var encryptor = new Encryptor(Parameters, _publicKey, null, prng);
        var ct = encryptor.Encrypt(RlweTestParameters.RawPlaintext(Parameters, 4, new long[Parameters.N]));
        Assert.Null(ct.Seed);
    }

    [Fact]
    public void Encrypt_SamePlaintextTwice_CiphertextsDiffer()
    {
        var pt = RlweTestParameters.RawPlaintext(Parameters, 4, RlweTestParameters.SmallIntegers(Parameters.N, 100, salt: 5));
        using var encryptor = new Encryptor(Parameters, _publicKey);          // fresh CSPRNG randomness
        var first = encryptor.Encrypt(pt);
        var second = encryptor.Encrypt(pt);
        Assert.False(first[0].Coefficients.SequenceEqual(second[0].Coefficients));
        Assert.False(first[1].Coefficients.SequenceEqual(second[1].Coefficients));
    }

    [Fact]
    public void Encrypt_SameSeededRandomness_IsReproducible()
    {
        var pt = RlweTestParameters.RawPlaintext(Parameters, 4, RlweTestParameters.SmallIntegers(Parameters.N, 100, salt: 6));
        Ciphertext Once()
        {
            using var prng = new Prng(TestSeed.PrngSeed(402));
            using var encryptor = new Encryptor(Parameters, _publicKey, null, prng);
            return encryptor.Encrypt(pt);
        }
        var a = Once();
        var b = Once();
        Assert.True(a[0].Coefficients.SequenceEqual(b[0].Coefficients));
        Assert.True(a[1].Coefficients.SequenceEqual(b[1].Coefficients));
    }

    [Fact]
    public void Constructor_BothOrNeitherKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Encryptor(Parameters, _publicKey, _secretKey, null));
        Assert.Throws<ArgumentException>(() => new Encryptor(Parameters, null, null, null));
    }

    [Fact]
    public void Constructor_KeyFromOtherParameters_ThrowsParameterMismatch()
    {
        var other = RlweTestParameters.WithDnum(5);
        Assert.Throws<ParameterMismatchException>(() => new Encryptor(other, _publicKey));
        Assert.Throws<ParameterMismatchException>(() => new Encryptor(other, _secretKey));
    }

    [Fact]
    public void Encrypt_PlaintextFromOtherParameters_ThrowsParameterMismatch()
    {
        var other = RlweTestParameters.Create(10, [55, 45, 45, 45, 45], [56, 56], dnum: 5);   // same primes, other gadget
        Assert.NotEqual(Parameters.Id, other.Id);
        using var encryptor = new Encryptor(Parameters, _publicKey);
        var foreign = new Plaintext(other, other.MaxLevel, 1.0);
        Assert.Throws<ParameterMismatchException>(() => encryptor.Encrypt(foreign));
        var pt = new Plaintext(Parameters, Parameters.MaxLevel, 1.0);
        Assert.Throws<ParameterMismatchException>(() => encryptor.Encrypt(pt, new Ciphertext(other, other.MaxLevel, 1.0)));
    }

    private BigInteger[] Noise(Ciphertext ct, long[] m)
    {
        var decrypted = _decryptor.Decrypt(ct);
        var coefficients = CrtLift.Centered(Parameters.Ring.Q(ct.Level), decrypted.Poly, ntt: true);
        for (int t = 0; t < coefficients.Length; t++) coefficients[t] -= m[t];
        return coefficients;
    }
}
