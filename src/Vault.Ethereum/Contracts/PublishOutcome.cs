using System.Numerics;

namespace Vault.Ethereum.Contracts;

/// <summary>The result of publishing: a new transaction, or the job was already published with the same receipt.</summary>
/// <param name="Digest">The receipt's EIP-712 digest.</param>
/// <param name="AlreadyPublished">True when nothing was sent because the identical receipt is on chain already.</param>
/// <param name="TransactionHash">The publishing transaction (null when already published).</param>
/// <param name="BlockNumber">Block of the publication.</param>
/// <param name="GasUsed">Gas of the publishing transaction (0 when already published).</param>
/// <param name="EffectiveGasPrice">Wei per gas paid.</param>
public sealed record PublishOutcome(Bytes32 Digest, bool AlreadyPublished, Bytes32? TransactionHash, ulong BlockNumber, ulong GasUsed, BigInteger EffectiveGasPrice);
