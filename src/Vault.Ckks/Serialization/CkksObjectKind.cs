namespace Vault.Ckks.Serialization;

/// <summary>The object kind byte of the header (offset 6).</summary>
internal enum CkksObjectKind : byte
{
    Parameters = 1,
    SecretKey = 2,
    PublicKey = 3,
    RelinearizationKey = 4,
    GaloisKeys = 5,
    Plaintext = 6,
    Ciphertext = 7,
}
