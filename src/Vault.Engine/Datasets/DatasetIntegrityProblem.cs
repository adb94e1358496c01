namespace Vault.Engine.Datasets;

/// <summary>What <see cref="DatasetVerifier"/> found wrong with a sealed dataset.</summary>
public enum DatasetIntegrityProblem
{
    /// <summary>Not specified.</summary>
    Unspecified = 0,

    /// <summary>A block the dataset needs is not in the store.</summary>
    Missing = 1,

    /// <summary>Bytes in the store do not hash to their CID.</summary>
    Corrupt = 2,

    /// <summary>The manifest is not a valid canonical sealed-dataset manifest, or its CID is not a raw sha2-256 CIDv1.</summary>
    ManifestMalformed = 3,

    /// <summary>An object (parameters, key, ciphertext) does not parse in the CKKS binary format, or is of the wrong kind.</summary>
    MalformedObject = 4,

    /// <summary>An object was made under other CKKS parameters than the manifest names.</summary>
    WrongParameters = 5,

    /// <summary>Counts, levels or scales disagree with the manifest's packing layout.</summary>
    LayoutMismatch = 6,

    /// <summary>The dataset is sealed under insecure test parameters and the caller did not allow them.</summary>
    InsecureParameters = 7,
}
