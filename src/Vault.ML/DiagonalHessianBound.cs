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
        int c = normalisedRows[0].Length + 1;
        var b = new double[c, c];
        var z = new double[c];
        z[0] = 1;
        foreach (var x in normalisedRows)
        {
            if (x.Length != c - 1)
                throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"DiagonalHessianBound: a row has {x.Length} values, the first {c - 1}.");
            x.CopyTo(z, 1);
            for (int j = 0; j < c; j++)
                for (int k = j; k < c; k++) b[j, k] += z[j] * z[k];
        }
        var h = new double[c];
        for (int j = 0; j < c; j++)
            for (int k = 0; k < c; k++) h[j] += Math.Abs(j <= k ? b[j, k] : b[k, j]) / normalisedRows.Count;
        return [.. h];
    }

    /// <summary>p_j = 1/h_j (see <see cref="RowSums"/>), capped at <see cref="TrainingOptions.MaxStepScale"/> (a column
    /// that is all zeros gets the cap; its steps are zero anyway): the <see cref="TrainingOptions.StepScales"/> of the
    /// fixed-Hessian preconditioner.</summary>
    /// <exception cref="DatasetException">No rows, or rows of different widths.</exception>
    public static ImmutableArray<double> StepScales(IReadOnlyList<double[]> normalisedRows)
    {
        var h = RowSums(normalisedRows);
        var p = new double[h.Length];
        for (int j = 0; j < p.Length; j++) p[j] = h[j] > 1 / TrainingOptions.MaxStepScale ? 1 / h[j] : TrainingOptions.MaxStepScale;
        return [.. p];
    }
}
