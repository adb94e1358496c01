namespace Vault.Ethereum.Rpc;

/// <summary>The node rejected a transaction whose nonce was already used (another transaction from the same account
/// landed first). Re-read the pending nonce and sign again.</summary>
public sealed class NonceTooLowException : EthereumRpcException
{
    /// <summary>Creates the exception.</summary>
    public NonceTooLowException(string method, long code, string message) : base(method, code, message) { }

    /// <summary>Creates the exception.</summary>
    public NonceTooLowException() { }

    /// <summary>Creates the exception.</summary>
    public NonceTooLowException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public NonceTooLowException(string message, Exception innerException) : base(message, innerException) { }
}
