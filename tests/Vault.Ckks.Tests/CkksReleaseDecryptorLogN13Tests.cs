using Vault.Ring;
using Vault.Testing;
using Xunit.Abstractions;

namespace Vault.Ckks.Tests;

/// <summary>The Li–Micciancio attack and noise flooding at 128-bit security, N = 2^13 (apart from
/// <see cref="CkksReleaseDecryptorTests"/> so xUnit runs the two classes in parallel).</summary>
/// <remarks>
/// The <c>logn13</c> preset (Δ = 2^40) falls to the attack; flooded at λ_s = 30 it cannot release a single bit (fresh
/// ‖e‖₂ ≈ 2^15 needs σ ≥ 2^32.6, which moves values by ≈ 2^-(40 − 4 − 6 − 32.6) = 2^2.6). A release needs a larger
/// scale: the secure set N = 2^13, Q = 60·60 bits, P = 60 bits (log QP = 180 ≤ 218), Δ = 2^60 releases 17 bits.
/// </remarks>
public sealed class CkksReleaseDecryptorLogN13Tests(ITestOutputHelper output)
{
    /// <summary>SECURE (128-bit): N = 2^13, one level of 60 bits above q_0 = 60 bits, Δ = 2^60: a release scale.</summary>
    private static readonly CkksParameterSpec ReleaseScaleLogN13 = new()
    {
        LogN = 13,
        LogQ = [60, 60],
        LogP = [60],
        LogDefaultScale = 60,
    };

    private static double FreshNoiseBound(CkksParameters parameters) =>
        1.25 * Math.Sqrt(parameters.N) * NoiseBounds.PublicKeyEncryptionStd(parameters.Rlwe);

    [Fact]
    public void SecurePresetLogN13_PlainDecryptLeaksTheKey_FloodingRefusesEveryPrecision()
    {
        using var ctx = new CkksTestContext(CkksParameterPresets.LogN13, salt: 600);
        Assert.True(ctx.Parameters.IsSecure);
        var random = TestSeed.Random(601);
        var x = ctx.RandomComplex(random);
        var y = ctx.RandomComplex(random);
        var fresh = ctx.Encrypt(x);
        var product = ctx.Evaluator.MultiplyRelinearize(fresh, ctx.Encrypt(y));
        ctx.Evaluator.Rescale(product, product);

        foreach (var (ct, what) in new[] { (fresh, "fresh"), (product, "multiply+rescale") })
        {
            var released = ctx.Decrypt(ct);
            var candidate = LiMicciancioAttack.RecoverSecret(ctx.Parameters, ct, released);
            Assert.NotNull(candidate);
            Assert.Equal(ctx.Parameters.N * (ct.Level + 1), LiMicciancioAttack.MatchingResidues(candidate, ctx.SecretKey));
            output.WriteLine($"logn13 {what} (level {ct.Level}, Δ = 2^{Math.Log2(ct.Scale):F2}): plain release → secret key recovered exactly");
        }

        double bound = FreshNoiseBound(ctx.Parameters);
        Assert.True(LiMicciancioAttack.NoiseNorm(ctx, fresh, x) <= bound);
        using var release = new CkksReleaseDecryptor(ctx.Parameters, ctx.SecretKey);
        var e = Assert.Throws<NoiseFloodingException>(() => release.Decrypt(fresh, 0, bound));
        Assert.Equal(-3, e.MaxPrecisionBits);
        output.WriteLine(e.Message);
    }

    [Fact]
    public void SecureReleaseScaleLogN13_Flooded_AttackFailsAnd17BitsHold()
    {
        using var ctx = new CkksTestContext(ReleaseScaleLogN13, salt: 610, conjugation: false);
        Assert.True(ctx.Parameters.IsSecure);
        var x = ctx.RandomComplex(TestSeed.Random(611));
        var ct = ctx.Encrypt(x);
        double bound = FreshNoiseBound(ctx.Parameters);
        double measured = LiMicciancioAttack.NoiseNorm(ctx, ct, x);
        Assert.True(measured <= bound, $"‖e‖₂ = {measured:F0} exceeds {bound:F0} {TestSeed.Describe}");
        using var prng = new Prng(TestSeed.PrngSeed(612));
        using var release = new CkksReleaseDecryptor(ctx.Parameters, ctx.SecretKey, prng);
        const int Bits = 17;
        Assert.Equal(Bits, NoiseFloodingPlan.MaxPrecisionBitsFor(ctx.Parameters.LogN, ct.Scale, bound));
        var plan = release.Plan(ct, Bits, bound);

        var released = release.Decrypt(ct, Bits, bound);
        double worst = 0;
        for (int j = 0; j < x.Length; j++)
            worst = Math.Max(worst, Math.Max(Math.Abs(x[j].Real - released[j].Real), Math.Abs(x[j].Imaginary - released[j].Imaginary)));
        Assert.True(worst <= Math.ScaleB(1.0, -Bits), $"worst part error 2^{Math.Log2(worst):F2} > 2^-{Bits} {TestSeed.Describe}");

        var candidate = LiMicciancioAttack.RecoverSecret(ctx.Parameters, ct, released);
        Assert.NotNull(candidate);
        Assert.InRange(LiMicciancioAttack.MatchingResidues(candidate, ctx.SecretKey), 0, 4);
        Assert.False(LiMicciancioAttack.IsTernary(ctx.Parameters, candidate));
        output.WriteLine($"release-scale logn13: ‖e‖₂ = 2^{Math.Log2(measured):F1}, σ = 2^{Math.Log2(plan.Sigma):F1} ≥ 2^{Math.Log2(plan.MinimumSigma):F1}, " +
            $"{Bits} bits released, worst error 2^{Math.Log2(worst):F1}; attack fails");
    }
}
