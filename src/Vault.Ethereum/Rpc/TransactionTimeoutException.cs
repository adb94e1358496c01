namespace Vault.Ethereum.Rpc;

/// <summary>A sent transaction had no receipt within the wait. It may still be pending, or may have been dropped.</summary>
public sealed class TransactionTimeoutException : EthereumRpcException
{
    /// <summary>Creates the exception.</summary>
    public TransactionTimeoutException(Bytes32 transactionHash, TimeSpan waited)
        : base($"eth_getTransactionReceipt: transaction {transactionHash} was not mined within {waited.TotalSeconds:0.#} s. It may still be pending: check the node; retrying is safe where the operation is idempotent (receipts are keyed by job id).")
    {
        TransactionHash = transactionHash;
        Waited = waited;
    }

    /// <summary>Creates the exception.</summary>
    public TransactionTimeoutException() { }

    /// <summary>Creates the exception.</summary>
    public TransactionTimeoutException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public TransactionTimeoutException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The transaction waited for.</summary>
    public Bytes32 TransactionHash { get; }

    /// <summary>How long it was waited for.</summary>
    public TimeSpan Waited { get; }
}
