namespace Vault.Ethereum.Contracts;

/// <summary>What the contract stores for a published job.</summary>
/// <param name="Digest">The receipt's EIP-712 digest.</param>
/// <param name="Publisher">Who published it (the provider or an authorised verifier).</param>
/// <param name="BlockNumber">The block it was published in.</param>
public sealed record Publication(Bytes32 Digest, EthereumAddress Publisher, ulong BlockNumber);
