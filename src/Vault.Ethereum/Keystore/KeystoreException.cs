namespace Vault.Ethereum.Keystore;

/// <summary>A keystore file cannot be read: wrong password, corrupted or unsupported. The message never contains the key
/// or the password.</summary>
public sealed class KeystoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KeystoreException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public KeystoreException() { }

    /// <summary>Creates the exception.</summary>
    public KeystoreException(string message, Exception innerException) : base(message, innerException) { }
}
