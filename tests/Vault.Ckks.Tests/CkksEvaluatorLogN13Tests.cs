using System.Numerics;
using Vault.Ring;
using Vault.Rlwe;
using Vault.Testing;
using Xunit.Abstractions;

namespace Vault.Ckks.Tests;

/// <summary>CkksEvaluator on the production-strength N = 2^13 preset (built with <see cref="CkksParameters.Create"/>).
/// Kept apart from <see cref="CkksEvaluatorTests"/> only because xUnit runs test classes, not methods, in parallel:
/// the slow every-step test must not serialize the fast evaluator tests behind it.</summary>
/// <remarks>
/// Bounds for the secure N = 2^13 preset (SEAL's shape: q = 60·40·40 bits, one 60-bit P, dnum 3, Δ = 2^40):
/// <list type="bullet">
/// <item>Fresh: coefficient std σ·√(4N/3 + 1) ≈ 334, slot std ≈ 334·√N ≈ 2^14.9, worst of 4096 slots ≈ 2^16.4:
/// ≈ 23.6 bits (measured ≈ 23.0). Require <see cref="LogN13FreshBits"/>.</item>
/// <item>Key switching: the ModUp digits are residues in [0, q_j) (as in SEAL), so their mean q_j/2 makes the term
/// Σ_j D̃_j·e_j/P carry (q_j/2P)·φ_g(𝟙)·e_j. 𝟙 = Σ X^i is ≈ 2N/π ≈ 5200 at ζ, so this lands on the one slot where
/// ζ^(g·3^j) = ζ with size ≈ ½·5200·|e_j(ζ)| ≈ 2^19.5 (|e_j(ζ)| ≈ σ·√N): ≈ 2^-20.5, worse than the fresh error.
/// With the floor bias of ModDown (see KeySwitcherTests.Switch_Noise_HasNoRoundingBias) on slot 0 (≈ 2^-22) a
/// rotation measures ≈ 19.8 bits. Require <see cref="LogN13KeySwitchedBits"/>; over 4095 keys the worst
/// |e_j(ζ)| is ≈ 2.9× the typical one (≈ −1.5 bits), hence <see cref="LogN13EveryStepBits"/>.</item>
/// </list>
/// </remarks>
public sealed class CkksEvaluatorLogN13Tests(ITestOutputHelper output)
{
    private const double LogN13FreshBits = 21;
    private const double LogN13KeySwitchedBits = 18;
    private const double LogN13EveryStepBits = 17;

    private double AssertPrecision(Complex[] expected, Ciphertext ct, double minBits, string what, CkksTestContext ctx)
    {
        var actual = ctx.Decrypt(ct);
        double bits = Precision.Bits(expected, actual);
        output.WriteLine($"{what}: {bits:F2} bits (required {minBits})");
        Precision.AssertBits(expected, actual, minBits, what);
        return bits;
    }

    [Fact]
    public void Operations_SecureLogN13Preset_WithinPrecisionBounds()
    {
        using var ctx = new CkksTestContext(CkksParameterPresets.LogN13, salt: 120);
        Assert.True(ctx.Parameters.IsSecure);
        var evaluator = ctx.Evaluator;
        var random = TestSeed.Random(121);
        var x = ctx.RandomComplex(random);
        var y = ctx.RandomComplex(random);
        var cx = ctx.Encrypt(x);
        var cy = ctx.Encrypt(y);
        AssertPrecision(x, cx, LogN13FreshBits, "LogN13 fresh", ctx);

        var product = evaluator.MultiplyRelinearize(cx, cy);
        evaluator.Rescale(product, product);
        // ≈ 2.8× the fresh error (|x|, |y| ≤ √2) plus relinearization's slot-0 term: ≈ 21 bits.
        AssertPrecision(SlotReference.Zip(x, y, (a, b) => a * b), product, LogN13KeySwitchedBits, "LogN13 mul + relin + rescale", ctx);

        foreach (int step in (int[])[1, 1024, -1])        // −1 = 4095: twelve composed key switches
        {
            int switches = System.Numerics.BitOperations.PopCount((uint)(step % ctx.Parameters.Slots + ctx.Parameters.Slots) % (uint)ctx.Parameters.Slots);
            AssertPrecision(SlotReference.Rotate(x, step), evaluator.Rotate(cx, step),
                LogN13KeySwitchedBits - Math.Log2(switches), $"LogN13 rotate {step} ({switches} key switches)", ctx);
        }
        var conjugated = evaluator.NewCiphertext(cx.Level, cx.Scale);
        evaluator.Conjugate(cx, conjugated);
        AssertPrecision(SlotReference.Map(x, Complex.Conjugate), conjugated, LogN13KeySwitchedBits, "LogN13 conjugate", ctx);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Rotate_EveryStepAtLogN13_BabyStepGiantStepMatchesPlainRotation()
    {
        // Every step k = 64a + b in 1..4095, each checked on all 4096 slots. Direct keys for all 4095 steps would
        // cost minutes of key generation, so: 63 giant-step keys (64a) and 63 baby-step keys (b); for each a, one
        // direct Rotate by 64a, then RotateHoisted by all b at once (one shared decomposition). Every step is thus a
        // real rotation by k, through both the direct and the hoisted path. Level 0 (one digit) keeps it ≈ 50 s.
        var parameters = CkksParameters.Create(CkksParameterPresets.LogN13);
        int slots = parameters.Slots;
        const int baby = 64;
        using var prng = new Prng(TestSeed.PrngSeed(110));
        using var generator = new KeyGenerator(parameters.Rlwe, prng);
        using var secretKey = generator.GenerateSecretKey();
        using var encryptor = new Encryptor(parameters.Rlwe, generator.GeneratePublicKey(secretKey), null, prng);
        var decryptor = new Decryptor(parameters.Rlwe, secretKey);
        var encoder = new CkksEncoder(parameters);
        var x = SlotReference.RandomComplex(TestSeed.Random(111), slots);
        var pt = new Plaintext(parameters.Rlwe, 0, parameters.DefaultScale);
        encoder.Encode(x, 0, pt.Scale, pt);
        var ct = encryptor.Encrypt(pt);
        int[] babySteps = [.. Enumerable.Range(0, baby)];
        int[] giantSteps = [.. Enumerable.Range(1, slots / baby - 1).Select(a => a * baby)];
        var galois = generator.GenerateGaloisKeys(secretKey,
            [.. babySteps.Skip(1).Concat(giantSteps).Select(k => GaloisElements.ForRotation(parameters.LogN, k))]);
        var evaluator = new CkksEvaluator(parameters, null, galois);
        var destinations = babySteps.Select(_ => new Ciphertext(parameters.Rlwe, 0, 1.0)).ToArray();
        var giant = new Ciphertext(parameters.Rlwe, 0, 1.0);
        var decoded = new Complex[slots];
        var verified = new bool[slots];
        double worst = double.MaxValue;

        for (int a = 0; a < slots / baby; a++)
        {
            evaluator.Rotate(ct, a * baby, giant);
            evaluator.RotateHoisted(giant, babySteps, destinations);
            for (int b = a == 0 ? 1 : 0; b < baby; b++)
            {
                int step = a * baby + b;
                encoder.Decode(decryptor.Decrypt(destinations[b]), decoded);
                double bits = Precision.Bits(SlotReference.Rotate(x, step), decoded);
                worst = Math.Min(worst, bits);
                Assert.True(bits >= LogN13EveryStepBits, $"rotate {step}: {bits:F2} bits < {LogN13EveryStepBits} {TestSeed.Describe}");
                verified[step] = true;
            }
        }

        Assert.Equal(slots - 1, verified.Count(v => v));
        output.WriteLine($"LogN13, all {slots - 1} steps: worst {worst:F2} bits");
    }
}
