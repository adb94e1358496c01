namespace Vault.Ethereum.Rpc;

/// <summary>An event log as <c>eth_getLogs</c> and receipts return it.</summary>
/// <param name="Address">The emitting contract.</param>
/// <param name="Topics">Topic 0 (the event signature hash) and the indexed arguments.</param>
/// <param name="Data">The ABI-encoded unindexed arguments.</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="TransactionHash">The transaction.</param>
/// <param name="LogIndex">Position in the block.</param>
/// <param name="Removed">True when a reorganisation removed it.</param>
public sealed record LogEntry(EthereumAddress Address, IReadOnlyList<Bytes32> Topics, ReadOnlyMemory<byte> Data, ulong BlockNumber, Bytes32 TransactionHash, ulong LogIndex, bool Removed);
