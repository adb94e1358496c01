using Vault.Engine.Jobs;
using Vault.Ethereum.Contracts;
using Vault.Ipfs;

namespace Vault.Gate;

/// <summary>What the gate did with one job: its record (stored, hashed into the receipt), the signed receipt, the
/// publication on chain when a chain is configured, and for an allowed job the ECIES payload for the buyer.</summary>
/// <param name="Record">The decision.</param>
/// <param name="RecordCid">The record's CID (derivable from the receipt's output hash).</param>
/// <param name="Receipt">The EIP-712 receipt signed by the gate's key.</param>
/// <param name="Publication">The on-chain publication (null without a chain).</param>
/// <param name="Payload">The ECIES ciphertext of the released model (null when refused).</param>
public sealed record ReleaseOutcome(ReleaseRecord Record, Cid RecordCid, SignedReceipt Receipt, PublishOutcome? Publication, byte[]? Payload);
