namespace Vault.Engine.Jobs;

/// <summary>A job request, transcript or job-related record is malformed, or names something the engine cannot run.</summary>
public sealed class JobFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JobFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public JobFormatException(string message, Exception innerException) : base(message, innerException) { }
}
