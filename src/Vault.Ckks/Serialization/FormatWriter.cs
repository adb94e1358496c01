using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks.Serialization;

/// <summary>Writes one object: the header, the body fields in order, then the SHA-256 of everything before it.
/// Counts body bytes against the declared length so a writer bug cannot produce a self-inconsistent object.</summary>
internal sealed class FormatWriter : IDisposable
{
    private readonly Stream _destination;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly string _operation;
    private ulong _remaining;

    public FormatWriter(Stream destination, string operation, CkksObjectKind kind, byte flags, ParameterId id, int level, double scale, ulong bodyLength)
    {
        _destination = destination;
        _operation = operation;
        Span<byte> header = stackalloc byte[FormatLayout.HeaderLength];
        FormatLayout.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[FormatLayout.VersionOffset..], FormatLayout.Version);
        header[FormatLayout.KindOffset] = (byte)kind;
        header[FormatLayout.FlagsOffset] = flags;
        id.WriteTo(header[FormatLayout.IdOffset..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[FormatLayout.LevelOffset..], level);
        BinaryPrimitives.WriteDoubleLittleEndian(header[FormatLayout.ScaleOffset..], scale);
        BinaryPrimitives.WriteUInt64LittleEndian(header[FormatLayout.BodyLengthOffset..], bodyLength);
        Append(header);
        _remaining = bodyLength;
    }

    public void WriteByte(byte value)
    {
        Span<byte> b = [value];
        Body(b);
    }

    public void WriteInt32(int value)
    {
        Span<byte> b = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(b, value);
        Body(b);
    }

    public void WriteUInt64(ulong value)
    {
        Span<byte> b = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        Body(b);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes) => Body(bytes);

    /// <summary>Writes the first <paramref name="limbCount"/> limbs as u64 little-endian, limb-major. On a
    /// little-endian machine the poly's own memory is written (no copy); otherwise a pooled copy is byte-swapped
    /// and, when <paramref name="secret"/>, zeroed afterwards.</summary>
    public void WritePoly(RnsPoly poly, int limbCount, bool secret)
    {
        if (BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < limbCount; i++) Body(MemoryMarshal.AsBytes(poly.Limb(i)));
            return;
        }
        ulong[] swapped = ArrayPool<ulong>.Shared.Rent(poly.N);
        try
        {
            Span<ulong> s = swapped.AsSpan(0, poly.N);
            for (int i = 0; i < limbCount; i++)
            {
                BinaryPrimitives.ReverseEndianness(poly.Limb(i), s);
                Body(MemoryMarshal.AsBytes(s));
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(swapped, clearArray: secret);
        }
    }

    /// <summary>Checks the body is complete and writes the checksum.</summary>
    public void Finish()
    {
        if (_remaining != 0)
            throw new InvalidOperationException($"{_operation}: {_remaining} declared body bytes were not written (a serializer bug).");
        Span<byte> digest = stackalloc byte[FormatLayout.ChecksumLength];
        _hash.GetHashAndReset(digest);
        _destination.Write(digest);
    }

    public void Dispose() => _hash.Dispose();

    private void Body(ReadOnlySpan<byte> bytes)
    {
        if ((ulong)bytes.Length > _remaining)
            throw new InvalidOperationException($"{_operation}: the body overruns its declared length (a serializer bug).");
        _remaining -= (ulong)bytes.Length;
        Append(bytes);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        _hash.AppendData(bytes);
        _destination.Write(bytes);
    }
}
