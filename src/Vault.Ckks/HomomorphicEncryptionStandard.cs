namespace Vault.Ckks;

/// <summary>Largest log2(QP) per ring degree for a ternary secret, from the HomomorphicEncryption.org security
/// standard (Albrecht et al., 2018, Table 1; the 2^16 entry as used by OpenFHE), the bounds SEAL and OpenFHE enforce.</summary>
public static class HomomorphicEncryptionStandard
{
    /// <summary>Smallest supported log2(N).</summary>
    public const int MinLogN = 12;

    /// <summary>Largest supported log2(N).</summary>
    public const int MaxLogN = 16;

    /// <summary>Max log2(QP) at 128-bit classical security for log2(N) = 10..16.</summary>
    private static readonly int[] Classical128 = [27, 54, 109, 218, 438, 881, 1747];

    /// <summary>The largest total modulus bit count allowed for N = 2^<paramref name="logN"/> at <paramref name="level"/>.</summary>
    /// <exception cref="ParameterException">The degree or level has no entry.</exception>
    public static int MaxLogQP(int logN, SecurityLevel level)
    {
        if (level != SecurityLevel.Classical128)
            throw new ParameterException($"MaxLogQP: no bound for security level {level}.");
        if (logN is < 10 or > MaxLogN)
            throw new ParameterException($"MaxLogQP: no 128-bit bound for N=2^{logN}; the standard covers N=2^10..2^{MaxLogN}.");
        return Classical128[logN - 10];
    }
}
