using Vault.Ring;

namespace Vault.Rlwe;

/// <summary>An RLWE ciphertext (c_0, c_1[, c_2]) over {q_0..q_ℓ} in NTT form, decrypting to
/// c_0 + c_1·s (+ c_2·s²). Storage is for the top level, so rescaling and level drops happen in place.</summary>
public sealed class Ciphertext : ILeveledCiphertext
{
    private readonly RnsPoly[] _polys;
    private int _size;

    /// <summary>Allocates a zero ciphertext of <paramref name="size"/> parts (2 or 3) at <paramref name="level"/>.</summary>
    public Ciphertext(RlweParameters parameters, int level, double scale, int size = 2)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, parameters.MaxLevel);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxSize);
        ParameterId = parameters.Id;
        _polys = new RnsPoly[MaxSize];
        for (int i = 0; i < MaxSize; i++) _polys[i] = new RnsPoly(parameters.N, parameters.MaxLevel + 1) { LimbCount = level + 1 };
        _size = size;
        Scale = scale;
    }

    /// <summary>Largest number of parts (the product of two 2-part ciphertexts before relinearization).</summary>
    public const int MaxSize = 3;

    /// <summary>Parameters the ciphertext was made under.</summary>
    public ParameterId ParameterId { get; }

    /// <summary>Number of parts in use: 2, or 3 after a multiplication without relinearization.</summary>
    public int Size
    {
        get => _size;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxSize);
            _size = value;
        }
    }

    /// <summary>ℓ: the index of the last prime in use.</summary>
    public int Level
    {
        get => _polys[0].LimbCount - 1;
        set
        {
            foreach (var p in _polys) p.LimbCount = value + 1;
        }
    }

    /// <summary>Δ of the encrypted message.</summary>
    public double Scale { get; set; }

    /// <summary>The 32-byte seed c_1 was expanded from, when this is a fresh secret-key encryption; null otherwise.
    /// Serialization stores the seed instead of c_1 while it is set. Any operation that changes c_1 clears it.</summary>
    public byte[]? Seed { get; set; }

    /// <summary>Part i (0 ≤ i &lt; <see cref="Size"/>).</summary>
    public RnsPoly this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_size) throw new ArgumentOutOfRangeException(nameof(index));
            return _polys[index];
        }
    }

    /// <summary>Copies parts, level, scale and seed into <paramref name="destination"/>.</summary>
    public void CopyTo(Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (ReferenceEquals(this, destination)) return;
        destination.Size = _size;
        for (int i = 0; i < _size; i++) _polys[i].CopyTo(destination._polys[i]);
        destination.Level = Level;
        destination.Scale = Scale;
        destination.Seed = Seed is null ? null : (byte[])Seed.Clone();
    }
}
