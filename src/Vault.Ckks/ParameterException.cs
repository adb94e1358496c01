namespace Vault.Ckks;

/// <summary>A parameter set is invalid or insecure. The message says what is allowed.</summary>
public sealed class ParameterException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ParameterException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ParameterException() { }

    /// <summary>Creates the exception.</summary>
    public ParameterException(string message, Exception innerException) : base(message, innerException) { }
}
