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
    public double[] DecodeWeights(ReadOnlySpan<double> slots)
    {
        int columns = Problem.Features + 1;
        var sum = new double[columns];
        int copies = 0;
        for (int start = 0; start + Layout.BlockWidth <= slots.Length; start += Layout.BlockWidth)
        {
            for (int j = 0; j < columns; j++)
            {
                sum[j] += slots[start + j];
                if (Layout.Doubled) sum[j] += slots[start + Layout.Stride + j];
            }
            copies += Layout.Doubled ? 2 : 1;
        }
        for (int j = 0; j < columns; j++) sum[j] = sum[j] / copies * Problem.Radius;
        return sum;
    }
}
