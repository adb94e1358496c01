namespace Vault.ML;

/// <summary>How rows × columns are packed into the N/2 slots of a ciphertext: each row occupies a block of
/// <see cref="BlockWidth"/> slots starting at a multiple of it, with its <see cref="Columns"/> values padded with
/// zeros to the power of two <see cref="Stride"/>; a ciphertext holds <see cref="RowsPerCiphertext"/> rows and a
/// dataset as many ciphertexts as it needs (unused blocks are zero).</summary>
/// <remarks>
/// In the <see cref="Doubled"/> layout (training) each block holds the padded row twice, [z, z]. A weight vector
/// replicated the same way gives, after one multiplication and a rotation-sum over the first <see cref="Stride"/>
/// slots (log2 f rotations), the inner product z·v in every slot of the first half of the block, with no mask and
/// no level spent on replicating it (Kim et al.'s single-copy layout needs a masking level and log2 f more rotations).
/// The plain layout (inference, statistics) holds each row once and the inner product lands in the block's first slot.
/// </remarks>
public sealed record SlotLayout
{
    private SlotLayout(int slots, int columns, int stride, bool doubled)
    {
        Slots = slots;
        Columns = columns;
        Stride = stride;
        Doubled = doubled;
    }

    /// <summary>N/2.</summary>
    public int Slots { get; }

    /// <summary>c, the meaningful values per row.</summary>
    public int Columns { get; }

    /// <summary>f = the smallest power of two ≥ c.</summary>
    public int Stride { get; }

    /// <summary>Whether each row is stored twice.</summary>
    public bool Doubled { get; }

    /// <summary>f or 2f.</summary>
    public int BlockWidth => Doubled ? 2 * Stride : Stride;

    /// <summary>Rows per ciphertext, N/2 / BlockWidth.</summary>
    public int RowsPerCiphertext => Slots / BlockWidth;

    /// <summary>The layout for <paramref name="columns"/> values per row in <paramref name="slots"/> slots.</summary>
    /// <exception cref="JobPlanException">A block does not fit in one ciphertext.</exception>
    public static SlotLayout Create(int slots, int columns, bool doubled)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (slots < 2 || (slots & (slots - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(slots), "SlotLayout: slots must be a power of two.");
        int stride = 1;
        while (stride < columns) stride <<= 1;
        if ((doubled ? 2 * stride : stride) > slots)
            throw new JobPlanException($"SlotLayout: a row of {columns} values needs {(doubled ? 2 * stride : stride)} slots but a ciphertext has {slots}; use a larger N or fewer columns.");
        return new SlotLayout(slots, columns, stride, doubled);
    }

    /// <summary>Ciphertexts needed for <paramref name="rows"/> rows.</summary>
    public int CiphertextCount(int rows) => (rows + RowsPerCiphertext - 1) / RowsPerCiphertext;

    /// <summary>The slot vectors of the ciphertexts holding <paramref name="rows"/> (each of <see cref="Columns"/> values).</summary>
    /// <exception cref="DatasetException">A row has the wrong width.</exception>
    public double[][] PackRows(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int count = CiphertextCount(rows.Count);
        var vectors = new double[count][];
        for (int k = 0; k < count; k++) vectors[k] = new double[Slots];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != Columns)
                throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"PackRows: row {i} has {rows[i].Length} values, the layout {Columns}.");
            var target = vectors[i / RowsPerCiphertext];
            int start = i % RowsPerCiphertext * BlockWidth;
            rows[i].CopyTo(target, start);
            if (Doubled) rows[i].CopyTo(target, start + Stride);
        }
        return vectors;
    }

    /// <summary><paramref name="values"/> (at most <see cref="Columns"/>) at the start of every block, and again in
    /// its second half when doubled; the rest zero.</summary>
    public double[] Replicate(ReadOnlySpan<double> values)
    {
        if (values.Length > Stride) throw new ArgumentException($"Replicate: {values.Length} values exceed the stride {Stride}.", nameof(values));
        var v = new double[Slots];
        for (int start = 0; start < Slots; start += BlockWidth)
        {
            values.CopyTo(v.AsSpan(start));
            if (Doubled) values.CopyTo(v.AsSpan(start + Stride));
        }
        return v;
    }

    /// <summary>The value of row <paramref name="row"/> (within its ciphertext) at column <paramref name="column"/>:
    /// the slot index.</summary>
    public int SlotOf(int row, int column) => row % RowsPerCiphertext * BlockWidth + column;
}
