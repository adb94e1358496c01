namespace Vault.Ethereum.Rpc;

/// <summary>A JSON-RPC call to an Ethereum node failed. Subclasses name the failures callers act on: a revert
/// (<see cref="ContractRevertException"/>), a stale nonce (<see cref="NonceTooLowException"/>), a fee too low
/// (<see cref="TransactionUnderpricedException"/>), an unreachable node (<see cref="NodeUnreachableException"/>) and a
/// transaction not mined in time (<see cref="TransactionTimeoutException"/>). Messages start with the RPC method.</summary>
public class EthereumRpcException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EthereumRpcException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public EthereumRpcException() { }

    /// <summary>Creates the exception.</summary>
    public EthereumRpcException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a JSON-RPC error object.</summary>
    public EthereumRpcException(string method, long code, string message) : base($"{method}: {message} (JSON-RPC error {code})")
    {
        Method = method;
        Code = code;
        NodeMessage = message;
    }

    /// <summary>The JSON-RPC method that failed.</summary>
    public string? Method { get; }

    /// <summary>The JSON-RPC error code, when the node answered with one.</summary>
    public long? Code { get; }

    /// <summary>The node's own error message.</summary>
    public string? NodeMessage { get; }
}
