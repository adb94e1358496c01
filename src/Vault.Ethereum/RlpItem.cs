using System.Numerics;

namespace Vault.Ethereum;

/// <summary>A decoded RLP item: either a byte string or a list of items. Immutable.</summary>
public sealed class RlpItem
{
    private readonly byte[]? _bytes;
    private readonly RlpItem[]? _items;

    private RlpItem(byte[]? bytes, RlpItem[]? items)
    {
        _bytes = bytes;
        _items = items;
    }

    /// <summary>True for a list, false for a byte string.</summary>
    public bool IsList => _items is not null;

    /// <summary>The byte string.</summary>
    /// <exception cref="RlpFormatException">This item is a list.</exception>
    public ReadOnlySpan<byte> Bytes => _bytes ?? throw new RlpFormatException("RlpItem.Bytes: the item is a list, not a byte string.");

    /// <summary>The list's items.</summary>
    /// <exception cref="RlpFormatException">This item is a byte string.</exception>
    public IReadOnlyList<RlpItem> Items => _items ?? throw new RlpFormatException("RlpItem.Items: the item is a byte string, not a list.");

    /// <summary>A byte-string item (copied).</summary>
    public static RlpItem FromBytes(ReadOnlySpan<byte> bytes) => new(bytes.ToArray(), null);

    /// <summary>A list item.</summary>
    public static RlpItem FromList(IEnumerable<RlpItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(null, [.. items]);
    }

    /// <summary>A byte string holding the canonical big-endian encoding of a non-negative integer (no leading zeros; zero is empty).</summary>
    public static RlpItem FromInteger(BigInteger value) => new(Rlp.IntegerBytes(value), null);

    /// <summary>Reads a canonical scalar: big-endian with no leading zero byte (zero is the empty string).</summary>
    /// <exception cref="RlpFormatException">A list, or a leading zero byte.</exception>
    public BigInteger ToBigInteger()
    {
        var bytes = Bytes;
        if (bytes.Length > 0 && bytes[0] == 0)
            throw new RlpFormatException("RlpItem.ToBigInteger: a scalar has a leading zero byte (non-canonical).");
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reads a canonical scalar that fits in 64 bits.</summary>
    /// <exception cref="RlpFormatException">A list, a leading zero byte, or more than 8 bytes.</exception>
    public ulong ToUInt64()
    {
        var value = ToBigInteger();
        return value > ulong.MaxValue
            ? throw new RlpFormatException($"RlpItem.ToUInt64: {Bytes.Length}-byte scalar does not fit in 64 bits.")
            : (ulong)value;
    }

    /// <summary>Structural equality (same kind, same bytes, same items in order).</summary>
    public bool StructurallyEquals(RlpItem other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (IsList != other.IsList) return false;
        if (!IsList) return _bytes.AsSpan().SequenceEqual(other._bytes);
        if (_items!.Length != other._items!.Length) return false;
        for (int i = 0; i < _items.Length; i++)
            if (!_items[i].StructurallyEquals(other._items[i])) return false;
        return true;
    }

    /// <summary>Hex for byte strings, bracketed lists for lists.</summary>
    public override string ToString() => IsList ? "[" + string.Join(", ", _items!.Select(i => i.ToString())) + "]" : Hex.Encode(_bytes);
}
