namespace Vault.Ipfs;

/// <summary>A block does not decode as its codec says (dag-pb, UnixFS or dag-cbor). The message names the problem.</summary>
public sealed class BlockFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BlockFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public BlockFormatException() { }

    /// <summary>Creates the exception.</summary>
    public BlockFormatException(string message, Exception innerException) : base(message, innerException) { }
}
