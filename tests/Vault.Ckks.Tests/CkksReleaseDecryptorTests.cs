using System.Numerics;
using Vault.Ring;
using Vault.Rlwe;
using Vault.Testing;
using Xunit.Abstractions;

namespace Vault.Ckks.Tests;

/// <summary>Noise-flooded release on the insecure N = 2^10 preset (Δ = 2^45): the Li–Micciancio attack recovers the
/// whole secret key from a plain decryption and gets nothing but a random ring element from a flooded one, whose
/// values still meet the stated precision; plus the sizing, the refusal, the noise's distribution and its freshness.</summary>
/// <remarks>
/// Noise bounds the tests pass as the caller's estimate B ≥ ‖e‖₂ (each test also measures ‖e‖₂ and checks B covers it):
/// <list type="bullet">
/// <item>Fresh public-key encryption: coefficient std σ·√(4N/3 + 1) ≈ 118 (<see cref="NoiseBounds.PublicKeyEncryptionStd"/>),
/// so ‖e‖₂ ≈ 118·√N ≈ 2^11.9; a χ-distributed norm of 1024 terms is within 10 % of that, so B = 1.25·√N·std.</item>
/// <item>Multiply, relinearize, rescale by q_ℓ ≈ Δ: ‖x·e_y + y·e_x‖₂ ≤ max|x|·‖e_y‖₂ + max|y|·‖e_x‖₂ (slot-wise products,
/// |x|, |y| ≤ √2) ≈ 2.8 × fresh, plus rescale rounding and relinearization (≈ 2^8, 2^9): B = 4 × the fresh bound.</item>
/// </list>
/// </remarks>
public sealed class CkksReleaseDecryptorTests : IClassFixture<LogN10Fixture>
{
    private readonly CkksTestContext _ctx;
    private readonly ITestOutputHelper _output;

    public CkksReleaseDecryptorTests(LogN10Fixture fixture, ITestOutputHelper output)
    {
        _ctx = fixture.Context;
        _output = output;
    }

    private double FreshNoiseBound => 1.25 * Math.Sqrt(_ctx.Parameters.N) * NoiseBounds.PublicKeyEncryptionStd(_ctx.Parameters.Rlwe);

    /// <summary>A fresh ciphertext of random values, or the rescaled product of two; with the plaintext result and B.</summary>
    private (Ciphertext Ct, Complex[] Expected, double NoiseBound) Compute(bool multiply, int salt)
    {
        var random = TestSeed.Random(salt);
        var x = _ctx.RandomComplex(random);
        var cx = _ctx.Encrypt(x);
        if (!multiply) return (cx, x, FreshNoiseBound);
        var y = _ctx.RandomComplex(random);
        var product = _ctx.Evaluator.MultiplyRelinearize(cx, _ctx.Encrypt(y));
        _ctx.Evaluator.Rescale(product, product);
        return (product, SlotReference.Zip(x, y, (a, b) => a * b), 4 * FreshNoiseBound);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PlainDecrypt_LiMicciancioAttack_RecoversTheSecretKeyExactly(bool multiply)
    {
        var (ct, expected, _) = Compute(multiply, salt: multiply ? 501 : 500);
        var released = _ctx.Decrypt(ct);                                  // decrypt + decode, no flooding
        Precision.AssertBits(expected, released, 25, "plain release");
        var candidate = LiMicciancioAttack.RecoverSecret(_ctx.Parameters, ct, released);
        Assert.NotNull(candidate);
        int residues = _ctx.Parameters.N * (ct.Level + 1);
        Assert.Equal(residues, LiMicciancioAttack.MatchingResidues(candidate, _ctx.SecretKey));
        Assert.True(LiMicciancioAttack.IsTernary(_ctx.Parameters, candidate));
        _output.WriteLine($"{(multiply ? "multiply+rescale" : "fresh")} at level {ct.Level}: all {residues} NTT residues of s recovered");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decrypt_Flooded_AttackFailsAndValuesMeetThePrecision(bool multiply)
    {
        var (ct, expected, bound) = Compute(multiply, salt: multiply ? 511 : 510);
        double measured = LiMicciancioAttack.NoiseNorm(_ctx, ct, expected);
        Assert.True(measured <= bound, $"‖e‖₂ = {measured:F0} exceeds the bound {bound:F0} {TestSeed.Describe}");
        using var prng = new Prng(TestSeed.PrngSeed(512));
        using var release = new CkksReleaseDecryptor(_ctx.Parameters, _ctx.SecretKey, prng);
        int bits = NoiseFloodingPlan.MaxPrecisionBitsFor(_ctx.Parameters.LogN, ct.Scale, bound);
        Assert.InRange(bits, 1, 10);
        var plan = release.Plan(ct, bits, bound);

        var released = release.Decrypt(ct, bits, bound);
        Precision.AssertBits(expected, released, bits - 0.5, "flooded release");   // |Δ| ≤ 2^-p per part, so |Δ| ≤ 2^-(p−½)
        foreach (var v in released)
        {
            Assert.Equal(v.Real, Math.ScaleB(Math.Round(Math.ScaleB(v.Real, bits)), -bits));
            Assert.Equal(v.Imaginary, Math.ScaleB(Math.Round(Math.ScaleB(v.Imaginary, bits)), -bits));
        }
        double worst = 0;
        for (int j = 0; j < expected.Length; j++)
            worst = Math.Max(worst, Math.Max(Math.Abs(expected[j].Real - released[j].Real), Math.Abs(expected[j].Imaginary - released[j].Imaginary)));
        Assert.True(worst <= Math.ScaleB(1.0, -bits), $"worst part error {worst} > 2^-{bits} {TestSeed.Describe}");

        var candidate = LiMicciancioAttack.RecoverSecret(_ctx.Parameters, ct, released);
        Assert.NotNull(candidate);
        Assert.InRange(LiMicciancioAttack.MatchingResidues(candidate, _ctx.SecretKey), 0, 4);   // ≈ N(ℓ+1)/q ≈ 0 by chance
        Assert.False(LiMicciancioAttack.IsTernary(_ctx.Parameters, candidate));
        _output.WriteLine($"{(multiply ? "multiply+rescale" : "fresh")}: ‖e‖₂ = 2^{Math.Log2(measured):F1} (B = 2^{Math.Log2(bound):F1}), " +
            $"σ = 2^{Math.Log2(plan.Sigma):F1} ≥ 2^{Math.Log2(plan.MinimumSigma):F1}, released {bits} bits, worst error 2^{Math.Log2(worst):F1}; attack fails");
    }

    [Fact]
    public void DecryptReal_SameStream_IsTheRealPartOfDecrypt()
    {
        var (ct, expected, bound) = Compute(multiply: false, salt: 520);
        byte[] seed = TestSeed.PrngSeed(521);
        Complex[] full;
        double[] real;
        using (var prng = new Prng(seed))
        using (var release = new CkksReleaseDecryptor(_ctx.Parameters, _ctx.SecretKey, prng))
            full = release.Decrypt(ct, 4, bound);
        using (var prng = new Prng(seed))
        using (var release = new CkksReleaseDecryptor(_ctx.Parameters, _ctx.SecretKey, prng))
            real = release.DecryptReal(ct, 4, bound);
        Assert.Equal(full.Select(v => v.Real), real);
        for (int j = 0; j < real.Length; j++) Assert.InRange(real[j] - expected[j].Real, -1.0 / 16, 1.0 / 16);
    }

    [Fact]
    public void Decrypt_SameCiphertextTwice_ReleasesDifferAndNoiseIsIndependent()
    {
        var (ct, _, bound) = Compute(multiply: false, salt: 530);
        using var release = new CkksReleaseDecryptor(_ctx.Parameters, _ctx.SecretKey);    // OS CSPRNG seed
        var first = release.Decrypt(ct, 2, bound);
        var second = release.Decrypt(ct, 2, bound);
        Assert.NotEqual(first, second);

        using var prng = new Prng(TestSeed.PrngSeed(531));
        using var seeded = new CkksReleaseDecryptor(_ctx.Parameters, _ctx.SecretKey, prng);
        var plan = seeded.Plan(ct, 0, bound);
        double[] a = FloodingNoise(seeded, ct, plan), b = FloodingNoise(seeded, ct, plan);
        double dot = 0, aa = 0, bb = 0;
        for (int t = 0; t < a.Length; t++) { dot += a[t] * b[t]; aa += a[t] * a[t]; bb += b[t] * b[t]; }
        double correlation = dot / Math.Sqrt(aa * bb);
        Assert.InRange(correlation, -5 / Math.Sqrt(a.Length), 5 / Math.Sqrt(a.Length));         // sd 1/√N
    }

    [Fact]
    public void DecryptFlooded_Noise_MeanZeroVarianceSigmaSquared()
    {
        var (ct, _, bound) = Compute(multiply: true, salt: 540);
        using var prng = new Prng(TestSeed.PrngSeed(541));
        using var release = new CkksReleaseDecryptor(_ctx.Parameters, _ctx.SecretKey, prng);
        var plan = release.Plan(ct, 1, bound);
        var samples = new List<double>();
        for (int call = 0; call < 8; call++) samples.AddRange(FloodingNoise(release, ct, plan));
        int n = samples.Count;
        double sigma = plan.Sigma, mean = samples.Average(), variance = samples.Sum(x => (x - mean) * (x - mean)) / n;
        Assert.InRange(mean / sigma, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));                        // se of the mean σ/√n
        Assert.InRange(variance / (sigma * sigma), 1 - 5 * Math.Sqrt(2.0 / n), 1 + 5 * Math.Sqrt(2.0 / n));
        Assert.All(samples, x => Assert.InRange(Math.Abs(x), 0, 8.58 * sigma + 1));
        _output.WriteLine($"{n} noise coefficients: mean {mean / sigma:F4}σ, variance {variance / (sigma * sigma):F4}σ² (σ = 2^{Math.Log2(sigma):F2})");
    }

    [Fact]
    public void Decrypt_PrecisionTooFine_ThrowsWithTheReleasableBitsAndDrawsNoNoise()
    {
        var (ct, _, bound) = Compute(multiply: false, salt: 550);
        byte[] seed = TestSeed.PrngSeed(551);
        using var prng = new Prng(seed);
        using var release = new CkksReleaseDecryptor(_ctx.Parameters, _ctx.SecretKey, prng);
        int max = NoiseFloodingPlan.MaxPrecisionBitsFor(_ctx.Parameters.LogN, ct.Scale, bound);
        var e = Assert.Throws<NoiseFloodingException>(() => release.Decrypt(ct, 20, bound));
        Assert.Equal(20, e.RequestedPrecisionBits);
        Assert.Equal(max, e.MaxPrecisionBits);
        Assert.Contains($"at most {max} bits can be released", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("Release: 20 bits requested", e.Message, StringComparison.Ordinal);
        Assert.Throws<NoiseFloodingException>(() => release.DecryptReal(ct, max + 1, bound));
        // The refusals drew no noise: the next release is the one a fresh decryptor on the same stream makes.
        using var twinPrng = new Prng(seed);
        using var twin = new CkksReleaseDecryptor(_ctx.Parameters, _ctx.SecretKey, twinPrng);
        Assert.Equal(twin.Decrypt(ct, max, bound), release.Decrypt(ct, max, bound));
        _output.WriteLine(e.Message);
    }

    [Fact]
    public void Decrypt_HugeNoiseBound_SaysNothingCanBeReleased()
    {
        var (ct, _, _) = Compute(multiply: false, salt: 560);
        using var release = new CkksReleaseDecryptor(_ctx.Parameters, _ctx.SecretKey);
        var e = Assert.Throws<NoiseFloodingException>(() => release.Decrypt(ct, 0, 1e12));
        Assert.True(e.MaxPrecisionBits < 0);
        Assert.Contains("no precision can be released", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_OtherParameters_ThrowsParameterMismatch()
    {
        using var other = new CkksTestContext(InsecureTestParameters.LogN10Dnum1, salt: 570, conjugation: false);
        var ct = other.Encrypt(other.RandomComplex(TestSeed.Random(571)));
        using var release = new CkksReleaseDecryptor(_ctx.Parameters, _ctx.SecretKey);
        Assert.Throws<ParameterMismatchException>(() => release.Decrypt(ct, 1, FreshNoiseBound));
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        using var prng = new Prng(new byte[32]);
        Assert.Throws<ArgumentNullException>(() => new CkksReleaseDecryptor(null!, _ctx.SecretKey));
        Assert.Throws<ArgumentNullException>(() => new CkksReleaseDecryptor(_ctx.Parameters, null!));
        Assert.Throws<ArgumentNullException>(() => new CkksReleaseDecryptor(_ctx.Parameters, _ctx.SecretKey, (Prng)null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CkksReleaseDecryptor(_ctx.Parameters, _ctx.SecretKey, prng, statisticalSecurity: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CkksReleaseDecryptor(_ctx.Parameters, _ctx.SecretKey, prng, statisticalSecurity: 129));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CkksReleaseDecryptor(_ctx.Parameters, _ctx.SecretKey, prng, queries: 0));
        using var release = new CkksReleaseDecryptor(_ctx.Parameters, _ctx.SecretKey, prng, statisticalSecurity: 40, queries: 3);
        Assert.Equal(40, release.StatisticalSecurity);
        Assert.Equal(3, release.Queries);
        Assert.Throws<ArgumentNullException>(() => release.Decrypt(null!, 1, FreshNoiseBound));
    }

    /// <summary>f = (m' + f) − m' for one flooded decryption, as centred doubles.</summary>
    private double[] FloodingNoise(CkksReleaseDecryptor release, Ciphertext ct, NoiseFloodingPlan plan)
    {
        var flooded = new Plaintext(_ctx.Parameters.Rlwe, ct.Level, ct.Scale);
        release.DecryptFlooded(ct, plan, flooded);
        var exact = _ctx.Decryptor.Decrypt(ct);
        var basis = _ctx.Parameters.Rlwe.Ring.Q(ct.Level);
        return [.. CrtLift.CenteredDifference(basis, flooded.Poly, exact.Poly, ntt: true).Select(x => (double)x)];
    }
}
