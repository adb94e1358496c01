using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks.Serialization;

/// <summary>Reads one object in a single pass, hashing every byte it consumes. The header is checked field by
/// field as it is read (it bounds every allocation); body errors are held back until the checksum has been
/// compared, so damaged bytes are reported as <see cref="CkksFormatProblem.ChecksumMismatch"/> and only an object
/// with a valid checksum can report a field or coefficient problem.</summary>
internal sealed class FormatReader : IDisposable
{
    private const int DrainChunk = 1 << 16;

    private readonly Stream _source;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private ulong _bodyLength;
    private ulong _bodyRemaining;

    public FormatReader(Stream source, string operation)
    {
        _source = source;
        Operation = operation;
    }

    /// <summary>"Read ciphertext", …: the prefix of every message.</summary>
    public string Operation { get; }

    /// <summary>Bytes consumed so far.</summary>
    public long Position { get; private set; }

    public CkksFormatException Error(CkksFormatProblem problem, string detail, Exception? inner = null) =>
        new(problem, $"{Operation}: {detail}", inner);

    /// <summary>Reads the 60-byte header and checks magic, version, kind and that no unknown flag is set.</summary>
    public FormatHeader ReadHeader(CkksObjectKind expected)
    {
        Span<byte> h = stackalloc byte[FormatLayout.HeaderLength];
        int got = Fill(h);
        if (got < h.Length)
            throw Error(CkksFormatProblem.Truncated, got == 0
                ? $"the input is empty; expected a {FormatLayout.HeaderLength}-byte header."
                : $"the input ends after {got} of the {FormatLayout.HeaderLength} header bytes.");
        _hash.AppendData(h);
        if (!h[..4].SequenceEqual(FormatLayout.Magic))
            throw Error(CkksFormatProblem.BadMagic, $"the input starts with 0x{Convert.ToHexStringLower(h[..4])}, not \"VLTK\"; it is not a Vault object.");
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(h[FormatLayout.VersionOffset..]);
        if (version != FormatLayout.Version)
            throw Error(CkksFormatProblem.UnsupportedVersion, $"format version {version} is not supported; this reader reads version {FormatLayout.Version} only.");
        var kind = (CkksObjectKind)h[FormatLayout.KindOffset];
        if (kind != expected)
            throw Error(CkksFormatProblem.WrongKind, $"the input holds {FormatLayout.Describe(kind)}, not {FormatLayout.Describe(expected)}.");
        byte flags = h[FormatLayout.FlagsOffset];
        if ((flags & ~FormatLayout.SeededFlag) != 0)
            throw Error(CkksFormatProblem.InvalidField, $"flags 0x{flags:x2} set bits that version {FormatLayout.Version} does not define (only bit 0, seeded).");
        return new FormatHeader(
            kind,
            flags,
            ParameterId.Read(h[FormatLayout.IdOffset..]),
            BinaryPrimitives.ReadInt32LittleEndian(h[FormatLayout.LevelOffset..]),
            BinaryPrimitives.ReadDoubleLittleEndian(h[FormatLayout.ScaleOffset..]),
            BinaryPrimitives.ReadUInt64LittleEndian(h[FormatLayout.BodyLengthOffset..]));
    }

    /// <summary>Runs <paramref name="parse"/> over a body of <paramref name="length"/> bytes, then verifies the
    /// checksum. A format error from the parser is rethrown only once the checksum proves the bytes intact;
    /// otherwise the checksum mismatch wins (with the parser's error as inner exception).</summary>
    public void ReadBody(ulong length, Action<FormatReader> parse)
    {
        _bodyLength = length;
        _bodyRemaining = length;
        try
        {
            parse(this);
            if (_bodyRemaining != 0)
                throw Error(CkksFormatProblem.LengthMismatch, $"{_bodyRemaining} body bytes are left after the last field.");
        }
        catch (CkksFormatException e) when (e.Problem is not (CkksFormatProblem.Truncated or CkksFormatProblem.ChecksumMismatch))
        {
            Drain();
            VerifyChecksum(e);
            throw;
        }
        VerifyChecksum(null);
    }

    public byte ReadByte(string field)
    {
        Span<byte> b = stackalloc byte[1];
        ReadExactly(b, field);
        return b[0];
    }

    public int ReadInt32(string field)
    {
        Span<byte> b = stackalloc byte[sizeof(int)];
        ReadExactly(b, field);
        return BinaryPrimitives.ReadInt32LittleEndian(b);
    }

    public ulong ReadUInt64(string field)
    {
        Span<byte> b = stackalloc byte[sizeof(ulong)];
        ReadExactly(b, field);
        return BinaryPrimitives.ReadUInt64LittleEndian(b);
    }

    /// <summary>Reads body bytes; the field must fit in what is left of the declared body.</summary>
    public void ReadExactly(Span<byte> destination, string field)
    {
        if ((ulong)destination.Length > _bodyRemaining)
            throw Error(CkksFormatProblem.LengthMismatch, $"{field} runs past the end of the {_bodyLength}-byte body.");
        int got = Fill(destination);
        _hash.AppendData(destination[..got]);
        _bodyRemaining -= (ulong)got;
        if (got < destination.Length)
            throw Error(CkksFormatProblem.Truncated, $"the input ends at byte {Position}, inside {field}; the header declares a {_bodyLength}-byte body.");
    }

    /// <summary>Reads <paramref name="limbCount"/> limbs of u64 residues straight into <paramref name="poly"/> and
    /// checks each is below its prime. The check is branch-free over the values (secret keys pass through here); only
    /// the error path looks for the offending index, and for a secret it does not print the value.</summary>
    public void ReadPoly(RnsPoly poly, RnsBasis basis, int limbCount, string what, bool secret)
    {
        for (int i = 0; i < limbCount; i++)
        {
            Span<ulong> limb = poly.Limb(i);
            ReadExactly(MemoryMarshal.AsBytes(limb), $"limb {i} of {what}");
            if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(limb, limb);
            ulong q = basis.Moduli[i].Value, bad = 0;
            // q < 2^62: x ≥ 2^62 is out of range; for x < 2^62, q − 1 − x wraps (top bit set) exactly when x ≥ q.
            foreach (ulong x in limb) bad |= ((q - 1 - x) >> 63) | (x >> 62);
            if (bad != 0)
            {
                int k = 0;
                while (limb[k] < q) k++;
                string value = secret ? "" : $" is {limb[k]},";
                throw Error(CkksFormatProblem.CoefficientOutOfRange,
                    $"coefficient {k} of limb {i} of {what}{value} not below its prime {q}; the data is corrupt (it is never reduced silently).");
            }
        }
    }

    /// <summary>Consumes the rest of the body into the hash (used when a field was bad, to judge the checksum).</summary>
    private void Drain()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(DrainChunk);
        try
        {
            while (_bodyRemaining > 0)
            {
                int take = (int)Math.Min((ulong)DrainChunk, _bodyRemaining);
                ReadExactly(buffer.AsSpan(0, take), "the body");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);      // may hold secret-key residues
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void VerifyChecksum(Exception? inner)
    {
        Span<byte> stored = stackalloc byte[FormatLayout.ChecksumLength];
        int got = Fill(stored);
        if (got < stored.Length)
            throw Error(CkksFormatProblem.Truncated, $"the input ends after {got} of the {FormatLayout.ChecksumLength} checksum bytes.", inner);
        Span<byte> actual = stackalloc byte[FormatLayout.ChecksumLength];
        _hash.GetHashAndReset(actual);
        if (!CryptographicOperations.FixedTimeEquals(stored, actual))
            throw Error(CkksFormatProblem.ChecksumMismatch, "the SHA-256 checksum does not match the header and body; the bytes were altered or damaged.", inner);
    }

    private int Fill(Span<byte> destination)
    {
        int got = _source.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        Position += got;
        return got;
    }

    public void Dispose() => _hash.Dispose();
}
