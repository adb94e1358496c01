namespace Vault.Engine.Datasets;

/// <summary>Bytes are not a valid sealed-dataset manifest (<c>proofs/formats/sealed-dataset-manifest.md</c>): not
/// UTF-8 JSON, not canonical, a field missing, unknown or out of range, or counts that contradict each other.</summary>
public sealed class ManifestFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ManifestFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ManifestFormatException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public ManifestFormatException() { }
}
