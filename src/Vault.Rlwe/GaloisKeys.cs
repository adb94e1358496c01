namespace Vault.Rlwe;

/// <summary>Switching keys from φ_g(s) to s, one per Galois element g, for rotations and conjugation.</summary>
public sealed class GaloisKeys
{
    private readonly Dictionary<ulong, SwitchingKey> _keys;

    internal GaloisKeys(ParameterId parameterId, Dictionary<ulong, SwitchingKey> keys)
    {
        ParameterId = parameterId;
        _keys = keys;
    }

    /// <summary>Parameters the keys were made under.</summary>
    public ParameterId ParameterId { get; }

    /// <summary>The Galois elements that have a key, ascending.</summary>
    public IReadOnlyList<ulong> Elements => [.. _keys.Keys.Order()];

    /// <summary>True when a key for <paramref name="galoisElement"/> exists.</summary>
    public bool Contains(ulong galoisElement) => _keys.ContainsKey(galoisElement);

    /// <summary>The key for <paramref name="galoisElement"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is none.</exception>
    public SwitchingKey this[ulong galoisElement] =>
        _keys.TryGetValue(galoisElement, out var key)
            ? key
            : throw new KeyNotFoundException($"GaloisKeys: no key for Galois element {galoisElement}; generate it with the key generator.");
}
