using System.Numerics;
using Vault.Ethereum.Transactions;

namespace Vault.Ethereum.Rpc;

/// <summary>Signs and sends transactions for one account: nonces, fees, gas estimate, and the wait for the receipt.
/// Safe for concurrent use: nonce assignment, signing and sending are serialised, so concurrent sends from one account
/// get consecutive nonces. The next nonce is max(node's pending count, last nonce sent + 1); it is re-read from the node
/// after a failure, so a transaction lost by a node restart leaves no gap.</summary>
public sealed class TransactionSender : IDisposable
{
    private readonly SemaphoreSlim _nonceLock = new(1, 1);
    private readonly EthereumKey _key;
    private ulong? _nextNonce;

    /// <summary>Creates a sender for <paramref name="key"/> on chain <paramref name="chainId"/>.</summary>
    public TransactionSender(IEthereumRpc rpc, EthereumKey key, ulong chainId)
    {
        Rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
        _key = key ?? throw new ArgumentNullException(nameof(key));
        ChainId = chainId;
    }

    /// <summary>The node.</summary>
    public IEthereumRpc Rpc { get; }

    /// <summary>The sending account.</summary>
    public EthereumAddress Address => _key.Address;

    /// <summary>The chain id transactions are signed for.</summary>
    public ulong ChainId { get; }

    /// <summary>Extra gas over the estimate, in percent (default 20).</summary>
    public int GasMarginPercent { get; init; } = 20;

    /// <summary>How long <see cref="SendAndWaitAsync"/> waits for a receipt (default 60 s).</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Pause between receipt polls.</summary>
    public TimeSpan PollInterval { get; init; } = EthereumRpcExtensions.DefaultPollInterval;

    /// <summary>Creates a sender after asking the node for its chain id.</summary>
    public static async Task<TransactionSender> CreateAsync(IEthereumRpc rpc, EthereumKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        return new TransactionSender(rpc, key, await rpc.ChainIdAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Estimates gas (a revert throws <see cref="ContractRevertException"/> here, before anything is signed),
    /// estimates fees, assigns the nonce, signs and sends. Returns the signed transaction (its hash identifies it).</summary>
    /// <param name="to">Recipient; null creates a contract.</param>
    /// <param name="data">Call data or init code.</param>
    /// <param name="value">Wei to send.</param>
    /// <param name="gasLimit">A fixed gas limit, skipping the estimate (a reverting call then fails on chain).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<SignedTransaction> SendAsync(EthereumAddress? to, ReadOnlyMemory<byte> data, BigInteger value, ulong? gasLimit, CancellationToken cancellationToken)
    {
        ulong gas = gasLimit ?? await EstimateGasAsync(to, data, value, cancellationToken).ConfigureAwait(false);
        var fees = await Rpc.EstimateFeesAsync(cancellationToken).ConfigureAwait(false);
        for (int attempt = 0; ; attempt++)
        {
            await _nonceLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                ulong pending = await Rpc.GetTransactionCountAsync(Address, BlockTag.Pending, cancellationToken).ConfigureAwait(false);
                ulong nonce = _nextNonce is { } next && next > pending ? next : pending;
                var signed = Build(nonce, to, data, value, gas, fees).Sign(_key);
                try
                {
                    await Rpc.SendRawTransactionAsync(signed.Raw, cancellationToken).ConfigureAwait(false);
                }
                catch (EthereumRpcException e) when (IsAlreadyKnown(e))
                {
                    // The node already has exactly this transaction (a retried send): nothing more to do.
                }
                _nextNonce = nonce + 1;
                return signed;
            }
            catch (NonceTooLowException) when (attempt < 3)
            {
                _nextNonce = null;                                          // someone else used it: re-read and retry
            }
            catch (EthereumRpcException)
            {
                _nextNonce = null;
                throw;
            }
            finally
            {
                _nonceLock.Release();
            }
        }
    }

    /// <summary><see cref="SendAsync"/>, then waits for the receipt. A transaction that was mined but reverted throws
    /// <see cref="ContractRevertException"/> with the reason found by replaying the call on the state before its block.</summary>
    /// <exception cref="TransactionTimeoutException">No receipt within <see cref="ReceiptTimeout"/>.</exception>
    public async Task<TransactionReceipt> SendAndWaitAsync(EthereumAddress? to, ReadOnlyMemory<byte> data, BigInteger value, CancellationToken cancellationToken, ulong? gasLimit = null)
    {
        var signed = await SendAsync(to, data, value, gasLimit, cancellationToken).ConfigureAwait(false);
        TransactionReceipt receipt;
        try
        {
            receipt = await Rpc.WaitForReceiptAsync(signed.Hash, ReceiptTimeout, cancellationToken, PollInterval).ConfigureAwait(false);
        }
        catch (EthereumRpcException)
        {
            _nextNonce = null;
            throw;
        }
        if (!receipt.Succeeded) throw await RevertOfAsync(signed, receipt, cancellationToken).ConfigureAwait(false);
        return receipt;
    }

    /// <summary>Forgets the locally tracked nonce; the next send reads it from the node.</summary>
    public void ResetNonce() => _nextNonce = null;

    /// <summary>Releases the nonce lock (the key is the caller's to dispose).</summary>
    public void Dispose() => _nonceLock.Dispose();

    private async Task<ulong> EstimateGasAsync(EthereumAddress? to, ReadOnlyMemory<byte> data, BigInteger value, CancellationToken cancellationToken)
    {
        ulong estimate = await Rpc.EstimateGasAsync(new CallRequest { From = Address, To = to, Data = data, Value = value }, cancellationToken).ConfigureAwait(false);
        return estimate + estimate * (ulong)GasMarginPercent / 100;
    }

    private EthereumTransaction Build(ulong nonce, EthereumAddress? to, ReadOnlyMemory<byte> data, BigInteger value, ulong gas, FeeEstimate fees) =>
        fees.IsLegacy
            ? new LegacyTransaction { ChainId = ChainId, Nonce = nonce, GasPrice = fees.GasPrice, GasLimit = gas, To = to, Value = value, Data = data }
            : new Eip1559Transaction
            {
                ChainId = ChainId,
                Nonce = nonce,
                MaxFeePerGas = fees.MaxFeePerGas,
                MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas,
                GasLimit = gas,
                To = to,
                Value = value,
                Data = data,
            };

    private async Task<ContractRevertException> RevertOfAsync(SignedTransaction signed, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        var call = new CallRequest { From = Address, To = signed.Transaction.To, Data = signed.Transaction.Data, Value = signed.Transaction.Value, Gas = signed.Transaction.GasLimit };
        try
        {
            await Rpc.CallAsync(call, BlockTag.Number(receipt.BlockNumber - 1), cancellationToken).ConfigureAwait(false);
        }
        catch (ContractRevertException e)
        {
            return new ContractRevertException("eth_sendRawTransaction", e.Reason, receipt.TransactionHash);
        }
        catch (EthereumRpcException e) when (e is not NodeUnreachableException)
        {
            // Replay unavailable (pruned state): report the revert without a reason.
        }
        return new ContractRevertException("eth_sendRawTransaction", Abi.RevertReason.Decode([]), receipt.TransactionHash);
    }

    private static bool IsAlreadyKnown(EthereumRpcException e) =>
        (e.NodeMessage ?? "").Contains("already known", StringComparison.OrdinalIgnoreCase)
        || (e.NodeMessage ?? "").Contains("already imported", StringComparison.OrdinalIgnoreCase);
}
