using Vault.Ethereum.Contracts;

namespace Vault.Engine.Audit;

/// <summary>The outcome of an audit: every check in order (name, pass/fail, what was found).</summary>
/// <param name="Checks">The checks.</param>
public sealed record JobAudit(IReadOnlyList<AuditCheck> Checks)
{
    /// <summary>True when every check passed.</summary>
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);
}
