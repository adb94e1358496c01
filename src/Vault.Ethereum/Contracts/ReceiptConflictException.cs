namespace Vault.Ethereum.Contracts;

/// <summary>A job id is already published with a different receipt: the job id is the idempotency key, so the new
/// receipt cannot be published. The message gives both digests.</summary>
public sealed class ReceiptConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReceiptConflictException(Bytes32 jobId, Bytes32 publishedDigest, Bytes32 newDigest)
        : base($"PublishReceipt: job {jobId} is already published with digest {publishedDigest}, not {newDigest}. A job id is published once; use a new job id for a new receipt.")
    {
        JobId = jobId;
    }

    /// <summary>Creates the exception.</summary>
    public ReceiptConflictException() { }

    /// <summary>Creates the exception.</summary>
    public ReceiptConflictException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ReceiptConflictException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The job id.</summary>
    public Bytes32 JobId { get; }
}
