using Vault.Ethereum.Contracts;
using Vault.Ethereum.Rpc;

namespace Vault.Gate;

/// <summary>Where the gate publishes receipts: the VaultReceipts deployment and the provider's (or an authorised
/// verifier's) transaction sender.</summary>
/// <param name="Contract">The deployment.</param>
/// <param name="Sender">Sends and signs the transactions; its key also signs the EIP-712 receipts.</param>
public sealed record ReceiptChain(VaultReceiptsContract Contract, TransactionSender Sender);
