using System.Globalization;

#pragma warning disable CA1720 // The members are named after Solidity's types (uint, int, string) on purpose.

namespace Vault.Ethereum.Abi;

/// <summary>What kind of Solidity type an <see cref="AbiType"/> is.</summary>
public enum AbiKind
{
    /// <summary><c>uintN</c>, N ∈ {8, 16, …, 256}.</summary>
    UInt,
    /// <summary><c>intN</c> (two's complement).</summary>
    Int,
    /// <summary><c>address</c>.</summary>
    Address,
    /// <summary><c>bool</c>.</summary>
    Bool,
    /// <summary><c>bytesN</c>, N ∈ [1, 32].</summary>
    FixedBytes,
    /// <summary><c>bytes</c> (dynamic).</summary>
    Bytes,
    /// <summary><c>string</c> (dynamic, UTF-8).</summary>
    String,
    /// <summary><c>T[k]</c>.</summary>
    FixedArray,
    /// <summary><c>T[]</c> (dynamic).</summary>
    Array,
    /// <summary><c>(T1,…,Tn)</c>: a struct.</summary>
    Tuple,
}

/// <summary>A Solidity ABI type (contract ABI specification, "Formal Specification of the Encoding"). Immutable.
/// <see cref="Parse"/> reads canonical type strings such as <c>uint256</c>, <c>bytes32[]</c> or
/// <c>(bytes32,string,address)[2]</c>.</summary>
public sealed class AbiType : IEquatable<AbiType>
{
    private AbiType(AbiKind kind, int size, AbiType? element, IReadOnlyList<AbiType>? components)
    {
        Kind = kind;
        Size = size;
        Element = element;
        Components = components ?? [];
        CanonicalName = kind switch
        {
            AbiKind.UInt => "uint" + size.ToString(CultureInfo.InvariantCulture),
            AbiKind.Int => "int" + size.ToString(CultureInfo.InvariantCulture),
            AbiKind.Address => "address",
            AbiKind.Bool => "bool",
            AbiKind.FixedBytes => "bytes" + size.ToString(CultureInfo.InvariantCulture),
            AbiKind.Bytes => "bytes",
            AbiKind.String => "string",
            AbiKind.FixedArray => element!.CanonicalName + "[" + size.ToString(CultureInfo.InvariantCulture) + "]",
            AbiKind.Array => element!.CanonicalName + "[]",
            _ => "(" + string.Join(",", Components.Select(c => c.CanonicalName)) + ")",
        };
        IsDynamic = kind switch
        {
            AbiKind.Bytes or AbiKind.String or AbiKind.Array => true,
            AbiKind.FixedArray => element!.IsDynamic,
            AbiKind.Tuple => Components.Any(c => c.IsDynamic),
            _ => false,
        };
        HeadSize = IsDynamic ? 32 : kind switch
        {
            AbiKind.FixedArray => size * element!.HeadSize,
            AbiKind.Tuple => Components.Sum(c => c.HeadSize),
            _ => 32,
        };
    }

    /// <summary>The kind.</summary>
    public AbiKind Kind { get; }

    /// <summary>Bits for integers, bytes for <c>bytesN</c>, length for <c>T[k]</c>; 0 otherwise.</summary>
    public int Size { get; }

    /// <summary>The element type of an array.</summary>
    public AbiType? Element { get; }

    /// <summary>The component types of a tuple.</summary>
    public IReadOnlyList<AbiType> Components { get; }

    /// <summary>The canonical name used in signatures (<c>uint256</c>, <c>(bytes32,string)</c>).</summary>
    public string CanonicalName { get; }

    /// <summary>True when the encoding has a dynamic size (and so the head holds an offset).</summary>
    public bool IsDynamic { get; }

    /// <summary>Bytes this type takes in the head of an enclosing tuple.</summary>
    internal int HeadSize { get; }

    /// <summary><c>uint256</c>.</summary>
    public static AbiType UInt256 { get; } = UInt(256);

    /// <summary><c>bytes32</c>.</summary>
    public static AbiType Bytes32 { get; } = FixedBytes(32);

    /// <summary><c>address</c>.</summary>
    public static AbiType Address { get; } = new(AbiKind.Address, 0, null, null);

    /// <summary><c>bool</c>.</summary>
    public static AbiType Bool { get; } = new(AbiKind.Bool, 0, null, null);

    /// <summary><c>bytes</c>.</summary>
    public static AbiType Bytes { get; } = new(AbiKind.Bytes, 0, null, null);

    /// <summary><c>string</c>.</summary>
    public static AbiType String { get; } = new(AbiKind.String, 0, null, null);

    /// <summary><c>uintN</c>.</summary>
    public static AbiType UInt(int bits) => new(AbiKind.UInt, CheckBits(bits), null, null);

    /// <summary><c>intN</c>.</summary>
    public static AbiType Int(int bits) => new(AbiKind.Int, CheckBits(bits), null, null);

    /// <summary><c>bytesN</c>.</summary>
    public static AbiType FixedBytes(int length) =>
        length is >= 1 and <= 32 ? new(AbiKind.FixedBytes, length, null, null) : throw new AbiFormatException($"AbiType: bytes{length} does not exist (1 to 32).");

    /// <summary><c>T[]</c>.</summary>
    public static AbiType ArrayOf(AbiType element) => new(AbiKind.Array, 0, element ?? throw new ArgumentNullException(nameof(element)), null);

    /// <summary><c>T[k]</c>.</summary>
    public static AbiType FixedArrayOf(AbiType element, int length) =>
        length >= 1 ? new(AbiKind.FixedArray, length, element ?? throw new ArgumentNullException(nameof(element)), null) : throw new AbiFormatException($"AbiType: fixed array length {length} must be positive.");

    /// <summary><c>(T1,…,Tn)</c>.</summary>
    public static AbiType Tuple(params IEnumerable<AbiType> components) => new(AbiKind.Tuple, 0, null, [.. components]);

    /// <summary>Parses a canonical type string. Aliases <c>uint</c>/<c>int</c> mean 256 bits.</summary>
    /// <exception cref="AbiFormatException">Unknown or malformed type.</exception>
    public static AbiType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int position = 0;
        var type = ParseType(text.Replace(" ", "", StringComparison.Ordinal), ref position);
        if (position != text.Replace(" ", "", StringComparison.Ordinal).Length)
            throw new AbiFormatException($"AbiType.Parse: unexpected '{text[position..]}' in '{text}'.");
        return type;
    }

    /// <summary>Parses a comma-separated parameter list such as <c>bytes32,string,(uint8,bool)[]</c> (no outer parentheses).</summary>
    public static IReadOnlyList<AbiType> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? [] : Parse("(" + text + ")").Components;
    }

    internal static AbiType ParseType(string text, ref int position)
    {
        AbiType type;
        if (position < text.Length && text[position] == '(')
        {
            position++;
            var components = new List<AbiType>();
            if (position < text.Length && text[position] == ')') position++;
            else
            {
                while (true)
                {
                    components.Add(ParseType(text, ref position));
                    if (position >= text.Length) throw new AbiFormatException($"AbiType.Parse: unclosed '(' in '{text}'.");
                    char c = text[position++];
                    if (c == ')') break;
                    if (c != ',') throw new AbiFormatException($"AbiType.Parse: expected ',' or ')' at {position - 1} in '{text}'.");
                }
            }
            type = Tuple(components);
        }
        else
        {
            int start = position;
            while (position < text.Length && char.IsAsciiLetterOrDigit(text[position])) position++;
            type = Elementary(text[start..position], text);
        }
        while (position < text.Length && text[position] == '[')
        {
            int close = text.IndexOf(']', position);
            if (close < 0) throw new AbiFormatException($"AbiType.Parse: unclosed '[' in '{text}'.");
            string length = text[(position + 1)..close];
            type = length.Length == 0 ? ArrayOf(type)
                : int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out int k) ? FixedArrayOf(type, k)
                : throw new AbiFormatException($"AbiType.Parse: bad array length '{length}' in '{text}'.");
            position = close + 1;
        }
        return type;
    }

    private static AbiType Elementary(string name, string whole)
    {
        switch (name)
        {
            case "address": return Address;
            case "bool": return Bool;
            case "bytes": return Bytes;
            case "string": return String;
            case "uint": return UInt256;
            case "int": return Int(256);
        }
        if (name.StartsWith("uint", StringComparison.Ordinal) && int.TryParse(name.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out int ubits)) return UInt(ubits);
        if (name.StartsWith("int", StringComparison.Ordinal) && int.TryParse(name.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out int ibits)) return Int(ibits);
        if (name.StartsWith("bytes", StringComparison.Ordinal) && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return FixedBytes(n);
        throw new AbiFormatException($"AbiType.Parse: unknown type '{name}' in '{whole}'.");
    }

    private static int CheckBits(int bits) =>
        bits is >= 8 and <= 256 && bits % 8 == 0 ? bits : throw new AbiFormatException($"AbiType: integer width {bits} is not a multiple of 8 in [8, 256].");

    /// <inheritdoc/>
    public bool Equals(AbiType? other) => other is not null && string.Equals(CanonicalName, other.CanonicalName, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AbiType);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(CanonicalName);

    /// <summary>The canonical name.</summary>
    public override string ToString() => CanonicalName;
}
