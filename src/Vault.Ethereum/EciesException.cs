namespace Vault.Ethereum;

/// <summary>An ECIES ciphertext or public key is malformed, or the ciphertext fails authentication (tampered, truncated
/// or for another key). Decryption never returns plaintext in that case. The message never contains key material.</summary>
public sealed class EciesException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EciesException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public EciesException() { }

    /// <summary>Creates the exception.</summary>
    public EciesException(string message, Exception innerException) : base(message, innerException) { }
}
