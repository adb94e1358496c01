namespace Vault.Ckks.Interop;

/// <summary>Bytes that claim to be a SEAL 4.1 object are malformed or do not fit the given parameters.</summary>
public sealed class SealFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SealFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public SealFormatException() { }

    /// <summary>Creates the exception.</summary>
    public SealFormatException(string message, Exception innerException) : base(message, innerException) { }
}
