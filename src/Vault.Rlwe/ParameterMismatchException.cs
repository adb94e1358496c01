namespace Vault.Rlwe;

/// <summary>An object made under one parameter set (or at one level or scale) was used with another.</summary>
public sealed class ParameterMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ParameterMismatchException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ParameterMismatchException() { }

    /// <summary>Creates the exception.</summary>
    public ParameterMismatchException(string message, Exception innerException) : base(message, innerException) { }
}
