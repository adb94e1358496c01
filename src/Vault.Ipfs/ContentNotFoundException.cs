namespace Vault.Ipfs;

/// <summary>A block is not in the content store.</summary>
public sealed class ContentNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContentNotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ContentNotFoundException() { }

    /// <summary>Creates the exception.</summary>
    public ContentNotFoundException(string message, Exception innerException) : base(message, innerException) { }
}
