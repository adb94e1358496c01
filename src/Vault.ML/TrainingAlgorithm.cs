namespace Vault.ML;

/// <summary>The gradient-descent algorithms that run on ciphertext.</summary>
public enum TrainingAlgorithm
{
    /// <summary>Logistic regression: gradient ascent on the log-likelihood with a polynomial sigmoid.</summary>
    Logistic,

    /// <summary>Linear least squares with an optional ridge (L2) penalty.</summary>
    Ridge,
}
