namespace Vault.Ipfs;

/// <summary>The IPFS node could not be reached, did not answer in time, or answered with an error. The message names the node address and what to do.</summary>
public sealed class IpfsNodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IpfsNodeException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public IpfsNodeException() { }

    /// <summary>Creates the exception.</summary>
    public IpfsNodeException(string message, Exception innerException) : base(message, innerException) { }
}
