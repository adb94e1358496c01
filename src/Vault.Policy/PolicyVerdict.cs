namespace Vault.Policy;

/// <summary>The outcome of a policy check. <see cref="RuleId"/> is one of <see cref="RuleIds"/>, stable, and written
/// into receipts and proofs; <see cref="Reason"/> is for people and may change.</summary>
/// <param name="Allowed">Whether the job may run (only with <see cref="RuleIds.Allow"/>).</param>
/// <param name="RuleId">The rule that decided: <see cref="RuleIds.Allow"/>, or the first rule the job failed.</param>
/// <param name="Reason">Why, with the values involved.</param>
public sealed record PolicyVerdict(bool Allowed, string RuleId, string Reason);
