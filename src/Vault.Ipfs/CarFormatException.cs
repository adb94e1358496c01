namespace Vault.Ipfs;

/// <summary>A CAR v1 archive is truncated or garbled. The message names the problem and the byte offset.</summary>
public sealed class CarFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CarFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public CarFormatException() { }

    /// <summary>Creates the exception.</summary>
    public CarFormatException(string message, Exception innerException) : base(message, innerException) { }
}
