namespace Vault.Rlwe;

/// <summary>The switching key from s² to s that turns a 3-part product back into a 2-part ciphertext.</summary>
public sealed class RelinearizationKey
{
    internal RelinearizationKey(SwitchingKey key) => Key = key;

    /// <summary>The underlying switching key.</summary>
    public SwitchingKey Key { get; }

    /// <summary>Parameters the key was made under.</summary>
    public ParameterId ParameterId => Key.ParameterId;
}
