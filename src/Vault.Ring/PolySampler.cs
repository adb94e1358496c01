using System.Diagnostics;

namespace Vault.Ring;

/// <summary>Samplers for RLWE: uniform residues (from a seedable <see cref="Prng"/>), uniform or fixed-weight
/// ternary secrets, the tail-cut discrete Gaussian, and the wide rounded Gaussian of noise flooding. Small samples are written as signed integers; lift them into
/// RNS with <see cref="RnsBasis.LiftSigned"/>.</summary>
/// <remarks>Secret-dependent values never drive a branch: rejections depend only on discarded random bits and
/// the Gaussian table is scanned in full for every sample.</remarks>
public static class PolySampler
{
    /// <summary>Standard deviation of the error distribution (HomomorphicEncryption.org standard).</summary>
    public const double DefaultSigma = 3.2;

    /// <summary>Fills <paramref name="destination"/> with uniform residues in [0, q) by rejection sampling.</summary>
    public static void Uniform(Prng prng, Modulus modulus, Span<ulong> destination)
    {
        ArgumentNullException.ThrowIfNull(prng);
        ArgumentNullException.ThrowIfNull(modulus);
        ulong q = modulus.Value;
        ulong mask = (1UL << modulus.BitCount) - 1;
        for (int i = 0; i < destination.Length; i++)
        {
            ulong x;
            do { x = prng.NextUInt64() & mask; } while (x >= q);
            destination[i] = x;
        }
    }

    /// <summary>Uniform ternary coefficients in {−1, 0, 1}.</summary>
    public static void Ternary(Prng prng, Span<sbyte> destination)
    {
        ArgumentNullException.ThrowIfNull(prng);
        for (int i = 0; i < destination.Length; i++)
        {
            int r;
            do { r = prng.NextByte(); } while (r >= 255);        // 255 = 3 · 85: unbiased
            destination[i] = (sbyte)(r % 3 - 1);
        }
    }

    /// <summary>Ternary coefficients with exactly <paramref name="hammingWeight"/> non-zero entries of random sign,
    /// at uniformly random positions (Fisher–Yates shuffle).</summary>
    public static void TernaryFixedWeight(Prng prng, int hammingWeight, Span<sbyte> destination)
    {
        ArgumentNullException.ThrowIfNull(prng);
        if ((uint)hammingWeight > (uint)destination.Length)
            ThrowHelper.ThrowArgument(nameof(hammingWeight), $"TernaryFixedWeight: weight {hammingWeight} exceeds length {destination.Length}.");
        for (int i = 0; i < destination.Length; i++)
        {
            int sign = (prng.NextByte() & 1) * 2 - 1;
            destination[i] = (sbyte)(i < hammingWeight ? sign : 0);
        }
        for (int i = destination.Length - 1; i > 0; i--)
        {
            int j = (int)UniformBelow(prng, (ulong)i + 1);
            (destination[i], destination[j]) = (destination[j], destination[i]);
        }
    }

    /// <summary>Discrete Gaussian samples with standard deviation <see cref="DefaultSigma"/>, cut at 6σ.</summary>
    public static void Gaussian(Prng prng, Span<long> destination)
    {
        ArgumentNullException.ThrowIfNull(prng);
        ReadOnlySpan<ulong> cdt = GaussianTable.Thresholds;
        for (int i = 0; i < destination.Length; i++)
        {
            ulong u = prng.NextUInt64();
            ulong sign = u >> 63;
            ulong r = u & (ulong.MaxValue >> 1);
            long magnitude = 0;
            for (int k = 0; k < cdt.Length; k++)
                magnitude += (long)((cdt[k] - r - 1) >> 63);          // 1 when r ≥ cdt[k], no branch
            long signMask = -(long)sign;
            destination[i] = (magnitude ^ signMask) - signMask;
        }
    }

    /// <summary>Largest standard deviation <see cref="RoundedGaussian"/> accepts: 2^48, so every sample (at most
    /// ≈ 8.6σ) stays below 2^52 in magnitude, where binary64 still resolves halves and every integer is reachable.</summary>
    public const double MaxRoundedGaussianSigma = 281474976710656.0;

    /// <summary>Wide Gaussian samples for noise flooding: ⌊g⌉ for g from the continuous normal N(0, σ²), by the
    /// Box–Muller transform on 53-bit uniforms from <paramref name="prng"/> (two samples per pair of uniforms).</summary>
    /// <remarks>
    /// The rounded continuous Gaussian is an integer distribution whose variance is σ² + 1/12 and whose statistical
    /// distance to the discrete Gaussian D_(Z,σ) is O(1/σ²). Adding ⌊g⌉ to an integer m is ⌊m + g⌉, a function of
    /// m + g alone, so every divergence bound for the continuous Gaussian mechanism holds for it unchanged (data
    /// processing). The radius √(−2·ln u) with u ∈ (0, 1] a multiple of 2^-53 is at most √(106·ln 2) ≈ 8.57: the
    /// tail beyond 8.57σ (probability ≈ 2^-53) is cut. The loop has no data-dependent branch; its only
    /// value-dependent cost is the libm timing of log, sqrt, sin and cos.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigma"/> is not in [1, <see cref="MaxRoundedGaussianSigma"/>].</exception>
    public static void RoundedGaussian(Prng prng, double sigma, Span<long> destination)
    {
        ArgumentNullException.ThrowIfNull(prng);
        if (!(sigma >= 1 && sigma <= MaxRoundedGaussianSigma))
            ThrowHelper.ThrowArgumentOutOfRange(nameof(sigma), $"RoundedGaussian: σ = {sigma} outside [1, 2^48].");
        const double Ulp = 1.0 / (1UL << 53);
        for (int i = 0; i < destination.Length; i += 2)
        {
            double u1 = ((prng.NextUInt64() >> 11) + 1) * Ulp;           // (0, 1]: log never sees 0
            double u2 = (prng.NextUInt64() >> 11) * Ulp;                 // [0, 1)
            double radius = sigma * Math.Sqrt(-2 * Math.Log(u1));
            var (sin, cos) = Math.SinCos(2 * Math.PI * u2);
            destination[i] = (long)Math.Round(radius * cos);
            if (i + 1 < destination.Length) destination[i + 1] = (long)Math.Round(radius * sin);
        }
    }

    private static ulong UniformBelow(Prng prng, ulong bound)
    {
        Debug.Assert(bound > 0);
        ulong limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong x;
        do { x = prng.NextUInt64(); } while (x >= limit);
        return x % bound;
    }

    /// <summary>Cumulative thresholds of |x| for the tail-cut Gaussian, scaled to 2^63.</summary>
    private static class GaussianTable
    {
        public static readonly ulong[] Thresholds = Build(DefaultSigma, (int)Math.Floor(6 * DefaultSigma));

        private static ulong[] Build(double sigma, int bound)
        {
            // P(|x| = 0) ∝ ρ(0), P(|x| = k) ∝ 2ρ(k); the sign bit then splits k > 0 evenly and maps
            // 0 to ±0. Thresholds[k] is the point above which |x| ≥ k + 1.
            var weights = new double[bound + 1];
            double total = 0;
            for (int k = 0; k <= bound; k++)
            {
                weights[k] = (k == 0 ? 1.0 : 2.0) * Math.Exp(-(double)k * k / (2 * sigma * sigma));
                total += weights[k];
            }
            var thresholds = new ulong[bound];
            double cumulative = 0;
            for (int k = 0; k < bound; k++)
            {
                cumulative += weights[k] / total;
                thresholds[k] = (ulong)Math.Min(cumulative * 9223372036854775808.0, 9223372036854775807.0);
            }
            return thresholds;
        }
    }
}
