namespace Vault.Ethereum.Abi;

/// <summary>A type signature, ABI JSON or ABI-encoded data is malformed (or a value does not fit its type).</summary>
public sealed class AbiFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AbiFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public AbiFormatException() { }

    /// <summary>Creates the exception.</summary>
    public AbiFormatException(string message, Exception innerException) : base(message, innerException) { }
}
