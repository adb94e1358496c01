using System.Collections.Immutable;
using Vault.Ipfs;

namespace Vault.Engine.Datasets;

/// <summary>The optional second packing of a sealed dataset, for encrypted training: every row's design vector
/// (<see cref="TrainingDesign"/>) of <see cref="Width"/> values sits twice in a block of 2·<see cref="Stride"/> slots
/// (Vault.ML's doubled <c>SlotLayout</c>), <see cref="RowsPerCiphertext"/> rows per ciphertext, encrypted at the
/// layout's level and scale. Row i is in ciphertext i / RowsPerCiphertext at slot (i mod RowsPerCiphertext)·2·Stride.</summary>
/// <param name="Design">How rows become design vectors.</param>
/// <param name="Label">The label (logistic) or target (linear) column.</param>
/// <param name="Features">The feature columns, in design order (every other column, in schema order).</param>
/// <param name="Stride">The smallest power of two ≥ <see cref="Width"/>.</param>
/// <param name="RowsPerCiphertext">Slots / (2·Stride).</param>
/// <param name="Blocks">The ciphertexts, by CID, row order.</param>
/// <param name="HessianBound">h_j, the diagonal bound on the Hessian over the normalised rows (1, x), intercept
/// first (Vault.ML's <c>DiagonalHessianBound</c>): public constants the fixed-Hessian trainer scales each column's step
/// by. It discloses d + 1 aggregates of the features' second moments, like the normalisation discloses their means.</param>
public sealed record TrainingPacking(TrainingDesign Design, string Label, ImmutableArray<string> Features, int Stride, int RowsPerCiphertext, ImmutableArray<Cid> Blocks,
    ImmutableArray<double> HessianBound)
{
    /// <summary>Values per design row: 1 + features (logistic) or 2 + features (linear).</summary>
    public int Width => Features.Length + (Design == TrainingDesign.Logistic ? 1 : 2);

    /// <summary>The smallest power of two holding <paramref name="width"/> values.</summary>
    public static int StrideFor(int width)
    {
        int stride = 1;
        while (stride < width) stride <<= 1;
        return stride;
    }

    /// <summary>Ciphertexts needed for <paramref name="rows"/> rows.</summary>
    public long CiphertextsFor(long rows) => (rows + RowsPerCiphertext - 1) / RowsPerCiphertext;
}
