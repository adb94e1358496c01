namespace Vault.Gate;

/// <summary>The release gate could not decide or finish (its ledger is unreadable, the chain refused the receipt,
/// the node is unreachable); the message says what to do. A refusal under the policy is not an exception: it is a
/// <see cref="ReleaseOutcome"/> whose record is not allowed.</summary>
public sealed class ReleaseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReleaseException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public ReleaseException(string message, Exception innerException) : base(message, innerException) { }
}
