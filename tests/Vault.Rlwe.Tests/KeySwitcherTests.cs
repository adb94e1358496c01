using System.Numerics;
using Vault.Ring;
using Vault.Testing;
using Xunit.Abstractions;

namespace Vault.Rlwe.Tests;

/// <summary>Hybrid key switching, checked from its defining property: Switch(d) = (out_0, out_1) with
/// out_0 + out_1·s = d·s' + small, for a random source secret s' and a uniform d, at every level and for dnum = 1, 2
/// and L + 1. The bound is <see cref="NoiseBounds.KeySwitch"/> (derived there).</summary>
public class KeySwitcherTests(ITestOutputHelper output)
{
    public static TheoryData<int, int> DnumAndLevel()
    {
        var data = new TheoryData<int, int>();
        foreach (int dnum in (int[])[1, 2, 5])
            for (int level = 4; level >= 0; level--) data.Add(dnum, level);
        return data;
    }

    [Theory]
    [MemberData(nameof(DnumAndLevel))]
    public void Switch_RandomSourceSecret_DecryptsToDTimesSourceWithinBound(int dnum, int level)
    {
        var parameters = RlweTestParameters.WithDnum(dnum);
        Assert.Equal(dnum, parameters.Dnum);
        var (generator, prng) = RlweTestParameters.Generator(parameters, salt: 150 + dnum);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        {
            var source = RlweTestParameters.TernarySecret(parameters, salt: 160 + dnum, out _);
            var swk = generator.GenerateSwitchingKey(source, key);
            var basis = parameters.Ring.Q(level);
            var d = RlweTestParameters.UniformPoly(parameters, basis, salt: 170 + level);
            var dCopy = d.Clone();
            var out0 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
            var out1 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);

            new KeySwitcher(parameters).Switch(d, level, swk, out0, out1);

            Assert.Equal(level + 1, out0.LimbCount);
            Assert.Equal(level + 1, out1.LimbCount);
            Assert.True(d.Coefficients.SequenceEqual(dCopy.Coefficients), "Switch modified its input");
            var noise = Noise(parameters, basis, key, d, source, out0, out1);
            double bound = NoiseBounds.KeySwitch(parameters, level);
            double max = CrtLift.MaxAbs(noise);
            output.WriteLine($"dnum {dnum}, level {level}: noise 2^{Math.Log2(max):F2}, bound 2^{Math.Log2(bound):F2}");
            Assert.True(max <= bound, $"dnum {dnum}, level {level}: max noise 2^{Math.Log2(max):F2} > bound 2^{Math.Log2(bound):F2} {TestSeed.Describe}");
        }
    }

    [Fact]
    public void Switch_Dnum1WithPBelowQ_NoiseIsLarge()
    {
        // The bound is not vacuous: with one digit and a 60-bit P against a 235-bit Q, the gadget term D̃·e/P is
        // about 2^180, far above the ~2^9 of a well-sized P. Shows the noise tests above can fail.
        var parameters = RlweTestParameters.Create(10, [55, 45, 45, 45, 45], [60], dnum: 1);
        var (generator, prng) = RlweTestParameters.Generator(parameters, salt: 180);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        {
            var source = RlweTestParameters.TernarySecret(parameters, salt: 181, out _);
            var swk = generator.GenerateSwitchingKey(source, key);
            var basis = parameters.Ring.Q(4);
            var d = RlweTestParameters.UniformPoly(parameters, basis, salt: 182);
            var out0 = new RnsPoly(parameters.N, 5);
            var out1 = new RnsPoly(parameters.N, 5);
            new KeySwitcher(parameters).Switch(d, 4, swk, out0, out1);
            double max = CrtLift.MaxAbs(Noise(parameters, basis, key, d, source, out0, out1));
            Assert.True(Math.Log2(max) > 150, $"noise 2^{Math.Log2(max):F1}");
            Assert.True(NoiseBounds.KeySwitch(RlweTestParameters.WithDnum(1), 4) < Math.Pow(2, 12));
        }
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 2)]
    [InlineData(5, 0)]
    public void Switch_Noise_HasNoRoundingBias(int dnum, int level)
    {
        // ModDown must divide by P with rounding, ⌊acc/P⌉ (SEAL adds ⌊P/2⌋; Vault converts the centred residue [acc]_P
        // exactly). A floor with a fast base conversion adds v·P, v ∈ [0, k), and the noise then carries the fixed bias
        // −(k/2)·(1 + s)·𝟙, 𝟙 = Σ X^i: harmless in coefficients but concentrated in the canonical embedding
        // (|𝟙(ζ)| ≈ 2N/π at slot 0): at N = 2^13, Δ = 2^40 it is ≈ 2^-22 at slot 0, above the fresh-encryption error.
        // Test: project the noise η = out_0 + out_1·s − d·s' onto b = (1 + s)·𝟙; c = ⟨η, b⟩/⟨b, b⟩ is 0 ± 0.03 for an
        // unbiased rounding and −k/2 for a floor (b's norm is ≈ √N·√(2N/3)/2, the zero-mean noise ≲ 10).
        var parameters = RlweTestParameters.WithDnum(dnum);
        var (generator, prng) = RlweTestParameters.Generator(parameters, salt: 185 + dnum);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        {
            var source = RlweTestParameters.TernarySecret(parameters, salt: 186, out _);
            var swk = generator.GenerateSwitchingKey(source, key);
            var basis = parameters.Ring.Q(level);
            var d = RlweTestParameters.UniformPoly(parameters, basis, salt: 187 + level);
            var out0 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
            var out1 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
            new KeySwitcher(parameters).Switch(d, level, swk, out0, out1);
            var noise = Noise(parameters, basis, key, d, source, out0, out1);

            var s = CrtLift.Centered(parameters.Ring.Q(0), key.Poly, ntt: true);
            int n = parameters.N;
            var direction = new double[n];                  // (1 + s)·𝟙: coefficient t is Σ_(j≤t) s'_j − Σ_(j>t) s'_j, s' = 1 + s
            double total = 0;
            for (int j = 0; j < n; j++) total += (double)s[j] + (j == 0 ? 1 : 0);
            double prefix = 0;
            for (int t = 0; t < n; t++)
            {
                prefix += (double)s[t] + (t == 0 ? 1 : 0);
                direction[t] = prefix - (total - prefix);
            }
            double dot = 0, norm = 0;
            for (int t = 0; t < n; t++)
            {
                dot += (double)noise[t] * direction[t];
                norm += direction[t] * direction[t];
            }
            double c = dot / norm;
            output.WriteLine($"dnum {dnum} (k = {parameters.PPrimes.Length}), level {level}: bias coefficient {c:F3}");
            Assert.True(Math.Abs(c) < 0.2, $"key-switching noise has a bias {c:F2}·(1 + s)·𝟙 (k = {parameters.PPrimes.Length} special primes)");
        }
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 2)]
    [InlineData(5, 4)]
    [InlineData(5, 0)]
    public void ApplyKey_GaloisElement_EqualsSwitchOfAutomorphism(int dnum, int level)
    {
        // Hoisting: Decompose(d) then ApplyKey(g) must give an encryption of φ_g(d)·s', like Switch(φ_g(d)).
        const ulong g = 3 * 3 * 3;
        var parameters = RlweTestParameters.WithDnum(dnum);
        var (generator, prng) = RlweTestParameters.Generator(parameters, salt: 190 + dnum);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        {
            var source = RlweTestParameters.TernarySecret(parameters, salt: 191, out _);
            var swk = generator.GenerateSwitchingKey(source, key);
            var ring = parameters.Ring;
            var basis = ring.Q(level);
            var d = RlweTestParameters.UniformPoly(parameters, basis, salt: 192);
            var rotatedD = new RnsPoly(parameters.N, basis.Count);
            ring.AutomorphismNtt(d, g, rotatedD, basis.Count);
            var switcher = new KeySwitcher(parameters);
            var hoisted0 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
            var hoisted1 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
            var direct0 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
            var direct1 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);

            switcher.Decompose(d, level);
            switcher.ApplyKey(g, swk, hoisted0, hoisted1);
            switcher.Switch(rotatedD, level, swk, direct0, direct1);

            double bound = NoiseBounds.KeySwitch(parameters, level);
            Assert.True(CrtLift.MaxAbs(Noise(parameters, basis, key, rotatedD, source, hoisted0, hoisted1)) <= bound, "hoisted");
            Assert.True(CrtLift.MaxAbs(Noise(parameters, basis, key, rotatedD, source, direct0, direct1)) <= bound, "direct");
        }
    }

    [Fact]
    public void ApplyKey_BeforeDecompose_ThrowsInvalidOperation()
    {
        var parameters = RlweTestParameters.LogN10;
        var (generator, prng) = RlweTestParameters.Generator(parameters, salt: 195);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        {
            var relin = generator.GenerateRelinearizationKey(key);
            var out0 = new RnsPoly(parameters.N, 5);
            var out1 = new RnsPoly(parameters.N, 5);
            Assert.Throws<InvalidOperationException>(() => new KeySwitcher(parameters).ApplyKey(1, relin.Key, out0, out1));
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void Decompose_LevelOutOfRange_Throws(int level)
    {
        var parameters = RlweTestParameters.LogN10;
        var d = new RnsPoly(parameters.N, 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeySwitcher(parameters).Decompose(d, level));
    }

    [Fact]
    public void ApplyKey_KeyFromOtherParameters_ThrowsParameterMismatch()
    {
        var parameters = RlweTestParameters.LogN10;
        var other = RlweTestParameters.Create(10, [55, 45, 45, 45, 45], [56, 56], dnum: 3, hammingWeight: 32);
        var (generator, prng) = RlweTestParameters.Generator(other, salt: 196);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        {
            var foreign = generator.GenerateRelinearizationKey(key);
            var switcher = new KeySwitcher(parameters);
            var d = RlweTestParameters.UniformPoly(parameters, parameters.Ring.Q(4), salt: 197);
            var out0 = new RnsPoly(parameters.N, 5);
            var out1 = new RnsPoly(parameters.N, 5);
            Assert.Throws<ParameterMismatchException>(() => switcher.Switch(d, 4, foreign.Key, out0, out1));
        }
    }

    /// <summary>Centred coefficients of out_0 + out_1·s − d·s' over {q_0..q_ℓ}.</summary>
    private static BigInteger[] Noise(RlweParameters parameters, RnsBasis basis, SecretKey key, RnsPoly d, RnsPoly source,
        RnsPoly out0, RnsPoly out1)
    {
        var sum = new RnsPoly(parameters.N, basis.Count);
        var product = new RnsPoly(parameters.N, basis.Count);
        basis.MulCoefficients(out1, key.Poly, sum);
        basis.Add(sum, out0, sum);
        basis.MulCoefficients(d, source, product);
        basis.Sub(sum, product, sum);
        return CrtLift.Centered(basis, sum, ntt: true);
    }
}
