using Vault.Ring;

namespace Vault.Ckks;

/// <summary>How much Gaussian noise a released CKKS decryption gets (Li, Micciancio, Schultz, Sorrell, CRYPTO 2022,
/// eprint 2022/816; OpenFHE's NOISE_FLOODING_DECRYPT): as much as the released precision allows, and never less than
/// what hides the ciphertext's own noise. Immutable; built by <see cref="Create"/>. proofs/formats/noise-flooding.md
/// has the argument and the numbers for Vault's presets.</summary>
/// <remarks>
/// <para>Notation: N the ring degree, Δ the ciphertext's scale, p the released precision in bits, B a bound on the
/// Euclidean norm ‖e‖₂ of the coefficient vector of the ciphertext's noise e = m' − Δ·m (in the integer units of the
/// decrypted polynomial m' = c_0 + c_1·s), λ_s the statistical security, τ the number of decryptions an adversary may
/// see of this ciphertext or of ciphertexts whose noise is correlated with it.</para>
/// <para><b>Precision ceiling.</b> Flooding noise f with σ per coefficient moves the real and the imaginary part of
/// each slot by a normal of standard deviation σ·√(N/2)/Δ (Σ_t cos²(πkt/N) = N/2 for odd k). With the tail factor
/// T = 8 (P(|Z| &gt; 8) ≈ 2^-49.5 per component, so ≤ 2^-33 over all N ≤ 2^16 components of a release) the flooding
/// error stays within 2^-(p+1), and rounding to the 2^-p grid adds at most 2^-(p+1): released values are within 2^-p
/// of the exact decryption. Hence σ ≤ σ_p = Δ·2^-(p+1) / (T·√(N/2)), and the plan takes σ = σ_p (capped at the
/// sampler's 2^48).</para>
/// <para><b>Security floor.</b> σ ≥ σ_min = √(24·τ)·2^(λ_s/2)·B. Two hypotheses that differ in the noise by δ give
/// spherical Gaussians at Kullback–Leibler (and Rényi-1) divergence τ·‖δ‖₂²/(2σ²); with the bit-security argument of
/// Li et al. (after Micciancio–Walter) that costs 2^(λ_s/2), not 2^(λ_s), in σ. Since ‖e‖₂ ≤ √N·‖e‖_∞ this is implied
/// by their √(24·N·τ)·2^(λ_s/2)·‖e‖_∞ form, and it is √2 more conservative than OpenFHE's √(12·τ)·2^(λ_s/2)·t with t
/// the per-slot noise deviation (≈ ‖e‖₂/√2). Default λ_s = 30 (OpenFHE's default), τ = 1.</para>
/// <para>The ciphertext's own error in the slots is at most ‖e‖₁/Δ ≤ √N·B/Δ, which the floor keeps below
/// 2^-(p + λ_s/2 + 5): negligible against the 2^-p promise.</para>
/// </remarks>
public sealed class NoiseFloodingPlan
{
    /// <summary>λ_s when the caller states none: 30 bits, as OpenFHE's default.</summary>
    public const int DefaultStatisticalSecurity = 30;

    /// <summary>T: released values are within 2^-p unless a standard normal exceeds T in some slot component.</summary>
    public const double TailFactor = 8;

    /// <summary>Most bits a release can claim: a binary64 has 52 fraction bits.</summary>
    public const int MaxReleasedBits = 52;

    private NoiseFloodingPlan(int logN, double scale, int precisionBits, double noiseBound, int statisticalSecurity, int queries,
        double sigma, double minimumSigma, int maxPrecisionBits)
    {
        LogN = logN;
        Scale = scale;
        PrecisionBits = precisionBits;
        NoiseBound = noiseBound;
        StatisticalSecurity = statisticalSecurity;
        Queries = queries;
        Sigma = sigma;
        MinimumSigma = minimumSigma;
        MaxPrecisionBits = maxPrecisionBits;
    }

    /// <summary>log2(N).</summary>
    public int LogN { get; }

    /// <summary>Δ: the scale of the ciphertext being released.</summary>
    public double Scale { get; }

    /// <summary>p: released values are multiples of 2^-p, within 2^-p of the exact decryption.</summary>
    public int PrecisionBits { get; }

    /// <summary>B: the caller's bound on ‖e‖₂, the Euclidean norm of the ciphertext noise's coefficients.</summary>
    public double NoiseBound { get; }

    /// <summary>λ_s: an adversary's advantage from the released values is at most 2^-λ_s.</summary>
    public int StatisticalSecurity { get; }

    /// <summary>τ: decryptions of this (or a noise-correlated) ciphertext the bound allows for.</summary>
    public int Queries { get; }

    /// <summary>σ_flood: standard deviation of the Gaussian added to every coefficient, min(σ_p, 2^48).</summary>
    public double Sigma { get; }

    /// <summary>σ_min = √(24·τ)·2^(λ_s/2)·B: the least noise that hides the ciphertext's own.</summary>
    public double MinimumSigma { get; }

    /// <summary>The most bits this noise bound, scale and ring allow (negative when nothing can be released).</summary>
    public int MaxPrecisionBits { get; }

    /// <summary>Sizes the flooding for releasing <paramref name="precisionBits"/> bits of a ciphertext at
    /// <paramref name="scale"/> in N = 2^<paramref name="logN"/> whose noise has ‖e‖₂ ≤ <paramref name="noiseBound"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its documented range.</exception>
    /// <exception cref="NoiseFloodingException">The precision is too fine to flood securely; the exception says how
    /// many bits can be released.</exception>
    public static NoiseFloodingPlan Create(int logN, double scale, int precisionBits, double noiseBound,
        int statisticalSecurity = DefaultStatisticalSecurity, int queries = 1)
    {
        CheckArguments(logN, scale, noiseBound, statisticalSecurity, queries);
        ArgumentOutOfRangeException.ThrowIfNegative(precisionBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precisionBits, MaxReleasedBits);
        double minimum = MinimumSigmaFor(noiseBound, statisticalSecurity, queries);
        int maxBits = MaxBits(logN, scale, minimum);
        double sigma = Math.Min(PrecisionSigma(logN, scale, precisionBits), PolySampler.MaxRoundedGaussianSigma);
        if (!(sigma >= minimum))
        {
            string available = maxBits >= 0
                ? $"at most {maxBits} bits can be released. Release fewer bits, or compute at a larger scale or with less noise."
                : "no precision can be released (not even integers). Compute at a larger scale or with less noise.";
            throw new NoiseFloodingException(
                $"Release: {precisionBits} bits requested, but hiding noise of ‖e‖₂ ≤ 2^{Math.Log2(noiseBound):F1} at λ_s = {statisticalSecurity}, " +
                $"τ = {queries} needs σ ≥ 2^{Math.Log2(minimum):F1}, which at scale 2^{Math.Log2(scale):F1} and N = 2^{logN} leaves an error of " +
                $"2^{-Math.Log2(scale / (2 * TailFactor * Math.Sqrt(Math.ScaleB(1.0, logN - 1)) * minimum)):F1}: {available}",
                precisionBits, maxBits);
        }
        return new NoiseFloodingPlan(logN, scale, precisionBits, noiseBound, statisticalSecurity, queries, sigma, minimum, maxBits);
    }

    /// <summary>The most bits <see cref="Create"/> accepts for these arguments; negative when it accepts none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its documented range.</exception>
    public static int MaxPrecisionBitsFor(int logN, double scale, double noiseBound,
        int statisticalSecurity = DefaultStatisticalSecurity, int queries = 1)
    {
        CheckArguments(logN, scale, noiseBound, statisticalSecurity, queries);
        return MaxBits(logN, scale, MinimumSigmaFor(noiseBound, statisticalSecurity, queries));
    }

    /// <summary>σ_p = Δ·2^-(p+1) / (T·√(N/2)).</summary>
    private static double PrecisionSigma(int logN, double scale, int precisionBits) =>
        Math.ScaleB(scale, -(precisionBits + 1)) / (TailFactor * Math.Sqrt(Math.ScaleB(1.0, logN - 1)));

    private static double MinimumSigmaFor(double noiseBound, int statisticalSecurity, int queries) =>
        Math.Sqrt(24.0 * queries) * Math.Pow(2, statisticalSecurity / 2.0) * noiseBound;

    /// <summary>The largest p with σ_p ≥ σ_min, or −1 when the sampler cannot reach σ_min at all.</summary>
    private static int MaxBits(int logN, double scale, double minimumSigma)
    {
        if (minimumSigma > PolySampler.MaxRoundedGaussianSigma) return -1;
        double bits = Math.Log2(scale / (2 * TailFactor * Math.Sqrt(Math.ScaleB(1.0, logN - 1)) * minimumSigma));
        return (int)Math.Min(Math.Floor(bits), MaxReleasedBits);
    }

    private static void CheckArguments(int logN, double scale, double noiseBound, int statisticalSecurity, int queries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(logN, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(logN, HomomorphicEncryptionStandard.MaxLogN);
        if (!(scale >= 1) || double.IsInfinity(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), "Release: the scale must be a finite number ≥ 1.");
        if (!(noiseBound >= 1) || double.IsInfinity(noiseBound))
            throw new ArgumentOutOfRangeException(nameof(noiseBound), "Release: the noise bound ‖e‖₂ must be a finite number ≥ 1.");
        ArgumentOutOfRangeException.ThrowIfLessThan(statisticalSecurity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statisticalSecurity, 128);
        ArgumentOutOfRangeException.ThrowIfLessThan(queries, 1);
    }
}
