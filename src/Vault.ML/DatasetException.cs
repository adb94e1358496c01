namespace Vault.ML;

/// <summary>Bad input data for a job (NaN/∞, column counts that do not match, values outside the recorded
/// normalisation, bad labels). Raised before any encrypted work is spent.</summary>
public sealed class DatasetException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DatasetException(DatasetProblem problem, string message) : base(message) => Problem = problem;

    /// <summary>Creates the exception (for serializers and tooling; prefer the problem-carrying constructor).</summary>
    public DatasetException() : this(DatasetProblem.Empty, "Dataset: invalid input.") { }

    /// <summary>Creates the exception (for serializers and tooling; prefer the problem-carrying constructor).</summary>
    public DatasetException(string message) : this(DatasetProblem.Empty, message) { }

    /// <summary>Creates the exception (for serializers and tooling; prefer the problem-carrying constructor).</summary>
    public DatasetException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The kind of problem.</summary>
    public DatasetProblem Problem { get; }
}
