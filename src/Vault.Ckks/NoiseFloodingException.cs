namespace Vault.Ckks;

/// <summary>A release asked for more precision than noise flooding can give securely. <see cref="MaxPrecisionBits"/>
/// says how many bits can be released (negative when none can).</summary>
public sealed class NoiseFloodingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NoiseFloodingException(string message, int requestedPrecisionBits, int maxPrecisionBits) : base(message)
    {
        RequestedPrecisionBits = requestedPrecisionBits;
        MaxPrecisionBits = maxPrecisionBits;
    }

    /// <summary>Creates the exception.</summary>
    public NoiseFloodingException() { }

    /// <summary>Creates the exception.</summary>
    public NoiseFloodingException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public NoiseFloodingException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The precision the caller asked for, in bits.</summary>
    public int RequestedPrecisionBits { get; }

    /// <summary>The most bits that can be released for the same ciphertext, noise bound and security; negative when none.</summary>
    public int MaxPrecisionBits { get; }
}
