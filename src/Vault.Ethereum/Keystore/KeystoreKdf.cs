namespace Vault.Ethereum.Keystore;

/// <summary>Key-derivation settings for writing a keystore. Reading takes whatever the file says.</summary>
/// <param name="Name">"scrypt" or "pbkdf2".</param>
/// <param name="N">scrypt cost (a power of two).</param>
/// <param name="R">scrypt block size.</param>
/// <param name="P">scrypt parallelism.</param>
/// <param name="Iterations">PBKDF2-HMAC-SHA256 iterations.</param>
public sealed record KeystoreKdf(string Name, int N, int R, int P, int Iterations)
{
    /// <summary>scrypt N = 2^18, r = 8, p = 1 (geth's "standard"; about 256 MiB and a second or more to open).</summary>
    public static KeystoreKdf ScryptStandard { get; } = new("scrypt", 1 << 18, 8, 1, 0);

    /// <summary>scrypt N = 2^12, r = 8, p = 6 (geth's "light"; for tests and low-memory machines).</summary>
    public static KeystoreKdf ScryptLight { get; } = new("scrypt", 1 << 12, 8, 6, 0);

    /// <summary>PBKDF2-HMAC-SHA256 with 262144 iterations (the Web3 Secret Storage example).</summary>
    public static KeystoreKdf Pbkdf2Standard { get; } = new("pbkdf2", 0, 0, 0, 262_144);
}
