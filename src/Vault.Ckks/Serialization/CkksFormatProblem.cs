namespace Vault.Ckks.Serialization;

/// <summary>What is wrong with serialized input, as reported by <see cref="CkksFormatException.Problem"/>.
/// The binary format is specified in <c>proofs/formats/ckks-binary-format.md</c>.</summary>
public enum CkksFormatProblem
{
    /// <summary>Not specified (an exception built without a problem code).</summary>
    Unspecified = 0,

    /// <summary>The input ended before the header, the body or the checksum was complete.</summary>
    Truncated = 1,

    /// <summary>The first four bytes are not "VLTK": this is not a Vault object.</summary>
    BadMagic = 2,

    /// <summary>The format version is not one this reader understands.</summary>
    UnsupportedVersion = 3,

    /// <summary>The object is of another kind than the one asked for (a plaintext read as a ciphertext).</summary>
    WrongKind = 4,

    /// <summary>The SHA-256 over header and body does not match the stored one: the bytes were changed.</summary>
    ChecksumMismatch = 5,

    /// <summary>A polynomial coefficient is not below its prime (corrupt; never silently reduced).</summary>
    CoefficientOutOfRange = 6,

    /// <summary>A header or body field has a value the format or the parameters do not allow (flags, level,
    /// scale, size, digit count, Galois element, spec field).</summary>
    InvalidField = 7,

    /// <summary>The body length is not what the header and parameters imply, or bytes follow the object.</summary>
    LengthMismatch = 8,

    /// <summary>Stored parameters rebuild to other primes, another Id, level or default scale than the ones stored.</summary>
    InconsistentParameters = 9,
}
