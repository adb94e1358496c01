namespace Vault.Ethereum.Rpc;

/// <summary>The node rejected a transaction's fees: below the base fee or the pool's minimum, or too low to replace a
/// pending transaction with the same nonce. Estimate fees again (and raise them by ≥ 10 % to replace).</summary>
public sealed class TransactionUnderpricedException : EthereumRpcException
{
    /// <summary>Creates the exception.</summary>
    public TransactionUnderpricedException(string method, long code, string message) : base(method, code, message) { }

    /// <summary>Creates the exception.</summary>
    public TransactionUnderpricedException() { }

    /// <summary>Creates the exception.</summary>
    public TransactionUnderpricedException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public TransactionUnderpricedException(string message, Exception innerException) : base(message, innerException) { }
}
