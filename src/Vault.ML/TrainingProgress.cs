namespace Vault.ML;

/// <summary>Reported after each encrypted training step.</summary>
/// <param name="Iteration">t, 1-based.</param>
/// <param name="Iterations">K.</param>
/// <param name="Level">The level the look-ahead (or output) ciphertext reached.</param>
public sealed record TrainingProgress(int Iteration, int Iterations, int Level);
