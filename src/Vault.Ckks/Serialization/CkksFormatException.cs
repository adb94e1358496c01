namespace Vault.Ckks.Serialization;

/// <summary>Serialized CKKS input is corrupt, truncated, of the wrong kind or of an unsupported version.
/// <see cref="Problem"/> says which; the message starts with the operation (<c>"Read ciphertext: …"</c>) and names it.
/// Objects made under other parameters raise <see cref="Vault.Rlwe.ParameterMismatchException"/> instead.</summary>
public sealed class CkksFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="problem"/>.</summary>
    public CkksFormatException(CkksFormatProblem problem, string message, Exception? innerException = null)
        : base(message, innerException) => Problem = problem;

    /// <summary>Creates the exception with <see cref="CkksFormatProblem.Unspecified"/>.</summary>
    public CkksFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with <see cref="CkksFormatProblem.Unspecified"/>.</summary>
    public CkksFormatException() { }

    /// <summary>Creates the exception with <see cref="CkksFormatProblem.Unspecified"/>.</summary>
    public CkksFormatException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>What is wrong with the input.</summary>
    public CkksFormatProblem Problem { get; }
}
