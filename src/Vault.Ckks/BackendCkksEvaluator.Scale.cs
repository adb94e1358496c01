namespace Vault.Ckks;

public sealed partial class BackendCkksEvaluator
{
    private DeviceCiphertext? _rotated;         // the slot sums' scratch, made on first use and owned by the evaluator
    private DeviceCiphertext[]? _hoistScratch;  // the hoisted sum's three, likewise

    /// <summary>dst = c · ct one level down with the scale set exactly to <paramref name="targetScale"/>, as
    /// <see cref="CkksEvaluator.MultiplyConstantRescale(Rlwe.Ciphertext, double, double, Rlwe.Ciphertext)"/>: multiply by
    /// k = ⌊c · targetScale · q_ℓ / scale⌉, then divide by q_ℓ with rounding. The destination may alias the input.</summary>
    /// <exception cref="InvalidOperationException">The ciphertext is at level 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target scale is not a positive finite number.</exception>
    public void MultiplyConstantRescale(DeviceCiphertext ct, double c, double targetScale, DeviceCiphertext destination)
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
        var k = IntegerResidues(c * (targetScale / ct.Scale) * qLast, level + 1, "MultiplyConstantRescale");
        CopyShape(ct, destination);
        for (int i = 0; i < ct.Size; i++)
        {
            _backend.MulScalars(basis, ct[i], k, destination[i]);
            DivideRoundByLast(destination[i], level);
        }
        destination.Level = level - 1;
        destination.Scale = targetScale;
    }

    /// <summary>dst = Rescale(Relinearize(a · b)). The destination may alias an input.</summary>
    public void MultiplyRelinearizeRescale(DeviceCiphertext a, DeviceCiphertext b, DeviceCiphertext destination)
    {
        Multiply(a, b, destination);
        Relinearize(destination, destination);
        Rescale(destination, destination);
    }

    /// <summary>Drops <paramref name="ct"/> to <paramref name="level"/> in place when it sits above it (no-op otherwise).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The ciphertext is below <paramref name="level"/>.</exception>
    public void DropLevelTo(DeviceCiphertext ct, int level)
    {
        Check(ct, "DropLevelTo", requireSize2: false);
        if (level > ct.Level)
            throw new ArgumentOutOfRangeException(nameof(level), $"DropLevelTo: ciphertext is at level {ct.Level}, below the target {level}.");
        if (level < ct.Level) DropLevel(ct, level, ct);
    }

    /// <summary>dst = Σ_(i &lt; count) rotate(ct, i · stride), as <see cref="CkksEvaluator.InnerSum"/>: log2(count)
    /// rotations by stride·2^k and additions, on the device. The destination may alias the input.</summary>
    /// <exception cref="ArgumentOutOfRangeException">count is not a power of two, or stride·count exceeds N/2.</exception>
    public void InnerSum(DeviceCiphertext ct, int stride, int count, DeviceCiphertext destination)
    {
        Check(ct, "InnerSum");
        CheckDestination(destination, "InnerSum");
        CkksEvaluator.CheckSum(_parameters.Slots, stride, count, "InnerSum");
        CkksCompositions.InnerSum(this, ct, stride, count, destination, Scratch);
    }

    /// <summary>The same sum as <see cref="InnerSum"/> in radix-4 stages of three hoisted rotations, as
    /// <see cref="CkksEvaluator.InnerSumHoisted"/> (Galois keys for every step of
    /// <see cref="CkksEvaluator.InnerSumHoistedSteps"/>). The destination may alias the input.</summary>
    /// <exception cref="ArgumentOutOfRangeException">count is not a power of two, or stride·count exceeds N/2.</exception>
    /// <exception cref="InvalidOperationException">A Galois key for one of the steps is missing.</exception>
    public void InnerSumHoisted(DeviceCiphertext ct, int stride, int count, DeviceCiphertext destination)
    {
        Check(ct, "InnerSumHoisted");
        CheckDestination(destination, "InnerSumHoisted");
        CkksEvaluator.CheckSum(_parameters.Slots, stride, count, "InnerSumHoisted");
        CkksCompositions.InnerSumHoisted(this, ct, stride, count, destination,
            () => _hoistScratch ??= [Own(NewCiphertext(_parameters.MaxLevel, 1)), Own(NewCiphertext(_parameters.MaxLevel, 1)), Own(NewCiphertext(_parameters.MaxLevel, 1))]);
    }

    /// <summary>dst = Σ_(i &lt; count) rotate(ct, i) in every slot, as <see cref="CkksEvaluator.SumSlots"/>. The destination may
    /// alias the input.</summary>
    /// <exception cref="ArgumentOutOfRangeException">count is not a power of two in [1, N/2].</exception>
    public void SumSlots(DeviceCiphertext ct, int count, DeviceCiphertext destination)
    {
        Check(ct, "SumSlots");
        CheckDestination(destination, "SumSlots");
        if (count < 1 || count > _parameters.Slots || (count & (count - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(count), $"SumSlots: count must be a power of two in [1, {_parameters.Slots}].");
        CkksCompositions.InnerSum(this, ct, 1, count, destination, Scratch);
    }

    /// <summary>dst = p(ct) = Σ_k c_k · ct^k in every slot at level ℓ − <see cref="CkksEvaluator.PolynomialDepth"/>(deg p)
    /// and exactly <paramref name="targetScale"/>, by the same steps as
    /// <see cref="CkksEvaluator.EvaluatePolynomial(Rlwe.Ciphertext, ReadOnlySpan{double}, double, Rlwe.Ciphertext)"/> (its
    /// temporaries are device ciphertexts, freed before returning). The destination may alias the input.</summary>
    /// <exception cref="ArgumentException">No coefficients, or one is not finite.</exception>
    /// <exception cref="InvalidOperationException">The ciphertext has fewer levels than the depth.</exception>
    public void EvaluatePolynomial(DeviceCiphertext ct, ReadOnlySpan<double> coefficients, double targetScale, DeviceCiphertext destination)
    {
        Check(ct, "EvaluatePolynomial");
        CheckDestination(destination, "EvaluatePolynomial");
        CkksCompositions.EvaluatePolynomial(this, ct, coefficients, targetScale, destination);
    }

    private DeviceCiphertext Scratch() => _rotated ??= Own(NewCiphertext(_parameters.MaxLevel, 1));
}
