using Vault.Rlwe;

namespace Vault.Ckks;

public sealed partial class CkksEvaluator
{
    /// <summary>dst = c · ct one level down, with the scale set exactly to <paramref name="targetScale"/>: the
    /// ciphertext is multiplied by the integer k = ⌊c · targetScale · q_ℓ / scale⌉ and divided by q_ℓ with rounding.
    /// One level, like <see cref="MultiplyConstant(Ciphertext, double, Ciphertext)"/> followed by
    /// <see cref="Rescale(Ciphertext, Ciphertext)"/>, but it also moves the scale where the caller needs it, so
    /// terms that reached the same level by different paths (and so carry different scales, since no two primes
    /// are equal) can be added. The relative error of c is at most 1/(2k). The destination may alias the input.</summary>
    /// <exception cref="InvalidOperationException">The ciphertext is at level 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target scale is not a positive finite number.</exception>
    public void MultiplyConstantRescale(Ciphertext ct, double c, double targetScale, Ciphertext destination)
    {
        Check(ct, "MultiplyConstantRescale", requireSize2: false);
        CheckDestination(destination, "MultiplyConstantRescale");
        if (!double.IsFinite(targetScale) || targetScale <= 0)
            throw new ArgumentOutOfRangeException(nameof(targetScale), "MultiplyConstantRescale: the target scale must be positive and finite.");
        int level = ct.Level;
        if (level == 0)
            throw new InvalidOperationException("MultiplyConstantRescale: ciphertext is at level 0; no prime left to divide by (use larger parameters).");
        var basis = _ring.Q(level);
        double qLast = basis.Moduli[level].Value;
        var k = ToInteger(c * (targetScale / ct.Scale) * qLast, "MultiplyConstantRescale");
        CopyShape(ct, destination);
        for (int i = 0; i < ct.Size; i++)
        {
            basis.MulScalar(ct[i], k, destination[i]);
            basis.DivideRoundByLastNtt(destination[i], _scratch);
        }
        destination.Level = level - 1;
        destination.Scale = targetScale;
        destination.Seed = null;
    }

    /// <summary>Returns c · ct one level down at scale <paramref name="targetScale"/>.</summary>
    public Ciphertext MultiplyConstantRescale(Ciphertext ct, double c, double targetScale)
    {
        ArgumentNullException.ThrowIfNull(ct);
        var d = NewCiphertext(ct.Level, ct.Scale);
        MultiplyConstantRescale(ct, c, targetScale, d);
        return d;
    }

    /// <summary>dst = Rescale(Relinearize(a · b)): the usual product of two 2-part ciphertexts, one level down.
    /// The destination may alias an input.</summary>
    public void MultiplyRelinearizeRescale(Ciphertext a, Ciphertext b, Ciphertext destination)
    {
        Multiply(a, b, destination);
        Relinearize(destination, destination);
        Rescale(destination, destination);
    }

    /// <summary>Drops <paramref name="ct"/> to <paramref name="level"/> in place when it sits above it (no-op otherwise).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The ciphertext is below <paramref name="level"/>.</exception>
    public void DropLevelTo(Ciphertext ct, int level)
    {
        Check(ct, "DropLevelTo", requireSize2: false);
        if (level > ct.Level)
            throw new ArgumentOutOfRangeException(nameof(level), $"DropLevelTo: ciphertext is at level {ct.Level}, below the target {level}.");
        if (level < ct.Level) DropLevel(ct, level, ct);
    }
}
