namespace Vault.Ethereum.Contracts;

/// <summary>A <c>ReceiptPublished</c> event: the full receipt as emitted.</summary>
/// <param name="Receipt">The receipt.</param>
/// <param name="Digest">The EIP-712 digest the contract computed.</param>
/// <param name="Publisher">Who published it.</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="TransactionHash">The publishing transaction.</param>
public sealed record PublishedReceipt(Receipt Receipt, Bytes32 Digest, EthereumAddress Publisher, ulong BlockNumber, Bytes32 TransactionHash);
