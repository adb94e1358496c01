using System.Numerics;
using Vault.Ring;
using Vault.Testing;

namespace Vault.Rlwe.Tests;

/// <summary>RLWE parameter sets for tests, built straight from bit sizes (no CKKS layer). INSECURE, for fast tests only.</summary>
internal static class RlweTestParameters
{
    private static readonly Lazy<RlweParameters> LogN10Lazy = new(() => Create(10, [55, 45, 45, 45, 45], [56, 56], dnum: 3));

    /// <summary>N = 2^10, Q = 55 + 4·45 bits (L = 4), P = 2·56 bits, dnum 3 (digits of 2, 2, 1 primes).</summary>
    public static RlweParameters LogN10 => LogN10Lazy.Value;

    /// <summary>Digit configurations for L = 4: dnum = 1 (P of 240 bits above Q's 235), 2 (P = 180 bits above the
    /// largest 145-bit digit) and L + 1 = 5 (one prime per digit, one 60-bit P, SEAL's method).</summary>
    public static TheoryData<int> DnumChoices => [1, 2, 5];

    private static readonly Dictionary<int, Lazy<RlweParameters>> ByDnum = new()
    {
        [1] = new(() => Create(10, [55, 45, 45, 45, 45], [60, 60, 60, 60], dnum: 1)),
        [2] = new(() => Create(10, [55, 45, 45, 45, 45], [60, 60, 60], dnum: 2)),
        [5] = new(() => Create(10, [55, 45, 45, 45, 45], [60], dnum: 5)),
    };

    /// <summary>The L = 4 set with the given digit count (see <see cref="DnumChoices"/>).</summary>
    public static RlweParameters WithDnum(int dnum) => ByDnum[dnum].Value;

    /// <summary>Primes as SEAL's CoeffModulus::Create picks them, then <see cref="RlweParameters.Create"/>.</summary>
    public static RlweParameters Create(int logN, int[] logQ, int[] logP, int dnum, int hammingWeight = 0, byte[]? scheme = null)
    {
        ulong[] primes = Primes.NttPrimes(logN, [.. logQ, .. logP]);
        return RlweParameters.Create(logN, primes.AsSpan(0, logQ.Length), primes.AsSpan(logQ.Length), dnum, hammingWeight, scheme ?? []);
    }

    /// <summary>A reproducible key generator for <paramref name="parameters"/>; dispose the returned stream too.</summary>
    public static (KeyGenerator Generator, Prng Randomness) Generator(RlweParameters parameters, int salt)
    {
        var prng = new Prng(TestSeed.PrngSeed(salt));
        return (new KeyGenerator(parameters, prng), prng);
    }

    /// <summary>A polynomial with uniform residues over the first <c>basis.Count</c> limbs (any form: uniform either way).</summary>
    public static RnsPoly UniformPoly(RlweParameters parameters, RnsBasis basis, int salt)
    {
        var poly = new RnsPoly(parameters.N, basis.Count);
        using var prng = new Prng(TestSeed.PrngSeed(salt));
        for (int i = 0; i < basis.Count; i++) PolySampler.Uniform(prng, basis.Moduli[i], poly.Limb(i));
        return poly;
    }

    /// <summary>Random integers in [−bound, bound].</summary>
    public static long[] SmallIntegers(int n, long bound, int salt)
    {
        var random = TestSeed.Random(salt);
        var values = new long[n];
        for (int i = 0; i < n; i++) values[i] = random.NextInt64(-bound, bound + 1);
        return values;
    }

    /// <summary>A plaintext at <paramref name="level"/> holding the integer polynomial <paramref name="m"/> directly (no encoding).</summary>
    public static Plaintext RawPlaintext(RlweParameters parameters, int level, ReadOnlySpan<long> m)
    {
        var pt = new Plaintext(parameters, level, 1.0);
        var basis = parameters.Ring.Q(level);
        basis.LiftSigned(m, pt.Poly);
        basis.Forward(pt.Poly);
        return pt;
    }

    /// <summary>The automorphism X ↦ X^g on integer coefficients, straight from its definition:
    /// X^t ↦ X^(t·g mod 2N), and X^(N + r) = −X^r.</summary>
    public static BigInteger[] Automorphism(ReadOnlySpan<BigInteger> coefficients, ulong g)
    {
        int n = coefficients.Length;
        var result = new BigInteger[n];
        for (int t = 0; t < n; t++)
        {
            ulong e = (ulong)t * g % (2UL * (ulong)n);
            if (e < (ulong)n) result[e] += coefficients[t];
            else result[e - (ulong)n] -= coefficients[t];
        }
        return result;
    }

    /// <summary>A ternary secret s' of our own (not from the key generator), NTT form over every prime.</summary>
    public static RnsPoly TernarySecret(RlweParameters parameters, int salt, out sbyte[] coefficients)
    {
        var basis = parameters.Ring.QP(parameters.MaxLevel);
        coefficients = new sbyte[parameters.N];
        using (var prng = new Prng(TestSeed.PrngSeed(salt))) PolySampler.Ternary(prng, coefficients);
        var poly = new RnsPoly(parameters.N, basis.Count);
        basis.LiftTernary(coefficients, poly);
        basis.Forward(poly);
        return poly;
    }
}
