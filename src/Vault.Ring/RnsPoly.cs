namespace Vault.Ring;

/// <summary>A polynomial in Z_Q[X]/(X^N + 1) stored as RNS limbs (one residue vector of length N per prime),
/// limb-major in one array. <see cref="LimbCount"/> can shrink and grow within the allocated capacity, so a level
/// change never reallocates.</summary>
/// <remarks>The poly does not know its moduli or whether it is in NTT form: its owner does.</remarks>
public sealed class RnsPoly
{
    private readonly ulong[] _data;
    private int _limbCount;

    /// <summary>Allocates a zero polynomial with room for <paramref name="capacity"/> limbs, all in use.</summary>
    public RnsPoly(int n, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        N = n;
        Capacity = capacity;
        _limbCount = capacity;
        _data = new ulong[checked(n * capacity)];
    }

    /// <summary>Ring degree N.</summary>
    public int N { get; }

    /// <summary>Number of limbs the storage can hold.</summary>
    public int Capacity { get; }

    /// <summary>Number of limbs in use; limbs past it are scratch.</summary>
    public int LimbCount
    {
        get => _limbCount;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Capacity);
            _limbCount = value;
        }
    }

    /// <summary>Residues of limb <paramref name="index"/> (within the capacity).</summary>
    public Span<ulong> Limb(int index)
    {
        if ((uint)index >= (uint)Capacity) throw new ArgumentOutOfRangeException(nameof(index));
        return _data.AsSpan(index * N, N);
    }

    /// <summary>Limbs [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of the storage,
    /// limb-major (bounds checked against the capacity).</summary>
    internal Span<ulong> Limbs(int start, int count) => _data.AsSpan(start * N, count * N);

    /// <summary>All limbs in use, limb-major.</summary>
    public Span<ulong> Coefficients => _data.AsSpan(0, _limbCount * N);

    /// <summary>Copies the limbs in use into <paramref name="destination"/>, setting its limb count.</summary>
    public void CopyTo(RnsPoly destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.N != N) ThrowHelper.ThrowLengthMismatch(nameof(destination), N, destination.N);
        destination.LimbCount = _limbCount;
        Coefficients.CopyTo(destination.Coefficients);
    }

    /// <summary>A deep copy with the same capacity and limb count.</summary>
    public RnsPoly Clone()
    {
        var copy = new RnsPoly(N, Capacity);
        _data.AsSpan().CopyTo(copy._data);
        copy._limbCount = _limbCount;
        return copy;
    }

    /// <summary>Sets every limb in use to zero.</summary>
    public void Clear() => Coefficients.Clear();

    /// <summary>Zeroes the whole storage (for polys derived from secrets).</summary>
    public void Wipe() => System.Security.Cryptography.CryptographicOperations.ZeroMemory(
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(_data.AsSpan()));
}
