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
        int slots = _parameters.Slots;
        if (count < 1 || (count & (count - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(count), $"InnerSum: count={count} must be a power of two.");
        if (stride < 1 || (long)stride * count > slots)
            throw new ArgumentOutOfRangeException(nameof(stride), $"InnerSum: stride·count = {(long)stride * count} must lie in [1, {slots}].");
        ct.CopyTo(destination);
        if (count == 1) return;
        var rotated = NewCiphertext(ct.Level, ct.Scale);
        for (int step = stride; step < stride * count; step <<= 1)
        {
            Rotate(destination, step, rotated);
            Add(destination, rotated, destination);
        }
    }

    /// <summary>The rotation steps <see cref="InnerSum"/> uses for (<paramref name="stride"/>, <paramref name="count"/>):
    /// stride, 2·stride, …, stride·count/2. Generate Galois keys for these.</summary>
    public static IReadOnlyList<int> InnerSumSteps(int stride, int count)
    {
        var steps = new List<int>();
        for (long step = stride; step < (long)stride * count; step <<= 1) steps.Add((int)step);
        return steps;
    }
}
