namespace Vault.Ethereum;

/// <summary>Bytes are not canonical RLP (or not the RLP shape a caller expected). The message says where and why.</summary>
public sealed class RlpFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RlpFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public RlpFormatException() { }

    /// <summary>Creates the exception.</summary>
    public RlpFormatException(string message, Exception innerException) : base(message, innerException) { }
}
