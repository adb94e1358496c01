using System.Numerics;
using Vault.Rlwe;
using Vault.Testing;

namespace Vault.Ckks.Tests;

public sealed partial class CkksEvaluatorTests
{
    [Theory]
    [InlineData(3)]        // direct key
    [InlineData(100)]      // direct key
    [InlineData(1)]        // power of two: its own key
    [InlineData(256)]      // power of two: its own key
    public void Rotate_StepWithKey_MatchesPlainRotation(int step)
    {
        var x = RandomValues(70);
        var ct = Encrypt(x);
        var rotated = Evaluator.Rotate(ct, step);
        Assert.Equal(ct.Level, rotated.Level);
        Assert.Equal(ct.Scale, rotated.Scale);
        AssertPrecision(SlotReference.Rotate(x, step), rotated, KeySwitchedBits, $"rotate {step}");
    }

    [Theory]
    [InlineData(5)]        // 4 + 1
    [InlineData(300)]      // 256 + 32 + 8 + 4
    [InlineData(511)]      // all nine power-of-two keys
    public void Rotate_NoDirectKey_ComposesPowerOfTwoRotations(int step)
    {
        // Each composed key switch adds its own (small) noise: allow one bit per extra key switch.
        Assert.DoesNotContain(step, LogN10Fixture.DirectSteps);
        var x = RandomValues(71);
        var rotated = Evaluator.Rotate(Encrypt(x), step);
        int switches = BitOperationsPopCount(step);
        AssertPrecision(SlotReference.Rotate(x, step), rotated, KeySwitchedBits - Math.Log2(switches), $"rotate {step} ({switches} key switches)");
    }

    [Theory]
    [InlineData(-1)]       // = 511: composed
    [InlineData(-5)]       // direct key for −5
    [InlineData(-300)]
    [InlineData(-512)]     // = 0
    public void Rotate_NegativeStep_RotatesRight(int step)
    {
        var x = RandomValues(72);
        var rotated = Evaluator.Rotate(Encrypt(x), step);
        Assert.Equal(x[0], SlotReference.Rotate(x, step)[-step % Parameters.Slots]);       // the reference really rotates right
        AssertPrecision(SlotReference.Rotate(x, step), rotated, KeySwitchedBits - 3, $"rotate {step}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(512)]
    [InlineData(-1024)]
    public void Rotate_MultipleOfSlots_CopiesInput(int step)
    {
        var ct = Encrypt(RandomValues(73), 3);
        var rotated = Evaluator.NewCiphertext(4, 1.0);
        Evaluator.Rotate(ct, step, rotated);
        AssertSameCiphertext(ct, rotated, $"rotate {step}");
    }

    [Fact]
    public void Rotate_OnlyDirectKeyPresent_UsesIt()
    {
        // An evaluator holding just the key for step 5 (no power-of-two keys) must rotate by 5 with it, and
        // must refuse step 1 for lack of any usable key.
        var keys = GaloisKeysFor([GaloisElements.ForRotation(Parameters.LogN, 5)], salt: 74);
        var evaluator = new CkksEvaluator(Parameters, _ctx.RelinearizationKey, keys);
        var x = RandomValues(75);
        var ct = Encrypt(x);

        AssertPrecision(SlotReference.Rotate(x, 5), evaluator.Rotate(ct, 5), KeySwitchedBits, "rotate 5 with only its direct key");
        var ex = Assert.Throws<InvalidOperationException>(() => evaluator.Rotate(ct, 1));
        Assert.StartsWith("Rotate:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotate_ThreePartCiphertext_Throws()
    {
        var three = Evaluator.Multiply(Encrypt(RandomValues(76)), Encrypt(RandomValues(77)));
        Assert.Throws<ArgumentException>(() => Evaluator.Rotate(three, 1));
    }

    [Fact]
    public void RotateAndConjugate_NoGaloisKeys_ThrowInvalidOperation()
    {
        var evaluator = new CkksEvaluator(Parameters, _ctx.RelinearizationKey);
        var ct = Encrypt(RandomValues(78));
        var destination = Evaluator.NewCiphertext(4, 1.0);
        Assert.Throws<InvalidOperationException>(() => evaluator.Rotate(ct, 1, destination));
        Assert.Throws<InvalidOperationException>(() => evaluator.Conjugate(ct, destination));
        Assert.Throws<InvalidOperationException>(() => evaluator.SumSlots(ct, 4, destination));
        Assert.Throws<InvalidOperationException>(() => evaluator.RotateHoisted(ct, [1], [destination]));
        evaluator.Rotate(ct, 0, destination);                               // no key needed for the identity
    }

    [Fact]
    public void Conjugate_MatchesPlainConjugate()
    {
        var x = RandomValues(79);
        var ct = Encrypt(x, 2);
        var conjugated = Evaluator.NewCiphertext(4, 1.0);
        Evaluator.Conjugate(ct, conjugated);
        Assert.Equal(2, conjugated.Level);
        AssertPrecision(SlotReference.Map(x, Complex.Conjugate), conjugated, KeySwitchedBits, "conjugate");
    }

    [Fact]
    public void Conjugate_NoConjugationKey_ThrowsInvalidOperation()
    {
        var keys = GaloisKeysFor([GaloisElements.ForRotation(Parameters.LogN, 1)], salt: 80);
        var evaluator = new CkksEvaluator(Parameters, null, keys);
        Assert.Throws<InvalidOperationException>(() => evaluator.Conjugate(Encrypt(RandomValues(81)), Evaluator.NewCiphertext(4, 1.0)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(64)]
    [InlineData(512)]
    public void SumSlots_PowerOfTwoCount_SlotJHoldsSumOfNextCount(int count)
    {
        // log2(count) rotations, each doubling the number of summed noisy terms: the error grows like √count (plus
        // the key-switch noise of each rotation), so allow log2(count)/2 + 1 bits below a fresh encryption.
        var x = RandomValues(82);
        var destination = Evaluator.NewCiphertext(4, 1.0);
        Evaluator.SumSlots(Encrypt(x), count, destination);
        var expected = new Complex[x.Length];
        for (int j = 0; j < x.Length; j++)
            for (int i = 0; i < count; i++) expected[j] += x[(j + i) % x.Length];
        if (count == Parameters.Slots) Assert.All(expected, e => Assert.Equal(expected[0].Real, e.Real, 9));
        AssertPrecision(expected, destination, KeySwitchedBits - Math.Log2(count) / 2 - 1, $"sum of {count} slots");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(1024)]
    public void SumSlots_CountNotPowerOfTwoInRange_Throws(int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Evaluator.SumSlots(Encrypt(RandomValues(83)), count, Evaluator.NewCiphertext(4, 1.0)));

    [Fact]
    public void RotateHoisted_EqualsIndividualRotationsBitForBit()
    {
        // With direct keys, Rotate itself does Decompose + ApplyKey(g), exactly what hoisting does for each step
        // after one shared Decompose: the ciphertexts must be identical, not merely close.
        int[] steps = [3, 1, 7, 0, 100, -5, 256];
        var x = RandomValues(84);
        var ct = Encrypt(x, 3);
        var destinations = steps.Select(_ => Evaluator.NewCiphertext(4, 1.0)).ToArray();

        Evaluator.RotateHoisted(ct, steps, destinations);

        for (int s = 0; s < steps.Length; s++)
        {
            AssertSameCiphertext(Evaluator.Rotate(ct, steps[s]), destinations[s], $"hoisted step {steps[s]}");
            AssertPrecision(SlotReference.Rotate(x, steps[s]), destinations[s], KeySwitchedBits, $"hoisted rotate {steps[s]}");
        }
    }

    [Fact]
    public void RotateHoisted_StepWithoutDirectKey_ThrowsInvalidOperation()
    {
        var ct = Encrypt(RandomValues(85));
        var destinations = new[] { Evaluator.NewCiphertext(4, 1.0), Evaluator.NewCiphertext(4, 1.0) };
        Assert.Throws<InvalidOperationException>(() => Evaluator.RotateHoisted(ct, [3, 5], destinations));
    }

    [Fact]
    public void RotateHoisted_DestinationAliasesInputOrTooFew_Throws()
    {
        var ct = Encrypt(RandomValues(86));
        Assert.Throws<ArgumentException>(() => Evaluator.RotateHoisted(ct, [1, 3], [Evaluator.NewCiphertext(4, 1.0), ct]));
        Assert.Throws<ArgumentException>(() => Evaluator.RotateHoisted(ct, [1, 3], [Evaluator.NewCiphertext(4, 1.0)]));
    }

    [Fact]
    public void Rotate_EveryStepAtLogN6_DirectAndComposed()
    {
        // N = 2^6 (32 slots): every step 1..31 and −1..−31, once through its own key (hoisted and one by one) and
        // once composed from the power-of-two keys only. Fresh noise: coefficient std σ·√(4N/3 + 1) ≈ 30, slot std
        // ≈ 30·√N ≈ 2^7.9, worst of 32 slots ≈ 2^9 → ≈ 21 bits at Δ = 2^30; key switching (one 50-bit prime per digit,
        // P ≈ 2^50) adds ≈ σ·√(N/3) ≈ 15 per coefficient per switch; up to five switches on the composed path, and the
        // worst of 186 results sits in the tail (measured ≈ 19.3). Require 17.
        var spec = InsecureTestParameters.LogN6;
        int slots = 1 << (spec.LogN - 1);
        int[] steps = [.. Enumerable.Range(1, slots - 1), .. Enumerable.Range(1, slots - 1).Select(k => -k)];
        using var direct = new CkksTestContext(spec, salt: 87, rotationSteps: steps);
        using var composed = new CkksTestContext(spec, salt: 88);
        var x = SlotReference.RandomComplex(TestSeed.Random(89), slots);
        var ct = direct.Encrypt(x);
        var composedCt = composed.Encrypt(x);
        var hoisted = steps.Select(_ => direct.Evaluator.NewCiphertext(direct.Parameters.MaxLevel, 1.0)).ToArray();

        direct.Evaluator.RotateHoisted(ct, steps, hoisted);

        double worst = double.MaxValue;
        for (int s = 0; s < steps.Length; s++)
        {
            var expected = SlotReference.Rotate(x, steps[s]);
            foreach (var (context, result) in new[] { (direct, hoisted[s]), (direct, direct.Evaluator.Rotate(ct, steps[s])), (composed, composed.Evaluator.Rotate(composedCt, steps[s])) })
            {
                var actual = context.Decrypt(result);
                worst = Math.Min(worst, Precision.Bits(expected, actual));
                Precision.AssertBits(expected, actual, 17, $"LogN6 rotate {steps[s]}");
            }
        }
        _output.WriteLine($"LogN6, every step: worst {worst:F2} bits");
    }

    private GaloisKeys GaloisKeysFor(IEnumerable<ulong> elements, int salt)
    {
        using var prng = new Ring.Prng(TestSeed.PrngSeed(salt));
        using var generator = new KeyGenerator(Parameters.Rlwe, prng);
        return generator.GenerateGaloisKeys(_ctx.SecretKey, elements);
    }

    private static int BitOperationsPopCount(int value) => System.Numerics.BitOperations.PopCount((uint)value);
}
