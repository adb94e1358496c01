using System.Diagnostics;
using System.Numerics;

namespace Vault.Ethereum.Rpc;

/// <summary>Operations composed from <see cref="IEthereumRpc"/> calls: fee estimation, waiting for a receipt, and
/// <c>eth_getLogs</c> over long block ranges in pages.</summary>
public static class EthereumRpcExtensions
{
    /// <summary>Default pause between receipt polls.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Fees for a new transaction. EIP-1559 when the node reports base fees: tip = <c>eth_maxPriorityFeePerGas</c>
    /// (else the median reward of the last 5 blocks from <c>eth_feeHistory</c>, else 1 gwei), cap = 2 × next base fee + tip.
    /// Without base fees (or without <c>eth_feeHistory</c>): a legacy <c>eth_gasPrice</c>.</summary>
    public static async Task<FeeEstimate> EstimateFeesAsync(this IEthereumRpc rpc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        FeeHistory? history = null;
        try
        {
            history = await rpc.FeeHistoryAsync(5, BlockTag.Latest, [50.0], cancellationToken).ConfigureAwait(false);
        }
        catch (EthereumRpcException e) when (e is not NodeUnreachableException)
        {
            // Node without eth_feeHistory: legacy pricing below.
        }
        if (history is null || history.BaseFeePerGas.Count == 0 || history.BaseFeePerGas[^1].IsZero && history.BaseFeePerGas.All(b => b.IsZero))
            return new FeeEstimate(0, 0, await rpc.GasPriceAsync(cancellationToken).ConfigureAwait(false));
        BigInteger nextBaseFee = history.BaseFeePerGas[^1];
        BigInteger tip;
        try
        {
            tip = await rpc.MaxPriorityFeePerGasAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (EthereumRpcException e) when (e is not NodeUnreachableException)
        {
            var rewards = history.Reward.Where(r => r.Count > 0).Select(r => r[0]).Order().ToList();
            tip = rewards.Count > 0 ? rewards[rewards.Count / 2] : 1_000_000_000;
        }
        return new FeeEstimate(2 * nextBaseFee + tip, tip, 0);
    }

    /// <summary>Polls <c>eth_getTransactionReceipt</c> until the transaction is mined.</summary>
    /// <exception cref="TransactionTimeoutException">Not mined within <paramref name="timeout"/>.</exception>
    /// <exception cref="NodeUnreachableException">The node went away while waiting.</exception>
    public static async Task<TransactionReceipt> WaitForReceiptAsync(this IEthereumRpc rpc, Bytes32 transactionHash, TimeSpan timeout, CancellationToken cancellationToken, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        var clock = Stopwatch.StartNew();
        var pause = pollInterval ?? DefaultPollInterval;
        while (true)
        {
            var receipt = await rpc.GetTransactionReceiptAsync(transactionHash, cancellationToken).ConfigureAwait(false);
            if (receipt is not null) return receipt;
            if (clock.Elapsed >= timeout) throw new TransactionTimeoutException(transactionHash, clock.Elapsed);
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><c>eth_getLogs</c> over [from, to] in pages of at most <paramref name="pageSize"/> blocks (providers cap
    /// ranges and result counts). A page the node refuses as too large is split in half and retried, down to one block.
    /// Results are in chain order.</summary>
    public static async Task<IReadOnlyList<LogEntry>> GetLogsPagedAsync(this IEthereumRpc rpc, LogFilter filter, ulong pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(filter);
        if (pageSize == 0) ThrowHelper.ThrowArgumentOutOfRange(nameof(pageSize), "GetLogsPagedAsync: the page size must be positive.");
        ulong last = filter.ToBlock ?? await rpc.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<LogEntry>();
        ulong from = filter.FromBlock;
        ulong size = pageSize;
        while (from <= last)
        {
            ulong to = Math.Min(last, from + size - 1);
            try
            {
                result.AddRange(await rpc.GetLogsAsync(filter with { FromBlock = from, ToBlock = to }, cancellationToken).ConfigureAwait(false));
            }
            catch (EthereumRpcException e) when (e is not NodeUnreachableException && size > 1 && LooksLikeRangeLimit(e))
            {
                size /= 2;
                continue;
            }
            if (to == ulong.MaxValue) break;
            from = to + 1;
            size = pageSize;
        }
        return result;
    }

    private static bool LooksLikeRangeLimit(EthereumRpcException e)
    {
        string m = (e.NodeMessage ?? e.Message).ToLowerInvariant();
        return m.Contains("range", StringComparison.Ordinal) || m.Contains("limit", StringComparison.Ordinal)
            || m.Contains("too many", StringComparison.Ordinal) || m.Contains("more than", StringComparison.Ordinal);
    }
}
