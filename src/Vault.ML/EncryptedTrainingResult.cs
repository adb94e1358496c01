using Vault.Rlwe;

namespace Vault.ML;

/// <summary>The encrypted model a training job returns: β_(K+1)/R replicated in every block (ciphertext at the
/// last level the job reached), and optionally every iterate β_(t+1)/R.</summary>
public sealed class EncryptedTrainingResult
{
    internal EncryptedTrainingResult(GradientProblem problem, SlotLayout layout, Ciphertext weights, IReadOnlyList<Ciphertext> iterates)
    {
        Problem = problem;
        Layout = layout;
        Weights = weights;
        Iterates = iterates;
    }

    /// <summary>The job.</summary>
    public GradientProblem Problem { get; }

    /// <summary>The packing of the weights (the training layout).</summary>
    public SlotLayout Layout { get; }

    /// <summary>Enc(β_(K+1)/R), replicated.</summary>
    public Ciphertext Weights { get; }

    /// <summary>Enc(β_(t+1)/R) for t = 1..K−1 when asked for (empty otherwise); the last one is <see cref="Weights"/>.</summary>
    public IReadOnlyList<Ciphertext> Iterates { get; }

    /// <summary>The model weights (intercept first) from the decrypted, decoded slots of a weights ciphertext:
    /// the copies in every block are averaged (each carries independent noise) and multiplied by R.</summary>
    public double[] DecodeWeights(ReadOnlySpan<double> slots) => AverageCopies(Layout, slots, Problem.Features + 1, Problem.Radius);

    /// <summary>The <paramref name="values"/> model values replicated in every block of <paramref name="layout"/>
    /// (twice per block when doubled), averaged over their copies and multiplied by <paramref name="radius"/>; also
    /// how many copies each average has. This is all a release needs from a decrypted weights ciphertext.</summary>
    public static double[] AverageCopies(SlotLayout layout, ReadOnlySpan<double> slots, int values, double radius) =>
        AverageCopies(layout, slots, values, radius, out _);

    /// <inheritdoc cref="AverageCopies(SlotLayout, ReadOnlySpan{double}, int, double)"/>
    public static double[] AverageCopies(SlotLayout layout, ReadOnlySpan<double> slots, int values, double radius, out int copies)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(values, layout.Stride);
        var sum = new double[values];
        copies = 0;
        for (int start = 0; start + layout.BlockWidth <= slots.Length; start += layout.BlockWidth)
        {
            for (int j = 0; j < values; j++)
            {
                sum[j] += slots[start + j];
                if (layout.Doubled) sum[j] += slots[start + layout.Stride + j];
            }
            copies += layout.Doubled ? 2 : 1;
        }
        for (int j = 0; j < values; j++) sum[j] = sum[j] / copies * radius;
        return sum;
    }
}
