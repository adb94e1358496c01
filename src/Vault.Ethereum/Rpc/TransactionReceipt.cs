using System.Numerics;

namespace Vault.Ethereum.Rpc;

/// <summary>What <c>eth_getTransactionReceipt</c> returns for a mined transaction.</summary>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="BlockNumber">Its block.</param>
/// <param name="BlockHash">Its block's hash.</param>
/// <param name="Succeeded">Status 1 (success) or 0 (reverted).</param>
/// <param name="From">Sender.</param>
/// <param name="To">Recipient (null for a creation).</param>
/// <param name="ContractAddress">The created contract, for a creation.</param>
/// <param name="GasUsed">Gas used by this transaction.</param>
/// <param name="EffectiveGasPrice">Wei paid per gas.</param>
/// <param name="Logs">Its logs.</param>
public sealed record TransactionReceipt(
    Bytes32 TransactionHash,
    ulong BlockNumber,
    Bytes32 BlockHash,
    bool Succeeded,
    EthereumAddress From,
    EthereumAddress? To,
    EthereumAddress? ContractAddress,
    ulong GasUsed,
    BigInteger EffectiveGasPrice,
    IReadOnlyList<LogEntry> Logs);
