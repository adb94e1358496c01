using Vault.Ckks;

namespace Vault.ML;

/// <summary>What the planner needs to size a job: the computation, its hyperparameters and the dataset shape.</summary>
public sealed record JobRequest
{
    /// <summary>The computation.</summary>
    public required JobKind Kind { get; init; }

    /// <summary>n, the rows.</summary>
    public required int Rows { get; init; }

    /// <summary>d, the feature columns.</summary>
    public required int Features { get; init; }

    /// <summary>K (training only).</summary>
    public int Iterations { get; init; } = 1;

    /// <summary>Sigmoid degree (logistic training and inference) or activation degree (MLP).</summary>
    public int Degree { get; init; } = 3;

    /// <summary>Fixed parameters to validate the job against; null lets the planner choose a 128-bit set.</summary>
    public CkksParameterSpec? Parameters { get; init; }

    /// <summary>log2 Δ when the planner chooses (0: 32 for training, 40 otherwise).</summary>
    public int LogScale { get; init; }
}
