namespace Vault.Engine.Datasets;

/// <summary>How rows and columns map to ciphertext slots: <b>column-major row blocks</b>. Rows are cut into blocks of
/// <see cref="Slots"/> = N/2 rows; block b holds rows [b·Slots, min((b+1)·Slots, Rows)). Each block becomes one
/// ciphertext per column, in column order, so ciphertext i = b·Columns + c holds column c of block b: its slot j is the
/// normalised value of row b·Slots + j, and slots past the last row are 0. Every ciphertext is a fresh public-key
/// encryption at level <see cref="Level"/> and scale 2^<see cref="LogScale"/>, real values in the real parts.</summary>
/// <remarks>Column-major packing suits encrypted learning: a linear score Σ_c w_c·x_c is a sum of ciphertext-scalar
/// products (no rotations), per-column statistics are slot sums (log2(Slots) rotations with power-of-two Galois keys),
/// and every row block is independent, so blocks can be processed in parallel or streamed.</remarks>
/// <param name="Rows">Data rows (≥ 1).</param>
/// <param name="Columns">Columns (≥ 1).</param>
/// <param name="Slots">Rows per ciphertext: N/2, a power of two.</param>
/// <param name="Level">The level of every ciphertext (the parameters' top level).</param>
/// <param name="LogScale">log2 of the scale of every ciphertext (the parameters' default scale).</param>
public sealed record PackingLayout(long Rows, int Columns, int Slots, int Level, int LogScale)
{
    /// <summary>The layout's name in the manifest.</summary>
    public const string ColumnMajorKind = "column-major";

    /// <summary>Row blocks: ⌈Rows / Slots⌉.</summary>
    public long RowBlocks => (Rows + Slots - 1) / Slots;

    /// <summary>Ciphertexts: RowBlocks · Columns.</summary>
    public long Ciphertexts => RowBlocks * Columns;

    /// <summary>The index of the ciphertext holding <paramref name="column"/> of <paramref name="rowBlock"/>.</summary>
    public long CiphertextIndex(long rowBlock, int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowBlock);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowBlock, RowBlocks);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, Columns);
        return rowBlock * Columns + column;
    }

    /// <summary>The first row of <paramref name="rowBlock"/> and how many rows it holds.</summary>
    public (long FirstRow, int Count) RowRange(long rowBlock)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowBlock);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowBlock, RowBlocks);
        long first = rowBlock * Slots;
        return (first, (int)Math.Min(Slots, Rows - first));
    }
}
