using System.Collections.Immutable;

namespace Vault.ML;

/// <summary>Hyperparameters of an encrypted (or identical plaintext) training job.</summary>
public sealed record TrainingOptions
{
    /// <summary>The largest per-column step scale p_j accepted (see <see cref="StepScales"/>).</summary>
    public const double MaxStepScale = 1024;

    /// <summary>The algorithm.</summary>
    public required TrainingAlgorithm Algorithm { get; init; }

    /// <summary>K, the number of gradient steps; each costs a fixed number of levels (see <see cref="EncryptedGradientDescent.LevelsPerIteration"/>).</summary>
    public required int Iterations { get; init; }

    /// <summary>Degree of the least-squares sigmoid (3, 5 or 7); logistic only.</summary>
    public int Degree { get; init; } = 3;

    /// <summary>R: the sigmoid is approximated on [−R, R]; logistic only.</summary>
    public double SigmoidRadius { get; init; } = 8;

    /// <summary>a in γ_t = a/(t + 1) (Kim et al. use 10), or the constant rate when <see cref="DecayingLearningRate"/> is false.</summary>
    public double LearningRate { get; init; } = 10;

    /// <summary>Use γ_t = a/(t + 1); false for a constant rate.</summary>
    public bool DecayingLearningRate { get; init; } = true;

    /// <summary>Nesterov's acceleration (false: plain gradient descent).</summary>
    public bool Nesterov { get; init; } = true;

    /// <summary>λ of the ridge penalty (λ/2)·‖β‖² over the features (never the intercept); ridge only.</summary>
    public double RidgeLambda { get; init; }

    /// <summary>β_1: intercept first, then one weight per feature; empty for zeros.</summary>
    public ImmutableArray<double> InitialWeights { get; init; } = [];

    /// <summary>A diagonal preconditioner D = diag(p_j): the step of column j is γ_t·p_j·(gradient_j − λ·v_j); intercept
    /// first, then one factor per feature; empty for all ones. Public constants the provider records with the sealed
    /// rows (the fixed-Hessian bound <see cref="DiagonalHessianBound.StepScales(IReadOnlyList{double[]})"/>, with <see cref="LearningRate"/> = 1/s
    /// from <see cref="SigmoidApproximation.MaxSlope"/>): the encrypted trainer folds them into the plaintext mask it
    /// already multiplies the rows by, so they cost no level and no time.</summary>
    public ImmutableArray<double> StepScales { get; init; } = [];

    /// <summary>Throws when a value is out of range for the algorithm.</summary>
    /// <exception cref="JobPlanException">A hyperparameter is invalid.</exception>
    public void Validate(int features)
    {
        if (Iterations < 1) throw new JobPlanException($"Training: iterations = {Iterations} must be at least 1.");
        if (Algorithm == TrainingAlgorithm.Logistic && Degree is not (3 or 5 or 7))
            throw new JobPlanException($"Training: sigmoid degree {Degree} must be 3, 5 or 7.");
        if (!(SigmoidRadius > 0 && SigmoidRadius <= 64)) throw new JobPlanException("Training: the sigmoid radius must lie in (0, 64].");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new JobPlanException("Training: the learning rate must be positive.");
        if (!(RidgeLambda >= 0) || !double.IsFinite(RidgeLambda)) throw new JobPlanException("Training: λ must be non-negative.");
        if (!InitialWeights.IsDefaultOrEmpty)
        {
            if (InitialWeights.Length != features + 1)
                throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"Training: {InitialWeights.Length} initial weights for {features} features (+1 intercept).");
            foreach (double w in InitialWeights)
                if (!double.IsFinite(w)) throw new DatasetException(DatasetProblem.NonFinite, "Training: initial weights must be finite.");
        }
        if (!StepScales.IsDefaultOrEmpty)
        {
            if (StepScales.Length != features + 1)
                throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"Training: {StepScales.Length} step scales for {features} features (+1 intercept).");
            foreach (double p in StepScales)
                if (!(p > 0 && p <= MaxStepScale)) throw new JobPlanException($"Training: step scales must lie in (0, {MaxStepScale}].");
        }
    }
}
