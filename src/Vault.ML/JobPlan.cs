using Vault.Ckks;

namespace Vault.ML;

/// <summary>A feasible job: its depth, slot layout, validated CKKS parameters, the rotation keys it needs, and the
/// expected precision.</summary>
/// <param name="Request">The request.</param>
/// <param name="Depth">Multiplicative depth (levels consumed).</param>
/// <param name="LevelsPerIteration">Levels per training step (0 for one-shot jobs).</param>
/// <param name="Layout">The slot layout of the encrypted rows.</param>
/// <param name="Ciphertexts">Ciphertexts holding the rows.</param>
/// <param name="Parameters">The validated parameters (128-bit secure unless the request fixed an insecure test set).</param>
/// <param name="RotationSteps">Steps the Galois keys must cover.</param>
/// <param name="ExpectedPrecisionBits">Heuristic bits of precision of the released values (absolute error ≈ 2^-bits
/// relative to their magnitude), from the fresh-noise bound Δ / (σ·√(4N/3)·√N).</param>
public sealed record JobPlan(JobRequest Request, int Depth, int LevelsPerIteration, SlotLayout Layout, int Ciphertexts,
    CkksParameters Parameters, IReadOnlyList<int> RotationSteps, double ExpectedPrecisionBits)
{
    /// <summary>One line for reports.</summary>
    public string Summary =>
        $"{Request.Kind}: depth {Depth}{(LevelsPerIteration > 0 ? $" ({LevelsPerIteration}/iteration)" : "")}, N = 2^{Parameters.LogN}, " +
        $"{Parameters.MaxLevel} levels, log2(QP) = {Parameters.LogQP:F0}, Δ = 2^{Parameters.Spec.LogDefaultScale}, dnum {Parameters.Rlwe.Dnum}, " +
        $"{Layout.RowsPerCiphertext} rows × {Layout.BlockWidth} slots per ciphertext, {Ciphertexts} ciphertext(s), ~{ExpectedPrecisionBits:F0} bits";
}
