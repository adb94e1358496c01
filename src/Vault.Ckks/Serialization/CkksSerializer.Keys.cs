using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks.Serialization;

public static partial class CkksSerializer
{
    private const string WriteSecretKeyOperation = "Write secret key";
    private const string ReadSecretKeyOperation = "Read secret key";
    private const string WritePublicKeyOperation = "Write public key";
    private const string ReadPublicKeyOperation = "Read public key";
    private const string WriteRelinearizationKeyOperation = "Write relinearization key";
    private const string ReadRelinearizationKeyOperation = "Read relinearization key";
    private const string WriteGaloisKeysOperation = "Write Galois keys";
    private const string ReadGaloisKeysOperation = "Read Galois keys";

    /// <summary>Writes s in NTT form over every prime {q_0..q_L, p_0..p_(k−1)}.</summary>
    /// <remarks>The output is the secret itself, unencrypted: protect files that hold it (owner-only permissions,
    /// encrypted storage) and never log them. On little-endian machines no intermediate copy is made; any temporary
    /// copy is zeroed. The caller owns the stream and whatever it buffers.</remarks>
    /// <exception cref="ParameterMismatchException">The key was made under other parameters.</exception>
    public static void Write(SecretKey key, CkksParameters parameters, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(destination);
        parameters.CheckId(key.ParameterId, WriteSecretKeyOperation);
        int limbs = QPCount(parameters);
        using var writer = new FormatWriter(destination, WriteSecretKeyOperation, CkksObjectKind.SecretKey, 0, parameters.Id,
            parameters.MaxLevel, 0.0, PolyBytes(parameters, limbs));
        writer.WritePoly(key.Poly, limbs, secret: true);
        writer.Finish();
    }

    /// <summary>Returns the serialized secret key. The array holds the secret: zero it
    /// (<see cref="System.Security.Cryptography.CryptographicOperations.ZeroMemory"/>) once it is stored.</summary>
    /// <inheritdoc cref="Write(SecretKey, CkksParameters, Stream)"/>
    public static byte[] Write(SecretKey key, CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.CheckId(key.ParameterId, WriteSecretKeyOperation);
        return ToArray(PolyBytes(parameters, QPCount(parameters)), s => Write(key, parameters, s), WriteSecretKeyOperation);
    }

    /// <summary>Reads a secret key made under <paramref name="parameters"/>. On any failure the partly read secret
    /// is wiped. Dispose the returned key when done with it.</summary>
    /// <exception cref="CkksFormatException">The input is corrupt, truncated, or of another kind or version.</exception>
    /// <exception cref="ParameterMismatchException">The key was made under other parameters.</exception>
    public static SecretKey ReadSecretKey(Stream source, CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parameters);
        using var reader = new FormatReader(source, ReadSecretKeyOperation);
        var header = ReadHeader(reader, CkksObjectKind.SecretKey, parameters);
        RequireFlags(reader, header, seeded: false);
        RequireKeyLevelAndScale(reader, header, parameters);
        int limbs = QPCount(parameters);
        RequireBodyLength(reader, header, PolyBytes(parameters, limbs), $"s over {limbs} primes");
        var basis = parameters.Rlwe.Ring.QP(parameters.MaxLevel);
        var poly = new RnsPoly(parameters.N, limbs);
        try
        {
            reader.ReadBody(header.BodyLength, r => r.ReadPoly(poly, basis, limbs, "s", secret: true));
            return SecretKey.FromNtt(parameters.Rlwe, poly);
        }
        catch
        {
            poly.Wipe();
            throw;
        }
    }

    /// <summary>Reads a secret key from an array holding exactly that object. The caller should zero the array after.</summary>
    /// <inheritdoc cref="ReadSecretKey(Stream, CkksParameters)"/>
    public static SecretKey ReadSecretKey(byte[] data, CkksParameters parameters) =>
        FromArray(data, s => ReadSecretKey(s, parameters), ReadSecretKeyOperation);

    /// <summary>Writes b over {q_0..q_L} and the 32-byte seed of a (seeded form: about half the size of (b, a)).</summary>
    /// <exception cref="ParameterMismatchException">The key was made under other parameters.</exception>
    public static void Write(PublicKey key, CkksParameters parameters, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(destination);
        parameters.CheckId(key.ParameterId, WritePublicKeyOperation);
        int limbs = parameters.MaxLevel + 1;
        using var writer = new FormatWriter(destination, WritePublicKeyOperation, CkksObjectKind.PublicKey, FormatLayout.SeededFlag,
            parameters.Id, parameters.MaxLevel, 0.0, PublicKeyBodyLength(parameters));
        writer.WriteBytes(key.Seed);
        writer.WritePoly(key.B, limbs, secret: false);
        writer.Finish();
    }

    /// <summary>Returns the serialized public key.</summary>
    /// <inheritdoc cref="Write(PublicKey, CkksParameters, Stream)"/>
    public static byte[] Write(PublicKey key, CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return ToArray(PublicKeyBodyLength(parameters), s => Write(key, parameters, s), WritePublicKeyOperation);
    }

    /// <summary>Reads a public key and re-expands a from its seed.</summary>
    /// <exception cref="CkksFormatException">The input is corrupt, truncated, or of another kind or version.</exception>
    /// <exception cref="ParameterMismatchException">The key was made under other parameters.</exception>
    public static PublicKey ReadPublicKey(Stream source, CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parameters);
        using var reader = new FormatReader(source, ReadPublicKeyOperation);
        var header = ReadHeader(reader, CkksObjectKind.PublicKey, parameters);
        RequireFlags(reader, header, seeded: true);
        RequireKeyLevelAndScale(reader, header, parameters);
        RequireBodyLength(reader, header, PublicKeyBodyLength(parameters), "a seed and b");
        int limbs = parameters.MaxLevel + 1;
        var basis = parameters.Rlwe.Ring.Q(parameters.MaxLevel);
        var seed = new byte[Prng.SeedLength];
        var b = new RnsPoly(parameters.N, limbs);
        reader.ReadBody(header.BodyLength, r =>
        {
            r.ReadExactly(seed, "the seed of a");
            r.ReadPoly(b, basis, limbs, "b", secret: false);
        });
        return PublicKey.FromSeed(parameters.Rlwe, b, seed);
    }

    /// <summary>Reads a public key from an array holding exactly that object.</summary>
    /// <inheritdoc cref="ReadPublicKey(Stream, CkksParameters)"/>
    public static PublicKey ReadPublicKey(byte[] data, CkksParameters parameters) =>
        FromArray(data, s => ReadPublicKey(s, parameters), ReadPublicKeyOperation);

    /// <summary>Writes the relinearization key: digit count, the seed of the a_j, and the b_j.</summary>
    /// <exception cref="ParameterMismatchException">The key was made under other parameters.</exception>
    public static void Write(RelinearizationKey key, CkksParameters parameters, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(destination);
        parameters.CheckId(key.ParameterId, WriteRelinearizationKeyOperation);
        CheckSwitchingKey(key.Key, parameters, WriteRelinearizationKeyOperation);
        using var writer = new FormatWriter(destination, WriteRelinearizationKeyOperation, CkksObjectKind.RelinearizationKey,
            FormatLayout.SeededFlag, parameters.Id, parameters.MaxLevel, 0.0, SwitchingKeyBodyLength(parameters));
        WriteSwitchingKey(writer, key.Key, parameters);
        writer.Finish();
    }

    /// <summary>Returns the serialized relinearization key.</summary>
    /// <inheritdoc cref="Write(RelinearizationKey, CkksParameters, Stream)"/>
    public static byte[] Write(RelinearizationKey key, CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return ToArray(SwitchingKeyBodyLength(parameters), s => Write(key, parameters, s), WriteRelinearizationKeyOperation);
    }

    /// <summary>Reads a relinearization key and re-expands the a_j from its seed.</summary>
    /// <exception cref="CkksFormatException">The input is corrupt, truncated, or of another kind or version.</exception>
    /// <exception cref="ParameterMismatchException">The key was made under other parameters.</exception>
    public static RelinearizationKey ReadRelinearizationKey(Stream source, CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parameters);
        using var reader = new FormatReader(source, ReadRelinearizationKeyOperation);
        var header = ReadHeader(reader, CkksObjectKind.RelinearizationKey, parameters);
        RequireFlags(reader, header, seeded: true);
        RequireKeyLevelAndScale(reader, header, parameters);
        RequireBodyLength(reader, header, SwitchingKeyBodyLength(parameters), $"a switching key of {parameters.Rlwe.Dnum} digits");
        SwitchingKeyParts parts = default;
        reader.ReadBody(header.BodyLength, r => parts = ReadSwitchingKey(r, parameters));
        return new RelinearizationKey(SwitchingKey.FromSeed(parameters.Rlwe, parts.B, parts.Seed));
    }

    /// <summary>Reads a relinearization key from an array holding exactly that object.</summary>
    /// <inheritdoc cref="ReadRelinearizationKey(Stream, CkksParameters)"/>
    public static RelinearizationKey ReadRelinearizationKey(byte[] data, CkksParameters parameters) =>
        FromArray(data, s => ReadRelinearizationKey(s, parameters), ReadRelinearizationKeyOperation);

    /// <summary>Writes the Galois keys in ascending order of Galois element: count, then per key the element, the
    /// digit count, the seed of the a_j and the b_j.</summary>
    /// <exception cref="ParameterMismatchException">The keys were made under other parameters.</exception>
    public static void Write(GaloisKeys keys, CkksParameters parameters, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(destination);
        parameters.CheckId(keys.ParameterId, WriteGaloisKeysOperation);
        var elements = keys.Elements;
        foreach (ulong g in elements) CheckSwitchingKey(keys[g], parameters, WriteGaloisKeysOperation);
        using var writer = new FormatWriter(destination, WriteGaloisKeysOperation, CkksObjectKind.GaloisKeys, FormatLayout.SeededFlag,
            parameters.Id, parameters.MaxLevel, 0.0, GaloisKeysBodyLength(parameters, elements.Count));
        writer.WriteInt32(elements.Count);
        foreach (ulong g in elements)
        {
            writer.WriteUInt64(g);
            WriteSwitchingKey(writer, keys[g], parameters);
        }
        writer.Finish();
    }

    /// <summary>Returns the serialized Galois keys.</summary>
    /// <inheritdoc cref="Write(GaloisKeys, CkksParameters, Stream)"/>
    public static byte[] Write(GaloisKeys keys, CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(parameters);
        return ToArray(GaloisKeysBodyLength(parameters, keys.Elements.Count), s => Write(keys, parameters, s), WriteGaloisKeysOperation);
    }

    /// <summary>Reads Galois keys and re-expands every key's a_j from its seed. Elements must be odd, below 2N and
    /// strictly ascending; there are at most N of them.</summary>
    /// <exception cref="CkksFormatException">The input is corrupt, truncated, or of another kind or version.</exception>
    /// <exception cref="ParameterMismatchException">The keys were made under other parameters.</exception>
    public static GaloisKeys ReadGaloisKeys(Stream source, CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(parameters);
        using var reader = new FormatReader(source, ReadGaloisKeysOperation);
        var header = ReadHeader(reader, CkksObjectKind.GaloisKeys, parameters);
        RequireFlags(reader, header, seeded: true);
        RequireKeyLevelAndScale(reader, header, parameters);
        ulong perKey = sizeof(ulong) + SwitchingKeyBodyLength(parameters);
        ulong countBytes = sizeof(int);
        if (header.BodyLength < countBytes || (header.BodyLength - countBytes) % perKey != 0
            || (header.BodyLength - countBytes) / perKey > (ulong)parameters.N)
            throw reader.Error(CkksFormatProblem.LengthMismatch,
                $"the header declares a {header.BodyLength}-byte body; Galois keys take {countBytes} + {perKey}·count bytes with count ≤ N = {parameters.N}.");
        int count = (int)((header.BodyLength - countBytes) / perKey);
        var elements = new ulong[count];
        var parts = new SwitchingKeyParts[count];
        ulong twoN = 2UL * (ulong)parameters.N;
        reader.ReadBody(header.BodyLength, r =>
        {
            int stored = r.ReadInt32("the key count");
            if (stored != count)
                throw r.Error(CkksFormatProblem.InvalidField, $"the key count is {stored}, but the body length holds {count} keys.");
            for (int k = 0; k < count; k++)
            {
                ulong g = r.ReadUInt64("a Galois element");
                if ((g & 1) == 0 || g >= twoN)
                    throw r.Error(CkksFormatProblem.InvalidField, $"Galois element {g} (key {k}) must be odd and below 2N = {twoN}.");
                if (k > 0 && g <= elements[k - 1])
                    throw r.Error(CkksFormatProblem.InvalidField, $"Galois element {g} (key {k}) does not follow {elements[k - 1]}; elements must be strictly ascending.");
                elements[k] = g;
                parts[k] = ReadSwitchingKey(r, parameters);
            }
        });
        var keys = new KeyValuePair<ulong, SwitchingKey>[count];
        for (int k = 0; k < count; k++)
            keys[k] = new(elements[k], SwitchingKey.FromSeed(parameters.Rlwe, parts[k].B, parts[k].Seed));
        return GaloisKeys.FromKeys(parameters.Rlwe, keys);
    }

    /// <summary>Reads Galois keys from an array holding exactly that object.</summary>
    /// <inheritdoc cref="ReadGaloisKeys(Stream, CkksParameters)"/>
    public static GaloisKeys ReadGaloisKeys(byte[] data, CkksParameters parameters) =>
        FromArray(data, s => ReadGaloisKeys(s, parameters), ReadGaloisKeysOperation);

    private static ulong PublicKeyBodyLength(CkksParameters parameters) =>
        Prng.SeedLength + PolyBytes(parameters, parameters.MaxLevel + 1);

    /// <summary>Digit count (i32), seed (32 bytes), then Dnum polys b_j over {q_0..q_L, p_0..p_(k−1)}.</summary>
    private static ulong SwitchingKeyBodyLength(CkksParameters parameters) =>
        sizeof(int) + Prng.SeedLength + (ulong)parameters.Rlwe.Dnum * PolyBytes(parameters, QPCount(parameters));

    private static ulong GaloisKeysBodyLength(CkksParameters parameters, int count) =>
        sizeof(int) + (ulong)count * (sizeof(ulong) + SwitchingKeyBodyLength(parameters));

    /// <summary>Checked before the header is written, so a caller bug never leaves half an object in the stream.</summary>
    private static void CheckSwitchingKey(SwitchingKey key, CkksParameters parameters, string operation)
    {
        parameters.CheckId(key.ParameterId, operation);
        if (key.DigitCount != parameters.Rlwe.Dnum)
            throw new ArgumentException($"{operation}: the key has {key.DigitCount} digits; the parameters use {parameters.Rlwe.Dnum}.", nameof(key));
    }

    private static void WriteSwitchingKey(FormatWriter writer, SwitchingKey key, CkksParameters parameters)
    {
        int limbs = QPCount(parameters);
        writer.WriteInt32(key.DigitCount);
        writer.WriteBytes(key.Seed);
        for (int j = 0; j < key.DigitCount; j++) writer.WritePoly(key.B[j], limbs, secret: false);
    }

    private static SwitchingKeyParts ReadSwitchingKey(FormatReader reader, CkksParameters parameters)
    {
        int digits = reader.ReadInt32("the digit count");
        if (digits != parameters.Rlwe.Dnum)
            throw reader.Error(CkksFormatProblem.InvalidField, $"the switching key has {digits} digits; the parameters use Dnum = {parameters.Rlwe.Dnum}.");
        var seed = new byte[Prng.SeedLength];
        reader.ReadExactly(seed, "the seed of the a_j");
        int limbs = QPCount(parameters);
        var basis = parameters.Rlwe.Ring.QP(parameters.MaxLevel);
        var b = new RnsPoly[digits];
        for (int j = 0; j < digits; j++)
        {
            b[j] = new RnsPoly(parameters.N, limbs);
            reader.ReadPoly(b[j], basis, limbs, $"b_{j}", secret: false);
        }
        return new SwitchingKeyParts(b, seed);
    }

    private readonly record struct SwitchingKeyParts(RnsPoly[] B, byte[] Seed);
}
