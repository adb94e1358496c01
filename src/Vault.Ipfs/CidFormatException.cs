namespace Vault.Ipfs;

/// <summary>A CID, multihash, multibase string or varint is malformed. The message names the problem.</summary>
public sealed class CidFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CidFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public CidFormatException() { }

    /// <summary>Creates the exception.</summary>
    public CidFormatException(string message, Exception innerException) : base(message, innerException) { }
}
