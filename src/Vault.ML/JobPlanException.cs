namespace Vault.ML;

/// <summary>A job that cannot run under the requested or any available 128-bit CKKS parameters: its multiplicative
/// depth exceeds the levels, or its shape does not fit. The message says what to change (fewer iterations, a lower
/// degree, a larger N).</summary>
public sealed class JobPlanException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JobPlanException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public JobPlanException() : base("Plan: infeasible job.") { }

    /// <summary>Creates the exception.</summary>
    public JobPlanException(string message, Exception innerException) : base(message, innerException) { }
}
