namespace Vault.Rlwe;

/// <summary>The switching key from s² to s that turns a 3-part product back into a 2-part ciphertext.</summary>
public sealed class RelinearizationKey
{
    /// <summary>Wraps a switching key from s² to s (as made by <see cref="KeyGenerator.GenerateRelinearizationKey"/>
    /// or rebuilt by <see cref="SwitchingKey.FromSeed"/>). Nothing can check that it really switches from s².</summary>
    public RelinearizationKey(SwitchingKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
    }

    /// <summary>The underlying switching key.</summary>
    public SwitchingKey Key { get; }

    /// <summary>Parameters the key was made under.</summary>
    public ParameterId ParameterId => Key.ParameterId;
}
