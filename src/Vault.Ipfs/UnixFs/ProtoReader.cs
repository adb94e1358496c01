namespace Vault.Ipfs.UnixFs;

/// <summary>A strict protobuf wire-format reader over one block: truncation, over-long varints and wrong wire types
/// are <see cref="BlockFormatException"/>s naming <c>what</c> was being decoded.</summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _what;
    private int _position;

    public ProtoReader(ReadOnlySpan<byte> data, string what)
    {
        _data = data;
        _what = what;
        _position = 0;
    }

    public readonly bool End => _position >= _data.Length;

    public readonly int Position => _position;

    public (int Field, int WireType) ReadTag()
    {
        ulong tag = ReadVarint();
        if (tag >> 3 == 0 || tag >> 3 > int.MaxValue) throw Error($"invalid field number {tag >> 3}");
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (int i = 0; i < 10; i++)
        {
            if (_position >= _data.Length) throw Error("truncated varint");
            byte b = _data[_position++];
            value |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) return value;
        }
        throw Error("varint longer than 10 bytes");
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_data.Length - _position)) throw Error($"truncated field: length {length}, {_data.Length - _position} bytes left");
        var span = _data.Slice(_position, (int)length);
        _position += (int)length;
        return span;
    }

    public void Expect(int wireType, int actual, string field)
    {
        if (wireType != actual) throw Error($"field {field} has wire type {actual}, expected {wireType}");
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: Advance(8); break;
            case 2: ReadBytes(); break;
            case 5: Advance(4); break;
            default: throw Error($"unsupported wire type {wireType}");
        }
    }

    private void Advance(int n)
    {
        if (n > _data.Length - _position) throw Error("truncated fixed-size field");
        _position += n;
    }

    public readonly BlockFormatException Error(string problem) => new($"{_what}: {problem} (at byte {_position}).");
}
