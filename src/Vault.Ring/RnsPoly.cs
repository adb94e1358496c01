namespace Vault.Ring;

/// <summary>A polynomial in Z_Q[X]/(X^N + 1) stored as RNS limbs (one residue vector of length N per prime),
/// limb-major in one array. <see cref="LimbCount"/> can shrink and grow within the allocated capacity, so a level
/// change never reallocates.</summary>
/// <remarks>The poly does not know its moduli or whether it is in NTT form: its owner does. The storage is pinned
/// (allocated on the pinned object heap), so kernels that read many limbs at once can address them directly; it starts
/// on a 64-byte boundary (whole cache lines for 512-bit loads), skewed per poly by a multiple of 64 bytes below 4 KiB,
/// so the same limb of different polys does not map to the same cache set (a key-switching inner product reads dozens
/// of them side by side, and their power-of-two sizes would otherwise make them all collide).</remarks>
public sealed class RnsPoly
{
    private const int LineWords = 8;            // 64 bytes
    private const int SkewLines = 64;           // skews 0, 64, …, 4032 bytes
    private static int _allocations;

    private readonly ulong[] _data;
    private readonly int _start;                // index of residue 0 of limb 0 in _data
    private int _limbCount;

    /// <summary>Allocates a zero polynomial with room for <paramref name="capacity"/> limbs, all in use.</summary>
    public RnsPoly(int n, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        N = n;
        Capacity = capacity;
        _limbCount = capacity;
        int length = checked(n * capacity);
        _data = GC.AllocateArray<ulong>(checked(length + LineWords * SkewLines), pinned: true);
        int skew = (int)((uint)Interlocked.Increment(ref _allocations) * 37 % SkewLines) * LineWords;
        _start = WordsToLine(_data) + skew;     // ≤ 7 + 504, inside the padding
    }

    /// <summary>Words from the start of a pinned array to its first 64-byte boundary.</summary>
    private static unsafe int WordsToLine(ulong[] pinned)
    {
        nuint address = (nuint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref pinned[0]);
        return (int)((LineWords * sizeof(ulong) - address % (LineWords * sizeof(ulong))) % (LineWords * sizeof(ulong))) / sizeof(ulong);
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
        return _data.AsSpan(_start + index * N, N);
    }

    /// <summary>Limbs [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of the storage,
    /// limb-major (bounds checked against the capacity).</summary>
    internal Span<ulong> Limbs(int start, int count) => _data.AsSpan(_start + start * N, count * N);

    /// <summary>Address of limb <paramref name="index"/> (within the capacity); valid for the poly's lifetime (pinned).</summary>
    internal unsafe ulong* Pointer(int index)
    {
        if ((uint)index >= (uint)Capacity) throw new ArgumentOutOfRangeException(nameof(index));
        return (ulong*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _data[_start + index * N]);
    }

    /// <summary>All limbs in use, limb-major.</summary>
    public Span<ulong> Coefficients => _data.AsSpan(_start, _limbCount * N);

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
        _data.AsSpan(_start, N * Capacity).CopyTo(copy._data.AsSpan(copy._start));
        copy._limbCount = _limbCount;
        return copy;
    }

    /// <summary>Sets every limb in use to zero.</summary>
    public void Clear() => Coefficients.Clear();

    /// <summary>Zeroes the whole storage (for polys derived from secrets).</summary>
    public void Wipe() => System.Security.Cryptography.CryptographicOperations.ZeroMemory(
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(_data.AsSpan()));
}
