namespace Vault.Ethereum.Contracts;

/// <summary>The verdict on one receipt: every check, and whether all passed.</summary>
/// <param name="JobId">The job audited.</param>
/// <param name="Receipt">The receipt read from the chain's event, when found.</param>
/// <param name="Checks">The checks in order.</param>
public sealed record ReceiptAudit(Bytes32 JobId, PublishedReceipt? Receipt, IReadOnlyList<AuditCheck> Checks)
{
    /// <summary>True when every check passed.</summary>
    public bool IsValid => Checks.Count > 0 && Checks.All(c => c.Passed);
}
