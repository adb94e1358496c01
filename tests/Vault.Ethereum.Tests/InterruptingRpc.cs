using System.Numerics;
using Vault.Ethereum.Rpc;

namespace Vault.Ethereum.Tests;

/// <summary>Delegates to a real node and runs <see cref="AfterSend"/> once, right after a raw transaction was accepted:
/// the fault tests stop anvil there, between the send and the receipt.</summary>
internal sealed class InterruptingRpc(IEthereumRpc inner) : IEthereumRpc
{
    public Action? AfterSend { get; set; }

    public int RawTransactionsSent { get; private set; }

    public async Task<Bytes32> SendRawTransactionAsync(ReadOnlyMemory<byte> rawTransaction, CancellationToken cancellationToken)
    {
        var hash = await inner.SendRawTransactionAsync(rawTransaction, cancellationToken);
        RawTransactionsSent++;
        var action = AfterSend;
        AfterSend = null;
        action?.Invoke();
        return hash;
    }

    public Task<ulong> ChainIdAsync(CancellationToken cancellationToken) => inner.ChainIdAsync(cancellationToken);

    public Task<ulong> BlockNumberAsync(CancellationToken cancellationToken) => inner.BlockNumberAsync(cancellationToken);

    public Task<ulong> GetTransactionCountAsync(EthereumAddress account, BlockTag block, CancellationToken cancellationToken) => inner.GetTransactionCountAsync(account, block, cancellationToken);

    public Task<BigInteger> GasPriceAsync(CancellationToken cancellationToken) => inner.GasPriceAsync(cancellationToken);

    public Task<BigInteger> MaxPriorityFeePerGasAsync(CancellationToken cancellationToken) => inner.MaxPriorityFeePerGasAsync(cancellationToken);

    public Task<FeeHistory> FeeHistoryAsync(int blockCount, BlockTag newest, IReadOnlyList<double> rewardPercentiles, CancellationToken cancellationToken) =>
        inner.FeeHistoryAsync(blockCount, newest, rewardPercentiles, cancellationToken);

    public Task<ulong> EstimateGasAsync(CallRequest request, CancellationToken cancellationToken) => inner.EstimateGasAsync(request, cancellationToken);

    public Task<byte[]> CallAsync(CallRequest request, BlockTag block, CancellationToken cancellationToken) => inner.CallAsync(request, block, cancellationToken);

    public Task<TransactionReceipt?> GetTransactionReceiptAsync(Bytes32 transactionHash, CancellationToken cancellationToken) => inner.GetTransactionReceiptAsync(transactionHash, cancellationToken);

    public Task<IReadOnlyList<LogEntry>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken) => inner.GetLogsAsync(filter, cancellationToken);

    public Task<byte[]> GetCodeAsync(EthereumAddress address, BlockTag block, CancellationToken cancellationToken) => inner.GetCodeAsync(address, block, cancellationToken);
}
