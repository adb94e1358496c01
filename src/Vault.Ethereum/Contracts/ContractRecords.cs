using System.Numerics;

namespace Vault.Ethereum.Contracts;

/// <summary>A dataset's on-chain registration.</summary>
/// <param name="Provider">The registering address.</param>
/// <param name="ManifestHash">Hash of the dataset manifest.</param>
/// <param name="PolicyHash">Hash of the dataset policy.</param>
public sealed record DatasetRegistration(EthereumAddress Provider, Bytes32 ManifestHash, Bytes32 PolicyHash);

/// <summary>What the contract stores for a published job.</summary>
/// <param name="Digest">The receipt's EIP-712 digest.</param>
/// <param name="Publisher">Who published it (the provider or an authorised verifier).</param>
/// <param name="BlockNumber">The block it was published in.</param>
public sealed record Publication(Bytes32 Digest, EthereumAddress Publisher, ulong BlockNumber);

/// <summary>A <c>ReceiptPublished</c> event: the full receipt as emitted.</summary>
/// <param name="Receipt">The receipt.</param>
/// <param name="Digest">The EIP-712 digest the contract computed.</param>
/// <param name="Publisher">Who published it.</param>
/// <param name="BlockNumber">The block.</param>
/// <param name="TransactionHash">The publishing transaction.</param>
public sealed record PublishedReceipt(Receipt Receipt, Bytes32 Digest, EthereumAddress Publisher, ulong BlockNumber, Bytes32 TransactionHash);

/// <summary>The result of publishing: a new transaction, or the job was already published with the same receipt.</summary>
/// <param name="Digest">The receipt's EIP-712 digest.</param>
/// <param name="AlreadyPublished">True when nothing was sent because the identical receipt is on chain already.</param>
/// <param name="TransactionHash">The publishing transaction (null when already published).</param>
/// <param name="BlockNumber">Block of the publication.</param>
/// <param name="GasUsed">Gas of the publishing transaction (0 when already published).</param>
/// <param name="EffectiveGasPrice">Wei per gas paid.</param>
public sealed record PublishOutcome(Bytes32 Digest, bool AlreadyPublished, Bytes32? TransactionHash, ulong BlockNumber, ulong GasUsed, BigInteger EffectiveGasPrice);

/// <summary>One check of <see cref="ReceiptAudit"/>.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="Passed">The outcome.</param>
/// <param name="Detail">What was found.</param>
public sealed record AuditCheck(string Name, bool Passed, string Detail);

/// <summary>The verdict on one receipt: every check, and whether all passed.</summary>
/// <param name="JobId">The job audited.</param>
/// <param name="Receipt">The receipt read from the chain's event, when found.</param>
/// <param name="Checks">The checks in order.</param>
public sealed record ReceiptAudit(Bytes32 JobId, PublishedReceipt? Receipt, IReadOnlyList<AuditCheck> Checks)
{
    /// <summary>True when every check passed.</summary>
    public bool IsValid => Checks.Count > 0 && Checks.All(c => c.Passed);
}
