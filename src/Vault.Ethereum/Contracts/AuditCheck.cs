namespace Vault.Ethereum.Contracts;

/// <summary>One check of <see cref="ReceiptAudit"/>.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="Passed">The outcome.</param>
/// <param name="Detail">What was found.</param>
public sealed record AuditCheck(string Name, bool Passed, string Detail);
