using Vault.Ethereum.Abi;

namespace Vault.Ethereum.Rpc;

/// <summary>A call or transaction reverted. <see cref="Reason"/> holds the decoded revert data: an
/// <c>Error(string)</c> reason, a <c>Panic</c> code, or a custom error with its arguments.</summary>
public sealed class ContractRevertException : EthereumRpcException
{
    /// <summary>Creates the exception.</summary>
    public ContractRevertException(string method, RevertReason reason, Bytes32? transactionHash = null)
        : base($"{method}: execution reverted: {reason?.Message}{(transactionHash is { } h ? $" (transaction {h})" : "")}")
    {
        ArgumentNullException.ThrowIfNull(reason);
        Reason = reason;
        TransactionHash = transactionHash;
    }

    /// <summary>Creates the exception.</summary>
    public ContractRevertException() : this("call", RevertReason.Decode([])) { }

    /// <summary>Creates the exception.</summary>
    public ContractRevertException(string message) : base(message) => Reason = RevertReason.Decode([]);

    /// <summary>Creates the exception.</summary>
    public ContractRevertException(string message, Exception innerException) : base(message, innerException) => Reason = RevertReason.Decode([]);

    /// <summary>The decoded revert.</summary>
    public RevertReason Reason { get; }

    /// <summary>The mined transaction that reverted, when it was a transaction (not a call or an estimate).</summary>
    public Bytes32? TransactionHash { get; }

    /// <summary>The custom error's name (or "Error"/"Panic"), or null when the data did not decode.</summary>
    public string? ErrorName => Reason.ErrorName;

    /// <summary>Re-decodes the revert data with a contract's custom errors.</summary>
    public ContractRevertException WithAbi(ContractAbi abi, string method)
    {
        ArgumentNullException.ThrowIfNull(abi);
        return new ContractRevertException(method, abi.DecodeRevert(Reason.Data.Span), TransactionHash);
    }
}
