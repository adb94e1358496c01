using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks.Serialization;

public static partial class CkksSerializer
{
    private const string WritePlaintextOperation = "Write plaintext";
    private const string ReadPlaintextOperation = "Read plaintext";
    private const string WriteCiphertextOperation = "Write ciphertext";
    private const string ReadCiphertextOperation = "Read ciphertext";

    /// <summary>Writes m over {q_0..q_ℓ} in NTT form, with its level and scale in the header.</summary>
    /// <exception cref="ParameterMismatchException">The plaintext was made under other parameters.</exception>
    public static void Write(Plaintext plaintext, CkksParameters parameters, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(destination);
        parameters.CheckId(plaintext.ParameterId, WritePlaintextOperation);
        CheckWritableScale(plaintext.Scale, WritePlaintextOperation);
        int limbs = plaintext.Level + 1;
        using var writer = new FormatWriter(destination, WritePlaintextOperation, CkksObjectKind.Plaintext, 0, parameters.Id,
            plaintext.Level, plaintext.Scale, PolyBytes(parameters, limbs));
        writer.WritePoly(plaintext.Poly, limbs, secret: false);
        writer.Finish();
    }

    /// <summary>Returns the serialized plaintext.</summary>
    /// <inheritdoc cref="Write(Plaintext, CkksParameters, Stream)"/>
    public static byte[] Write(Plaintext plaintext, CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.CheckId(plaintext.ParameterId, WritePlaintextOperation);
        CheckWritableScale(plaintext.Scale, WritePlaintextOperation);
        return ToArray(PolyBytes(parameters, plaintext.Level + 1), s => Write(plaintext, parameters, s), WritePlaintextOperation);
    }

    /// <summary>Reads a plaintext made under <paramref name="parameters"/>.</summary>
    /// <exception cref="CkksFormatException">The input is corrupt, truncated, or of another kind or version.</exception>
    /// <exception cref="ParameterMismatchException">The plaintext was made under other parameters.</exception>
    public static Plaintext ReadPlaintext(Stream source, CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parameters);
        using var reader = new FormatReader(source, ReadPlaintextOperation);
        var header = ReadHeader(reader, CkksObjectKind.Plaintext, parameters);
        RequireFlags(reader, header, seeded: false);
        int level = RequireLevel(reader, header, parameters);
        double scale = RequireScale(reader, header);
        RequireBodyLength(reader, header, PolyBytes(parameters, level + 1), $"m at level {level}");
        var plaintext = new Plaintext(parameters.Rlwe, level, scale);
        var basis = parameters.Rlwe.Ring.Q(level);
        reader.ReadBody(header.BodyLength, r => r.ReadPoly(plaintext.Poly, basis, level + 1, "m", secret: false));
        return plaintext;
    }

    /// <summary>Reads a plaintext from an array holding exactly that object.</summary>
    /// <inheritdoc cref="ReadPlaintext(Stream, CkksParameters)"/>
    public static Plaintext ReadPlaintext(byte[] data, CkksParameters parameters) =>
        FromArray(data, s => ReadPlaintext(s, parameters), ReadPlaintextOperation);

    /// <summary>Writes a ciphertext: its size (2 or 3) and parts over {q_0..q_ℓ}, level and scale in the header.
    /// A fresh symmetric encryption (<see cref="Ciphertext.Seed"/> set, two parts) is written seeded, as c_0 and the
    /// 32-byte seed of c_1, about half the size; this form is used only after checking that the seed still expands to
    /// c_1 exactly, otherwise c_1 is written in full.</summary>
    /// <exception cref="ParameterMismatchException">The ciphertext was made under other parameters.</exception>
    public static void Write(Ciphertext ciphertext, CkksParameters parameters, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(destination);
        parameters.CheckId(ciphertext.ParameterId, WriteCiphertextOperation);
        CheckWritableScale(ciphertext.Scale, WriteCiphertextOperation);
        WriteCiphertext(ciphertext, parameters, destination, SeedReproducesC1(ciphertext, parameters));
    }

    /// <summary>Returns the serialized ciphertext.</summary>
    /// <inheritdoc cref="Write(Ciphertext, CkksParameters, Stream)"/>
    public static byte[] Write(Ciphertext ciphertext, CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.CheckId(ciphertext.ParameterId, WriteCiphertextOperation);
        CheckWritableScale(ciphertext.Scale, WriteCiphertextOperation);
        bool seeded = SeedReproducesC1(ciphertext, parameters);
        return ToArray(CiphertextBodyLength(parameters, ciphertext.Level, ciphertext.Size, seeded),
            s => WriteCiphertext(ciphertext, parameters, s, seeded), WriteCiphertextOperation);
    }

    /// <summary>Reads a ciphertext made under <paramref name="parameters"/>. A seeded one gets c_1 re-expanded from
    /// its seed and keeps the seed, so writing it again gives the same bytes.</summary>
    /// <exception cref="CkksFormatException">The input is corrupt, truncated, or of another kind or version.</exception>
    /// <exception cref="ParameterMismatchException">The ciphertext was made under other parameters.</exception>
    public static Ciphertext ReadCiphertext(Stream source, CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parameters);
        using var reader = new FormatReader(source, ReadCiphertextOperation);
        var header = ReadHeader(reader, CkksObjectKind.Ciphertext, parameters);
        int level = RequireLevel(reader, header, parameters);
        double scale = RequireScale(reader, header);
        bool seeded = header.IsSeeded;
        // The size is the body's first byte; the body length alone tells which sizes are possible.
        int size = 0;
        for (int candidate = 2; candidate <= Ciphertext.MaxSize; candidate++)
            if ((!seeded || candidate == 2) && header.BodyLength == CiphertextBodyLength(parameters, level, candidate, seeded))
                size = candidate;
        if (size == 0)
            throw reader.Error(CkksFormatProblem.LengthMismatch, seeded
                ? $"the header declares a {header.BodyLength}-byte body; a seeded ciphertext at level {level} takes {CiphertextBodyLength(parameters, level, 2, true)} bytes."
                : $"the header declares a {header.BodyLength}-byte body; a ciphertext at level {level} takes {CiphertextBodyLength(parameters, level, 2, false)} (2 parts) or {CiphertextBodyLength(parameters, level, 3, false)} (3 parts) bytes.");
        var ciphertext = new Ciphertext(parameters.Rlwe, level, scale, size);
        var basis = parameters.Rlwe.Ring.Q(level);
        byte[]? seed = seeded ? new byte[Prng.SeedLength] : null;
        reader.ReadBody(header.BodyLength, r =>
        {
            int stored = r.ReadByte("the size");
            if (stored != size)
                throw r.Error(CkksFormatProblem.InvalidField, stored is < 2 or > Ciphertext.MaxSize
                    ? $"size {stored}; a ciphertext has 2 or 3 parts."
                    : $"size {stored}, but the body length fits {size} parts.");
            r.ReadPoly(ciphertext[0], basis, level + 1, "c_0", secret: false);
            if (seed is not null)
            {
                r.ReadExactly(seed, "the seed of c_1");
                return;
            }
            for (int i = 1; i < size; i++) r.ReadPoly(ciphertext[i], basis, level + 1, $"c_{i}", secret: false);
        });
        if (seed is not null)
        {
            KeyGenerator.ExpandUniform(seed, basis, ciphertext[1]);
            ciphertext.Seed = seed;
        }
        return ciphertext;
    }

    /// <summary>Reads a ciphertext from an array holding exactly that object.</summary>
    /// <inheritdoc cref="ReadCiphertext(Stream, CkksParameters)"/>
    public static Ciphertext ReadCiphertext(byte[] data, CkksParameters parameters) =>
        FromArray(data, s => ReadCiphertext(s, parameters), ReadCiphertextOperation);

    /// <summary>Size (u8), then c_0 and the 32-byte seed of c_1 when seeded, else every part.</summary>
    private static ulong CiphertextBodyLength(CkksParameters parameters, int level, int size, bool seeded) =>
        1 + (seeded ? PolyBytes(parameters, level + 1) + Prng.SeedLength : (ulong)size * PolyBytes(parameters, level + 1));

    private static void WriteCiphertext(Ciphertext ciphertext, CkksParameters parameters, Stream destination, bool seeded)
    {
        int level = ciphertext.Level, size = ciphertext.Size;
        using var writer = new FormatWriter(destination, WriteCiphertextOperation, CkksObjectKind.Ciphertext,
            seeded ? FormatLayout.SeededFlag : (byte)0, parameters.Id, level, ciphertext.Scale,
            CiphertextBodyLength(parameters, level, size, seeded));
        writer.WriteByte((byte)size);
        writer.WritePoly(ciphertext[0], level + 1, secret: false);
        if (seeded) writer.WriteBytes(ciphertext.Seed);
        else for (int i = 1; i < size; i++) writer.WritePoly(ciphertext[i], level + 1, secret: false);
        writer.Finish();
    }

    /// <summary>True when the ciphertext has two parts and a 32-byte seed that expands to its c_1 exactly.</summary>
    private static bool SeedReproducesC1(Ciphertext ciphertext, CkksParameters parameters)
    {
        if (ciphertext.Seed is not { Length: Prng.SeedLength } seed || ciphertext.Size != 2) return false;
        int level = ciphertext.Level;
        var expanded = new RnsPoly(parameters.N, level + 1);
        KeyGenerator.ExpandUniform(seed, parameters.Rlwe.Ring.Q(level), expanded);
        return expanded.Coefficients.SequenceEqual(ciphertext[1].Coefficients);
    }
}
