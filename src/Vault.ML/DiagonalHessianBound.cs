using System.Collections.Immutable;

namespace Vault.ML;

/// <summary>A diagonal bound on the Hessian of logistic (or least-squares) training, used as a fixed preconditioner:
/// the step of column j becomes γ·p_j·∇_j with p_j = 1/h_j. Fixed-Hessian methods after Böhning and Lindsay (Ann.
/// Inst. Stat. Math. 1988) and Bonte and Vercauteren's simplified fixed Hessian (BMC Med Genomics 2018, 11(Suppl 4):86),
/// which Chiang combines with Nesterov's acceleration ("quadratic gradient", arXiv:2201.10838).</summary>
/// <remarks>
/// <para>With design rows z_i = ±(1, x_i), the Hessian of the mean loss with the polynomial sigmoid p is
/// (1/n)·Σ_i p'(z_i·β)·z_i z_iᵀ ≼ s·B, with B = (1/n)·ZᵀZ and s = max |p'| on [−R, R]
/// (<see cref="SigmoidApproximation.MaxSlope"/>; ¼ for σ itself). A symmetric matrix is dominated by the diagonal of
/// its absolute row sums (Gershgorin: diag(h) − B is diagonally dominant with a non-negative diagonal), so
/// B ≼ diag(h) with h_j = Σ_k |B_jk|. Hence the step β ← β + (1/s)·diag(1/h)·∇ is a majorise–minimise step: it never
/// overshoots the quadratic bound while the inputs stay inside [−R, R], whatever the conditioning; the learning rate
/// 1/s is the natural constant step for Nesterov's method in these coordinates.</para>
/// <para>This is tighter than Bonte and Vercauteren's (1/n)·Σ_i |z_ij|·Σ_k |z_ik|, which takes the absolute values
/// inside the sum. B does not depend on the labels (z_ij z_ik = x_ij x_ik), so h is d + 1 aggregates of the features'
/// second moments. The engine cannot compute it (it holds no secret); the provider computes it over the rows it seals,
/// next to the normalisation it records, and the job carries it as public constants.</para>
/// </remarks>
public static class DiagonalHessianBound
{
    /// <summary>h_j = Σ_k |(1/n)·Σ_i z_ij z_ik| over the columns z = (1, x), intercept first.</summary>
    /// <param name="normalisedRows">The normalised feature rows x_i (no intercept, no label).</param>
    /// <exception cref="DatasetException">No rows, or rows of different widths.</exception>
    public static ImmutableArray<double> RowSums(IReadOnlyList<double[]> normalisedRows)
    {
        ArgumentNullException.ThrowIfNull(normalisedRows);
        if (normalisedRows.Count == 0) throw new DatasetException(DatasetProblem.Empty, "DiagonalHessianBound: no rows.");
        var accumulator = new Accumulator(normalisedRows[0].Length);
        foreach (var x in normalisedRows) accumulator.Add(x);
        return accumulator.RowSums();
    }

    /// <summary>p_j = 1/h_j for bounds h already computed (see <see cref="StepScales(IReadOnlyList{double[]})"/>).</summary>
    public static ImmutableArray<double> StepScales(ImmutableArray<double> rowSums)
    {
        var p = new double[rowSums.Length];
        for (int j = 0; j < p.Length; j++) p[j] = rowSums[j] > 1 / TrainingOptions.MaxStepScale ? 1 / rowSums[j] : TrainingOptions.MaxStepScale;
        return [.. p];
    }

    /// <summary>Accumulates (1/n)·Σ_i z_i z_iᵀ one row at a time (the provider streams its rows while sealing).</summary>
    /// <param name="features">d, the values per row (the intercept is added).</param>
    public sealed class Accumulator(int features)
    {
        private readonly double[,] _b = new double[features + 1, features + 1];
        private readonly double[] _z = new double[features + 1];
        private long _rows;

        /// <summary>Adds the normalised feature row <paramref name="x"/>.</summary>
        /// <exception cref="DatasetException">The row has another width.</exception>
        public void Add(ReadOnlySpan<double> x)
        {
            int c = _z.Length;
            if (x.Length != c - 1)
                throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"DiagonalHessianBound: a row has {x.Length} values, the first {c - 1}.");
            _z[0] = 1;
            x.CopyTo(_z.AsSpan(1));
            for (int j = 0; j < c; j++)
                for (int k = j; k < c; k++) _b[j, k] += _z[j] * _z[k];
            _rows++;
        }

        /// <summary>h_j = Σ_k |B_jk| over the rows added so far.</summary>
        /// <exception cref="DatasetException">No rows were added.</exception>
        public ImmutableArray<double> RowSums()
        {
            if (_rows == 0) throw new DatasetException(DatasetProblem.Empty, "DiagonalHessianBound: no rows.");
            int c = _z.Length;
            var h = new double[c];
            for (int j = 0; j < c; j++)
                for (int k = 0; k < c; k++) h[j] += Math.Abs(j <= k ? _b[j, k] : _b[k, j]) / _rows;
            return [.. h];
        }
    }

    /// <summary>p_j = 1/h_j (see <see cref="RowSums"/>), capped at <see cref="TrainingOptions.MaxStepScale"/> (a column
    /// that is all zeros gets the cap; its steps are zero anyway): the <see cref="TrainingOptions.StepScales"/> of the
    /// fixed-Hessian preconditioner.</summary>
    /// <exception cref="DatasetException">No rows, or rows of different widths.</exception>
    public static ImmutableArray<double> StepScales(IReadOnlyList<double[]> normalisedRows) => StepScales(RowSums(normalisedRows));
}
