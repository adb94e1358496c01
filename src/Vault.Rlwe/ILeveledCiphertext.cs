namespace Vault.Rlwe;

/// <summary>What every representation of a ciphertext exposes about its message, wherever its polynomials live (host
/// memory for <see cref="Ciphertext"/>, a device for the GPU backend's twin): the level and the scale.</summary>
public interface ILeveledCiphertext
{
    /// <summary>ℓ: the index of the last prime in use.</summary>
    int Level { get; }

    /// <summary>Δ of the encrypted message.</summary>
    double Scale { get; set; }
}
