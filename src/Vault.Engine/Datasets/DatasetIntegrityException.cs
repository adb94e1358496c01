using Vault.Ipfs;

namespace Vault.Engine.Datasets;

/// <summary>A sealed dataset failed verification. <see cref="Cid"/> names the object at fault (the manifest, a key
/// object, the policy or one ciphertext block) and <see cref="Problem"/> says what is wrong with it.</summary>
public sealed class DatasetIntegrityException : Exception
{
    /// <summary>Creates the exception for <paramref name="cid"/>.</summary>
    public DatasetIntegrityException(DatasetIntegrityProblem problem, Cid? cid, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
        Cid = cid;
    }

    /// <summary>Creates the exception.</summary>
    public DatasetIntegrityException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public DatasetIntegrityException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public DatasetIntegrityException() { }

    /// <summary>What is wrong.</summary>
    public DatasetIntegrityProblem Problem { get; }

    /// <summary>The object at fault, when there is one.</summary>
    public Cid? Cid { get; }
}
