namespace Vault.Ethereum.Rpc;

/// <summary>The Ethereum node could not be reached (connection refused, DNS, reset) or did not answer in time.
/// The message names the URL and what to check.</summary>
public sealed class NodeUnreachableException : EthereumRpcException
{
    /// <summary>Creates the exception.</summary>
    public NodeUnreachableException(string method, Uri endpoint, string problem, Exception? innerException)
        : base($"{method}: cannot reach the Ethereum node at {endpoint} ({problem}). Check that the node is running and that the --rpc URL is right.", innerException!)
    {
        Endpoint = endpoint;
    }

    /// <summary>Creates the exception.</summary>
    public NodeUnreachableException() { }

    /// <summary>Creates the exception.</summary>
    public NodeUnreachableException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public NodeUnreachableException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The URL that did not answer.</summary>
    public Uri? Endpoint { get; }
}
