namespace Vault.ML;

/// <summary>The outcome of <see cref="PlaintextGradientDescent.Train"/>.</summary>
/// <param name="Weights">β_(K+1) over the model columns (intercept first).</param>
/// <param name="Iterates">β_(t+1) after each step t = 1..K, model columns.</param>
/// <param name="MaxAbsRowInput">The largest |z_i·v_t| met: beyond the sigmoid radius the polynomial no longer
/// approximates σ (the encrypted run computes the same polynomial, so both stay identical).</param>
public sealed record PlaintextTrainingResult(double[] Weights, IReadOnlyList<double[]> Iterates, double MaxAbsRowInput);
