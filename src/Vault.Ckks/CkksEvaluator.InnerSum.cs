using Vault.Rlwe;

namespace Vault.Ckks;

public sealed partial class CkksEvaluator
{
    /// <summary>dst = Σ_(i &lt; count) rotate(ct, i · stride): slot j holds Σ_i slot(j + i·stride) (indices mod N/2).
    /// <paramref name="count"/> is a power of two; log2(count) rotations by stride·2^k, so the Galois keys for those
    /// steps (powers of two when the stride is one) must exist. With stride = block size b and count = N/(2b) it sums
    /// the blocks of a row-packed ciphertext into every block; with stride 1 and count = b it sums within each block
    /// into the block's first slot. The destination may alias the input.</summary>
    /// <exception cref="ArgumentOutOfRangeException">count is not a power of two, or stride·count exceeds N/2.</exception>
    public void InnerSum(Ciphertext ct, int stride, int count, Ciphertext destination)
    {
        Check(ct, "InnerSum");
        CheckDestination(destination, "InnerSum");
        CheckSum(_parameters.Slots, stride, count, "InnerSum");
        CkksCompositions.InnerSum(this, ct, stride, count, destination, () => NewCiphertext(ct.Level, ct.Scale));
    }

    /// <summary>The rotation steps <see cref="InnerSum"/> uses for (<paramref name="stride"/>, <paramref name="count"/>):
    /// stride, 2·stride, …, stride·count/2. Generate Galois keys for these.</summary>
    public static IReadOnlyList<int> InnerSumSteps(int stride, int count)
    {
        var steps = new List<int>();
        for (long step = stride; step < (long)stride * count; step <<= 1) steps.Add((int)step);
        return steps;
    }

    /// <summary>The arguments of a slot sum: count a power of two, 1 ≤ stride·count ≤ N/2 (shared with the device evaluator).</summary>
    internal static void CheckSum(int slots, int stride, int count, string operation)
    {
        if (count < 1 || (count & (count - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(count), $"{operation}: count={count} must be a power of two.");
        if (stride < 1 || (long)stride * count > slots)
            throw new ArgumentOutOfRangeException(nameof(stride), $"{operation}: stride·count = {(long)stride * count} must lie in [1, {slots}].");
    }

    private Ciphertext[]? _hoistScratch;

    /// <summary>The same sum as <see cref="InnerSum"/>, in radix-4 stages: each stage adds rot(x, s), rot(x, 2s) and
    /// rot(x, 3s), three rotations sharing one key-switch decomposition (<see cref="RotateHoisted"/>), then s ← 4s; a
    /// last radix-2 stage when log2(count) is odd. Cheaper than log2(count) separate rotations when the decomposition
    /// (ModUp) dominates a rotation, at the price of more Galois keys: one for every step of
    /// <see cref="InnerSumHoistedSteps"/>. The destination may alias the input.</summary>
    /// <exception cref="ArgumentOutOfRangeException">count is not a power of two, or stride·count exceeds N/2.</exception>
    /// <exception cref="InvalidOperationException">A Galois key for one of the steps is missing.</exception>
    public void InnerSumHoisted(Ciphertext ct, int stride, int count, Ciphertext destination)
    {
        Check(ct, "InnerSumHoisted");
        CheckDestination(destination, "InnerSumHoisted");
        CheckSum(_parameters.Slots, stride, count, "InnerSumHoisted");
        CkksCompositions.InnerSumHoisted(this, ct, stride, count, destination,
            () => _hoistScratch ??= [NewCiphertext(_parameters.MaxLevel, 1), NewCiphertext(_parameters.MaxLevel, 1), NewCiphertext(_parameters.MaxLevel, 1)]);
    }

    /// <summary>The rotation steps <see cref="InnerSumHoisted"/> uses: s, 2s, 3s for s = stride·4^k, and a final
    /// stride·count/2 when log2(count) is odd.</summary>
    public static IReadOnlyList<int> InnerSumHoistedSteps(int stride, int count)
    {
        var steps = new List<int>();
        long step = stride;
        for (int remaining = count; remaining > 1;)
        {
            if (remaining >= 4)
            {
                steps.AddRange([(int)step, (int)(2 * step), (int)(3 * step)]);
                step *= 4;
                remaining /= 4;
            }
            else
            {
                steps.Add((int)step);
                remaining /= 2;
            }
        }
        return steps;
    }
}
