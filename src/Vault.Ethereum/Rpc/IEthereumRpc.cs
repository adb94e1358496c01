using System.Numerics;

namespace Vault.Ethereum.Rpc;

/// <summary>The Ethereum JSON-RPC methods Vault uses: the one I/O boundary of Vault.Ethereum. <see cref="JsonRpcClient"/>
/// implements it over HTTP; tests and the engine can substitute fakes. Failures throw <see cref="EthereumRpcException"/>
/// or one of its subclasses.</summary>
public interface IEthereumRpc
{
    /// <summary><c>eth_chainId</c>.</summary>
    Task<ulong> ChainIdAsync(CancellationToken cancellationToken);

    /// <summary><c>eth_blockNumber</c>.</summary>
    Task<ulong> BlockNumberAsync(CancellationToken cancellationToken);

    /// <summary><c>eth_getTransactionCount</c>: the next nonce of <paramref name="account"/> (use <see cref="BlockTag.Pending"/>
    /// to count transactions still in the pool).</summary>
    Task<ulong> GetTransactionCountAsync(EthereumAddress account, BlockTag block, CancellationToken cancellationToken);

    /// <summary><c>eth_gasPrice</c>.</summary>
    Task<BigInteger> GasPriceAsync(CancellationToken cancellationToken);

    /// <summary><c>eth_maxPriorityFeePerGas</c>.</summary>
    Task<BigInteger> MaxPriorityFeePerGasAsync(CancellationToken cancellationToken);

    /// <summary><c>eth_feeHistory</c> over <paramref name="blockCount"/> blocks ending at <paramref name="newest"/>.</summary>
    Task<FeeHistory> FeeHistoryAsync(int blockCount, BlockTag newest, IReadOnlyList<double> rewardPercentiles, CancellationToken cancellationToken);

    /// <summary><c>eth_estimateGas</c>. A reverting call throws <see cref="ContractRevertException"/>.</summary>
    Task<ulong> EstimateGasAsync(CallRequest request, CancellationToken cancellationToken);

    /// <summary><c>eth_call</c>. A reverting call throws <see cref="ContractRevertException"/>.</summary>
    Task<byte[]> CallAsync(CallRequest request, BlockTag block, CancellationToken cancellationToken);

    /// <summary><c>eth_sendRawTransaction</c>; returns the transaction hash.</summary>
    Task<Bytes32> SendRawTransactionAsync(ReadOnlyMemory<byte> rawTransaction, CancellationToken cancellationToken);

    /// <summary><c>eth_getTransactionReceipt</c>; null while the transaction is not mined (or unknown).</summary>
    Task<TransactionReceipt?> GetTransactionReceiptAsync(Bytes32 transactionHash, CancellationToken cancellationToken);

    /// <summary><c>eth_getLogs</c> for one block range (see <see cref="EthereumRpcExtensions.GetLogsPagedAsync"/> for paging).</summary>
    Task<IReadOnlyList<LogEntry>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken);

    /// <summary><c>eth_getCode</c>: the runtime bytecode at <paramref name="address"/> (empty for an account without code).</summary>
    Task<byte[]> GetCodeAsync(EthereumAddress address, BlockTag block, CancellationToken cancellationToken);
}
