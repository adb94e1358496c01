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

    /// <summary>Collects switching keys from φ_g(s) to s by Galois element g; for deserialization.</summary>
    /// <exception cref="ArgumentException">An element is even or not below 2N.</exception>
    /// <exception cref="ParameterMismatchException">A key was made under other parameters.</exception>
    public static GaloisKeys FromKeys(RlweParameters parameters, IEnumerable<KeyValuePair<ulong, SwitchingKey>> keys)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(keys);
        var copy = new Dictionary<ulong, SwitchingKey>();
        foreach (var (g, key) in keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            if ((g & 1) == 0 || g >= 2UL * (ulong)parameters.N)
                throw new ArgumentException($"GaloisKeys.FromKeys: Galois element {g} must be odd and below 2N = {2 * parameters.N}.", nameof(keys));
            parameters.CheckId(key.ParameterId, "GaloisKeys.FromKeys");
            copy[g] = key;
        }
        return new GaloisKeys(parameters.Id, copy);
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
