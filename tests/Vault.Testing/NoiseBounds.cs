using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Testing;

/// <summary>Coefficient-size (∞-norm) bounds on RLWE noise, from the usual heuristic: a coefficient of a product of
/// two random polynomials is a sum of N independent terms, so its standard deviation is √N times the product of the
/// factors' RMS, and no coefficient of N is beyond 6 standard deviations in practice (a Gaussian exceeds 6σ with
/// probability 2·10^-9).</summary>
public static class NoiseBounds
{
    /// <summary>σ of the error distribution.</summary>
    public const double Sigma = PolySampler.DefaultSigma;

    /// <summary>⌊6σ⌋ = 19: the Gaussian sampler is tail-cut there, so no error coefficient is larger, ever.</summary>
    public const int TailCut = 19;

    /// <summary>Expected number of non-zero secret coefficients: h for a fixed-weight secret, 2N/3 for uniform ternary.</summary>
    public static double SecretWeight(RlweParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.HammingWeight > 0 ? parameters.HammingWeight : 2.0 * parameters.N / 3;
    }

    /// <summary>Standard deviation of a coefficient of the public-key encryption noise e·u + e_0 + e_1·s, where
    /// b = −a·s + e is the public key, u the ternary mask (2N/3 non-zeros) and e_0, e_1 fresh Gaussians:
    /// σ·√(2N/3 + h + 1).</summary>
    public static double PublicKeyEncryptionStd(RlweParameters parameters) =>
        Sigma * Math.Sqrt(2.0 * parameters.N / 3 + SecretWeight(parameters) + 1);

    /// <summary>Bound on the coefficients of out_0 + out_1·s − d·s' after hybrid key switching at <paramref name="level"/>.</summary>
    /// <remarks>
    /// out_0 + out_1·s = d·s' + (Σ_j D̃_j·e_j)/P + r, where D̃_j = ModUp(d mod D_j) has coefficients in [0, c_j·D_j)
    /// (fast base conversion from the c_j primes of digit j, product D_j), e_j is the key's Gaussian error, and r is
    /// ModDown's rounding −([acc_0]_P + [acc_1]_P·s)/P − (v_0 + v_1·s) with v &lt; k (the number of P primes).
    /// Std of the first term: σ·√N·√(Σ_j (c_j·D_j/√3)²)/P; the second is at most (k + 1)·(1 + 6·√h) in practice.
    /// The total bound is 6 times the first plus the second.
    /// </remarks>
    public static double KeySwitch(RlweParameters parameters, int level)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        double logP = 0;
        foreach (ulong p in parameters.PPrimes) logP += Math.Log2(p);
        double sumSquares = 0;
        int digits = parameters.DigitCount(level), alpha = parameters.DigitSize;
        for (int j = 0; j < digits; j++)
        {
            int start = j * alpha, count = Math.Min(alpha, level + 1 - start);
            double logD = 0;
            for (int i = start; i < start + count; i++) logD += Math.Log2(parameters.QPrimes[i]);
            double relative = count / Math.Sqrt(3) * Math.Pow(2, logD - logP);     // c_j·D_j/(√3·P)
            sumSquares += relative * relative;
        }
        double gadget = Sigma * Math.Sqrt(parameters.N) * Math.Sqrt(sumSquares);
        int k = parameters.PPrimes.Length;
        double rounding = (k + 1) * (1 + 6 * Math.Sqrt(SecretWeight(parameters)));
        return 6 * gadget + rounding;
    }
}
