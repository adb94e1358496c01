namespace Vault.Ipfs;

/// <summary>Bytes do not hash to the CID they were stored or received under: the content was altered or corrupted, and was not used.</summary>
public sealed class ContentIntegrityException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContentIntegrityException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ContentIntegrityException() { }

    /// <summary>Creates the exception.</summary>
    public ContentIntegrityException(string message, Exception innerException) : base(message, innerException) { }
}
