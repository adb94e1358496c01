using System.Numerics;
using Vault.Ring;
using Vault.Testing;

namespace Vault.Rlwe.Tests;

public class KeyGeneratorTests
{
    private static readonly RlweParameters Parameters = RlweTestParameters.LogN10;

    [Fact]
    public void GenerateSecretKey_Uniform_TernaryCoefficientsSameInEveryLimb()
    {
        var (generator, prng) = RlweTestParameters.Generator(Parameters, salt: 130);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        {
            var counts = TernaryCounts(key);
            // Uniform ternary: each value has probability 1/3, so each count is N/3 ± a few √N.
            int n = Parameters.N;
            double slack = 5 * Math.Sqrt(n * 2.0 / 9);
            foreach (int value in (int[])[-1, 0, 1])
                Assert.InRange(counts[value + 1], n / 3.0 - slack, n / 3.0 + slack);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(192)]
    [InlineData(1024)]
    public void GenerateSecretKey_FixedHammingWeight_ExactlyHNonZeros(int h)
    {
        var parameters = RlweTestParameters.Create(10, [55, 45, 45, 45, 45], [56, 56], dnum: 3, hammingWeight: h);
        var (generator, prng) = RlweTestParameters.Generator(parameters, salt: 131);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        {
            var counts = TernaryCounts(key, parameters);
            Assert.Equal(h, counts[0] + counts[2]);
            Assert.Equal(parameters.N - h, counts[1]);
            if (h >= 64)
            {
                // Random signs: about half of each.
                Assert.InRange(counts[0], h / 2.0 - 4 * Math.Sqrt(h), h / 2.0 + 4 * Math.Sqrt(h));
            }
        }
    }

    [Fact]
    public void GenerateSecretKey_SameSeed_SameKey_OtherSeed_OtherKey()
    {
        RnsPoly Key(int salt)
        {
            var (generator, prng) = RlweTestParameters.Generator(Parameters, salt);
            using (generator)
            using (prng)
            {
                using var key = generator.GenerateSecretKey();
                return key.Poly.Clone();
            }
        }
        Assert.True(Key(132).Coefficients.SequenceEqual(Key(132).Coefficients));
        Assert.False(Key(132).Coefficients.SequenceEqual(Key(133).Coefficients));
    }

    [Fact]
    public void GeneratePublicKey_BPlusASIsSmallError()
    {
        // b = −a·s + e, so b + a·s = e with |e| ≤ ⌊6σ⌋ (tail-cut Gaussian) over the whole of Q.
        var (generator, prng) = RlweTestParameters.Generator(Parameters, salt: 134);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        {
            var pk = generator.GeneratePublicKey(key);
            var basis = Parameters.Ring.Q(Parameters.MaxLevel);
            var e = new RnsPoly(Parameters.N, basis.Count);
            basis.MulCoefficients(pk.A, key.Poly, e);
            basis.Add(e, pk.B, e);
            var coefficients = CrtLift.Centered(basis, e, ntt: true);
            Assert.True(CrtLift.MaxAbs(coefficients) <= NoiseBounds.TailCut);
            Assert.InRange(CrtLift.Rms(coefficients), 0.85 * NoiseBounds.Sigma, 1.15 * NoiseBounds.Sigma);

            var expanded = new RnsPoly(Parameters.N, basis.Count);
            KeyGenerator.ExpandUniform(pk.Seed, basis, expanded);
            Assert.True(expanded.Coefficients.SequenceEqual(pk.A.Coefficients), "a is not the expansion of the seed");
        }
    }

    [Fact]
    public void GenerateSwitchingKey_EachDigit_EncryptsPTimesSourceOnItsPrimes()
    {
        // b_j + a_j·s = e_j + P·T_j·s' over QP, T_j ≡ 1 on digit j's primes and 0 elsewhere. Check it residue by
        // residue: on digit j's primes it equals e_j + P·s', elsewhere (other q_i and every p) it is e_j.
        var (generator, prng) = RlweTestParameters.Generator(Parameters, salt: 135);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        {
            var source = RlweTestParameters.TernarySecret(Parameters, salt: 136, out sbyte[] sourceCoefficients);
            var swk = generator.GenerateSwitchingKey(source, key);
            var basis = Parameters.Ring.QP(Parameters.MaxLevel);
            Assert.Equal(Parameters.Dnum, swk.DigitCount);
            BigInteger p = 1;
            foreach (ulong x in Parameters.PPrimes) p *= x;
            for (int j = 0; j < swk.DigitCount; j++)
            {
                var sum = new RnsPoly(Parameters.N, basis.Count);
                basis.MulCoefficients(swk.A[j], key.Poly, sum);
                basis.Add(sum, swk.B[j], sum);
                basis.Inverse(sum);
                for (int i = 0; i < basis.Count; i++)
                {
                    var m = basis.Moduli[i];
                    bool inDigit = i <= Parameters.MaxLevel && i / Parameters.DigitSize == j;
                    ulong pMod = m.Reduce(p);
                    for (int t = 0; t < Parameters.N; t++)
                    {
                        ulong expectedShift = inDigit ? m.Mul(pMod, m.ReduceSigned(sourceCoefficients[t])) : 0;
                        ulong e = m.Sub(sum.Limb(i)[t], expectedShift);
                        long centered = e > m.Value / 2 ? -(long)(m.Value - e) : (long)e;
                        Assert.True(Math.Abs(centered) <= NoiseBounds.TailCut, $"digit {j}, prime {i}, coefficient {t}: {centered}");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(3UL)]
    [InlineData(5UL)]
    [InlineData(2047UL)]          // conjugation at N = 2^10
    [InlineData(1025UL)]
    [InlineData(1337UL)]
    public void GenerateGaloisKeys_SwitchedAutomorphismDecryptsToAutomorphismOfPlaintext(ulong g)
    {
        // (φ_g(c_0), φ_g(c_1)) decrypts under φ_g(s); key switching φ_g(c_1) with the Galois key brings it back to s:
        // (φ_g(c_0) + ks_0, ks_1) must decrypt to φ_g(m) up to φ_g(e) + key-switching noise. φ_g(m) is computed from
        // the definition X^t ↦ X^(t·g mod 2N) on the integer coefficients, independently of the NTT permutation.
        const int level = 4;
        var (generator, prng) = RlweTestParameters.Generator(Parameters, salt: 137);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        using (var randomness = new Prng(TestSeed.PrngSeed(138)))
        using (var encryptor = new Encryptor(Parameters, null, key, randomness))
        {
            var galois = generator.GenerateGaloisKeys(key, [g]);
            long[] m = RlweTestParameters.SmallIntegers(Parameters.N, 1L << 40, salt: 139);
            var ct = encryptor.Encrypt(RlweTestParameters.RawPlaintext(Parameters, level, m));
            var ring = Parameters.Ring;
            var basis = ring.Q(level);

            var rotated = new Ciphertext(Parameters, level, 1.0);
            var c1 = new RnsPoly(Parameters.N, basis.Count);
            ring.AutomorphismNtt(ct[0], g, rotated[0], basis.Count);
            ring.AutomorphismNtt(ct[1], g, c1, basis.Count);
            var ks0 = new RnsPoly(Parameters.N, basis.Count);
            new KeySwitcher(Parameters).Switch(c1, level, galois[g], ks0, rotated[1]);
            basis.Add(rotated[0], ks0, rotated[0]);

            var decryptor = new Decryptor(Parameters, key);
            var actual = CrtLift.Centered(basis, decryptor.Decrypt(rotated).Poly, ntt: true);
            var expected = RlweTestParameters.Automorphism([.. m.Select(x => (BigInteger)x)], g);
            double bound = NoiseBounds.TailCut + NoiseBounds.KeySwitch(Parameters, level);
            for (int t = 0; t < expected.Length; t++)
                Assert.True(BigInteger.Abs(actual[t] - expected[t]) <= (BigInteger)bound, $"coefficient {t}: {actual[t] - expected[t]} > {bound:F0}");

            // The NTT-domain automorphism of the decryption agrees with it too (same noise, permuted).
            var plain = decryptor.Decrypt(ct);
            var permuted = new RnsPoly(Parameters.N, basis.Count);
            ring.AutomorphismNtt(plain.Poly, g, permuted, basis.Count);
            var difference = CrtLift.CenteredDifference(basis, decryptor.Decrypt(rotated).Poly, permuted, ntt: true);
            Assert.True(CrtLift.MaxAbs(difference) <= NoiseBounds.KeySwitch(Parameters, level));
        }
    }

    [Fact]
    public void GenerateGaloisKeys_DuplicatesKeptOnce_ElementsAscending()
    {
        var (generator, prng) = RlweTestParameters.Generator(Parameters, salt: 140);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        {
            var galois = generator.GenerateGaloisKeys(key, [25UL, 3UL, 25UL, 9UL]);
            Assert.Equal([3UL, 9UL, 25UL], galois.Elements);
            Assert.True(galois.Contains(9));
            Assert.False(galois.Contains(5));
            Assert.Throws<KeyNotFoundException>(() => galois[5]);
            Assert.Equal(Parameters.Id, galois.ParameterId);
        }
    }

    [Theory]
    [InlineData(4UL)]
    [InlineData(2048UL)]
    public void GenerateGaloisKeys_InvalidElement_Throws(ulong g)
    {
        var (generator, prng) = RlweTestParameters.Generator(Parameters, salt: 141);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        {
            Assert.Throws<ArgumentException>(() => generator.GenerateGaloisKeys(key, [g]));
        }
    }

    [Fact]
    public void Generate_KeyFromOtherParameters_ThrowsParameterMismatch()
    {
        var other = RlweTestParameters.WithDnum(5);
        var (generator, prng) = RlweTestParameters.Generator(Parameters, salt: 142);
        var (otherGenerator, otherPrng) = RlweTestParameters.Generator(other, salt: 143);
        using (generator)
        using (prng)
        using (otherGenerator)
        using (otherPrng)
        using (var foreignKey = otherGenerator.GenerateSecretKey())
        {
            Assert.Throws<ParameterMismatchException>(() => generator.GeneratePublicKey(foreignKey));
            Assert.Throws<ParameterMismatchException>(() => generator.GenerateRelinearizationKey(foreignKey));
            Assert.Throws<ParameterMismatchException>(() => generator.GenerateGaloisKeys(foreignKey, [3UL]));
        }
    }

    /// <summary>Counts of −1, 0, 1 after checking every limb (over QP) holds the same ternary integer.</summary>
    private static int[] TernaryCounts(SecretKey key, RlweParameters? parameters = null)
    {
        parameters ??= Parameters;
        var basis = parameters.Ring.QP(parameters.MaxLevel);
        var counts = new int[3];
        var coefficients = CrtLift.Centered(basis, key.Poly, ntt: true);
        foreach (var c in coefficients)
        {
            Assert.InRange(c, BigInteger.MinusOne, BigInteger.One);
            counts[(int)c + 1]++;
        }
        // The CRT lift only lands in {−1, 0, 1} when every residue encodes that same small value.
        for (int i = 0; i < basis.Count; i++)
        {
            var limb = key.Poly.Limb(i).ToArray();
            basis.Tables[i].Inverse(limb);
            ulong q = basis.Moduli[i].Value;
            for (int t = 0; t < limb.Length; t++)
                Assert.Equal(coefficients[t].Sign < 0 ? q - 1 : (ulong)coefficients[t], limb[t]);
        }
        return counts;
    }
}
