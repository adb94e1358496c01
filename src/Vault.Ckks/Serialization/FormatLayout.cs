namespace Vault.Ckks.Serialization;

/// <summary>Byte layout of the version-1 header (see <c>proofs/formats/ckks-binary-format.md</c>).
/// All integers little-endian.</summary>
internal static class FormatLayout
{
    public const ushort Version = 1;
    public const int HeaderLength = 60;
    public const int ChecksumLength = 32;

    public const int MagicOffset = 0;          // 4 bytes "VLTK"
    public const int VersionOffset = 4;        // u16
    public const int KindOffset = 6;           // u8
    public const int FlagsOffset = 7;          // u8
    public const int IdOffset = 8;             // 32 bytes
    public const int LevelOffset = 40;         // i32
    public const int ScaleOffset = 44;         // f64
    public const int BodyLengthOffset = 52;    // u64

    /// <summary>Flag bit 0: the uniform part(s) are stored as a 32-byte seed.</summary>
    public const byte SeededFlag = 0x01;

    /// <summary>Parameters body: LogN, LogDefaultScale, Dnum, HammingWeight, Security, |Q|, |P| (7 × i32) plus,
    /// per prime, its bit size (i32) and its value (u64).</summary>
    public const int ParametersFixedBytes = 7 * sizeof(int);
    public const int ParametersBytesPerPrime = sizeof(int) + sizeof(ulong);

    public static ReadOnlySpan<byte> Magic => "VLTK"u8;

    public static string Describe(CkksObjectKind kind) => kind switch
    {
        CkksObjectKind.Parameters => "parameters",
        CkksObjectKind.SecretKey => "secret key",
        CkksObjectKind.PublicKey => "public key",
        CkksObjectKind.RelinearizationKey => "relinearization key",
        CkksObjectKind.GaloisKeys => "Galois keys",
        CkksObjectKind.Plaintext => "plaintext",
        CkksObjectKind.Ciphertext => "ciphertext",
        _ => $"an unknown object kind ({(byte)kind})",
    };
}
