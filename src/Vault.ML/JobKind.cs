namespace Vault.ML;

/// <summary>The encrypted computations the planner knows.</summary>
public enum JobKind
{
    /// <summary>Logistic regression training (<see cref="EncryptedGradientDescent"/>).</summary>
    LogisticRegression,

    /// <summary>Ridge regression training (<see cref="EncryptedGradientDescent"/>).</summary>
    RidgeRegression,

    /// <summary>Scores x·β of a linear model (<see cref="EncryptedInference"/>).</summary>
    LinearInference,

    /// <summary>p(x·β) with the polynomial sigmoid (<see cref="EncryptedInference"/>).</summary>
    LogisticInference,

    /// <summary>A one-hidden-layer network with a polynomial activation (<see cref="PolynomialMlp"/>).</summary>
    MlpInference,

    /// <summary>Count, sums, means, variances and covariances (<see cref="EncryptedStatistics"/>).</summary>
    Statistics,
}
