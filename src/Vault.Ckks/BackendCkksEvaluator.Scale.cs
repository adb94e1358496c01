namespace Vault.Ckks;

public sealed partial class BackendCkksEvaluator
{
    private DeviceCiphertext? _rotated;     // InnerSum's scratch, made on first use and owned by the evaluator

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
        CopyTo(ct, destination);
        if (count == 1) return;
        var rotated = _rotated ??= Own(NewCiphertext(_parameters.MaxLevel, 1));
        for (int step = stride; step < stride * count; step <<= 1)
        {
            Rotate(destination, step, rotated);
            Add(destination, rotated, destination);
        }
    }
}
