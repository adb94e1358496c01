using Vault.Rlwe;

namespace Vault.Ckks.Serialization;

/// <summary>The versioned binary format for CKKS parameters, keys, plaintexts and ciphertexts, specified in
/// <c>proofs/formats/ckks-binary-format.md</c>: a 60-byte header (magic "VLTK", format version, object kind, flags,
/// parameter Id, level, scale, body length), a kind-specific body of little-endian fields and u64 coefficients, and a
/// SHA-256 over header and body. Uniform polynomials (a of a public key, the a_j of switching keys, c_1 of a fresh
/// symmetric ciphertext) travel as their 32-byte seed.</summary>
/// <remarks>
/// <para>Every <c>Write</c> comes as <c>Write(value, …, destination)</c> onto a caller's stream and as
/// <c>Write(value, …)</c> returning exactly the bytes of one object. Every <c>Read…</c> takes a stream (it consumes
/// one object and nothing after it) or a byte array (which must hold exactly one object).</para>
/// <para>Reading never returns a wrong result: corrupt, truncated or foreign input raises
/// <see cref="CkksFormatException"/> with a <see cref="CkksFormatException.Problem"/> code, and an object made under
/// other parameters raises <see cref="ParameterMismatchException"/> naming both Ids. Sizes are checked against what
/// the parameters imply before anything large is allocated. Writing is not atomic on its own: when writing a file,
/// write to a temporary file in the same directory and rename it over the target once the stream is flushed.</para>
/// <para>Stateless and thread-safe. Operations are synchronous: wrap an async stream's bytes in a
/// <see cref="MemoryStream"/> or call from a worker.</para>
/// </remarks>
public static partial class CkksSerializer
{
    /// <summary>The format version this code writes and the only one it reads.</summary>
    public const ushort FormatVersion = FormatLayout.Version;

    /// <summary>Bytes of the fixed header.</summary>
    public const int HeaderLength = FormatLayout.HeaderLength;

    /// <summary>Bytes of the trailing SHA-256 checksum.</summary>
    public const int ChecksumLength = FormatLayout.ChecksumLength;

    /// <summary>Largest number of primes (|Q| + |P|) a parameter object may hold; a reader limit that bounds the work
    /// of rebuilding untrusted parameters (every secure set has fewer than 90).</summary>
    public const int MaxPrimeCount = 128;

    private static FormatHeader ReadHeader(FormatReader reader, CkksObjectKind kind, CkksParameters parameters)
    {
        var header = reader.ReadHeader(kind);
        parameters.CheckId(header.Id, reader.Operation);
        return header;
    }

    private static void RequireFlags(FormatReader reader, FormatHeader header, bool seeded)
    {
        if (header.IsSeeded != seeded)
            throw reader.Error(CkksFormatProblem.InvalidField, seeded
                ? "the seeded flag is clear, but version 1 stores this kind only in seeded form."
                : "the seeded flag is set, but this kind has no seeded form.");
    }

    /// <summary>Keys live at the top level and have no scale: level must be L and the scale field 0.</summary>
    private static void RequireKeyLevelAndScale(FormatReader reader, FormatHeader header, CkksParameters parameters)
    {
        if (header.Level != parameters.MaxLevel)
            throw reader.Error(CkksFormatProblem.InvalidField, $"level {header.Level}; keys are stored at the top level {parameters.MaxLevel}.");
        if (BitConverter.DoubleToUInt64Bits(header.Scale) != 0)
            throw reader.Error(CkksFormatProblem.InvalidField, $"scale {header.Scale}; keys have no scale and the field must be 0.");
    }

    private static int RequireLevel(FormatReader reader, FormatHeader header, CkksParameters parameters)
    {
        if (header.Level < 0 || header.Level > parameters.MaxLevel)
            throw reader.Error(CkksFormatProblem.InvalidField, $"level {header.Level} outside [0, {parameters.MaxLevel}].");
        return header.Level;
    }

    private static double RequireScale(FormatReader reader, FormatHeader header)
    {
        if (!double.IsFinite(header.Scale) || header.Scale <= 0)
            throw reader.Error(CkksFormatProblem.InvalidField, $"scale {header.Scale} is not a finite positive number.");
        return header.Scale;
    }

    private static void RequireBodyLength(FormatReader reader, FormatHeader header, ulong expected, string shape)
    {
        if (header.BodyLength != expected)
            throw reader.Error(CkksFormatProblem.LengthMismatch, $"the header declares a {header.BodyLength}-byte body; {shape} takes {expected} bytes.");
    }

    /// <summary>Refuses to write a scale no reader would accept (caller bug, caught before the header is written).</summary>
    private static void CheckWritableScale(double scale, string operation)
    {
        if (!double.IsFinite(scale) || scale <= 0)
            throw new ArgumentException($"{operation}: scale {scale} is not a finite positive number.", nameof(scale));
    }

    /// <summary>Bytes of <paramref name="limbs"/> limbs of N u64 residues.</summary>
    private static ulong PolyBytes(CkksParameters parameters, int limbs) => (ulong)limbs * (ulong)parameters.N * sizeof(ulong);

    private static int QPCount(CkksParameters parameters) => parameters.MaxLevel + 1 + parameters.Rlwe.Ring.PCount;

    /// <summary>Serializes into a new array of exactly <paramref name="bodyLength"/> + header + checksum bytes. The
    /// stream wraps that array and never reallocates, so no stray copy of (secret) bytes is left behind.</summary>
    private static byte[] ToArray(ulong bodyLength, Action<Stream> write, string operation)
    {
        ulong total = bodyLength + HeaderLength + ChecksumLength;
        if (total > (ulong)Array.MaxLength)
            throw new InvalidOperationException($"{operation}: {total} bytes do not fit in one array; write to a stream instead.");
        var buffer = new byte[total];
        using (var stream = new MemoryStream(buffer, writable: true)) write(stream);
        return buffer;
    }

    /// <summary>Reads one object from <paramref name="data"/>, which must hold nothing else.</summary>
    private static T FromArray<T>(byte[] data, Func<Stream, T> read, string operation)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var stream = new MemoryStream(data, writable: false);
        T value = read(stream);
        if (stream.Position != data.Length)
        {
            (value as IDisposable)?.Dispose();
            throw new CkksFormatException(CkksFormatProblem.LengthMismatch,
                $"{operation}: {data.Length - stream.Position} bytes follow the object's checksum; the input must hold exactly one object.");
        }
        return value;
    }
}
