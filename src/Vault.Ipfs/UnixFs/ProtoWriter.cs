using System.Buffers;

namespace Vault.Ipfs.UnixFs;

/// <summary>The few protobuf wire-format writes dag-pb and UnixFS need (varint and length-delimited fields).</summary>
internal static class ProtoWriter
{
    public static void WriteVarint(IBufferWriter<byte> writer, ulong value)
    {
        var span = writer.GetSpan(10);
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        writer.Advance(i);
    }

    public static void WriteTag(IBufferWriter<byte> writer, int field, int wireType) => WriteVarint(writer, (ulong)((field << 3) | wireType));

    public static void WriteVarintField(IBufferWriter<byte> writer, int field, ulong value)
    {
        WriteTag(writer, field, 0);
        WriteVarint(writer, value);
    }

    public static void WriteBytesField(IBufferWriter<byte> writer, int field, ReadOnlySpan<byte> value)
    {
        WriteTag(writer, field, 2);
        WriteVarint(writer, (ulong)value.Length);
        writer.Write(value);
    }

    public static int VarintLength(ulong value)
    {
        int n = 1;
        while (value >= 0x80) { value >>= 7; n++; }
        return n;
    }
}
