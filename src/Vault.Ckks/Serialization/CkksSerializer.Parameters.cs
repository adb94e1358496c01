namespace Vault.Ckks.Serialization;

public static partial class CkksSerializer
{
    private const string WriteParametersOperation = "Write parameters";
    private const string ReadParametersOperation = "Read parameters";

    /// <summary>Writes the spec (LogN, LogQ, LogP, LogDefaultScale, resolved Dnum, HammingWeight, Security), the primes
    /// it produced and, in the header, the Id, top level L and default scale.</summary>
    /// <exception cref="ArgumentException">The set has more than <see cref="MaxPrimeCount"/> primes.</exception>
    public static void Write(CkksParameters parameters, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(destination);
        var rlwe = parameters.Rlwe;
        var spec = parameters.Spec;
        using var writer = new FormatWriter(destination, WriteParametersOperation, CkksObjectKind.Parameters, 0, parameters.Id,
            parameters.MaxLevel, parameters.DefaultScale, ParametersBodyLength(parameters));
        writer.WriteInt32(spec.LogN);
        writer.WriteInt32(spec.LogDefaultScale);
        writer.WriteInt32(rlwe.Dnum);
        writer.WriteInt32(spec.HammingWeight);
        writer.WriteInt32((int)spec.Security);
        writer.WriteInt32(spec.LogQ.Length);
        foreach (int bits in spec.LogQ) writer.WriteInt32(bits);
        writer.WriteInt32(spec.LogP.Length);
        foreach (int bits in spec.LogP) writer.WriteInt32(bits);
        foreach (ulong q in rlwe.QPrimes) writer.WriteUInt64(q);
        foreach (ulong p in rlwe.PPrimes) writer.WriteUInt64(p);
        writer.Finish();
    }

    /// <summary>Returns the serialized parameters.</summary>
    /// <exception cref="ArgumentException">The set has more than <see cref="MaxPrimeCount"/> primes.</exception>
    public static byte[] Write(CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return ToArray(ParametersBodyLength(parameters), s => Write(parameters, s), WriteParametersOperation);
    }

    /// <summary>Reads a spec and rebuilds the parameters with <see cref="CkksParameters.Create"/> (or, only when
    /// <paramref name="allowInsecure"/> is true, <see cref="CkksParameters.CreateInsecure"/>), then checks that the
    /// rebuilt primes, Id, top level and default scale equal the stored ones.</summary>
    /// <param name="source">Stream positioned at the object; exactly the object's bytes are consumed.</param>
    /// <param name="allowInsecure">Accept sets that fail their security check. For tests only.</param>
    /// <exception cref="CkksFormatException">The input is corrupt, truncated, of another kind or version, or does not
    /// rebuild to the stored primes and Id (<see cref="CkksFormatProblem.InconsistentParameters"/>).</exception>
    /// <exception cref="ParameterException">The stored spec is invalid, or insecure and <paramref name="allowInsecure"/> is false.</exception>
    public static CkksParameters ReadParameters(Stream source, bool allowInsecure = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var reader = new FormatReader(source, ReadParametersOperation);
        var header = reader.ReadHeader(CkksObjectKind.Parameters);
        RequireFlags(reader, header, seeded: false);
        if (header.Level < 0 || header.Level > MaxPrimeCount - 2)
            throw reader.Error(CkksFormatProblem.InvalidField, $"level {header.Level} outside [0, {MaxPrimeCount - 2}].");
        RequireScale(reader, header);
        ulong fixedBytes = FormatLayout.ParametersFixedBytes, perPrime = FormatLayout.ParametersBytesPerPrime;
        if (header.BodyLength < fixedBytes + 2 * perPrime || header.BodyLength > fixedBytes + MaxPrimeCount * perPrime
            || (header.BodyLength - fixedBytes) % perPrime != 0)
            throw reader.Error(CkksFormatProblem.LengthMismatch,
                $"the header declares a {header.BodyLength}-byte body; parameters take {fixedBytes} + {perPrime}·(|Q| + |P|) bytes with 2 ≤ |Q| + |P| ≤ {MaxPrimeCount}.");
        int primeCount = (int)((header.BodyLength - fixedBytes) / perPrime);

        int logN = 0, logScale = 0, dnum = 0, hammingWeight = 0, security = 0;
        int[] logQ = [], logP = [];
        ulong[] qPrimes = [], pPrimes = [];
        reader.ReadBody(header.BodyLength, r =>
        {
            logN = r.ReadInt32("LogN");
            logScale = r.ReadInt32("LogDefaultScale");
            dnum = r.ReadInt32("Dnum");
            hammingWeight = r.ReadInt32("HammingWeight");
            security = r.ReadInt32("Security");
            int qCount = r.ReadInt32("|Q|");
            if (qCount < 1 || qCount > primeCount - 1)
                throw r.Error(CkksFormatProblem.InvalidField, $"|Q| = {qCount} outside [1, {primeCount - 1}] (the body holds {primeCount} primes).");
            if (qCount != header.Level + 1)
                throw r.Error(CkksFormatProblem.InvalidField, $"|Q| = {qCount} primes, but the header level is {header.Level}.");
            logQ = new int[qCount];
            for (int i = 0; i < qCount; i++) logQ[i] = r.ReadInt32("LogQ");
            int pCount = r.ReadInt32("|P|");
            if (pCount != primeCount - qCount)
                throw r.Error(CkksFormatProblem.InvalidField, $"|P| = {pCount}, but the body length leaves room for {primeCount - qCount} key-switching primes.");
            logP = new int[pCount];
            for (int i = 0; i < pCount; i++) logP[i] = r.ReadInt32("LogP");
            qPrimes = new ulong[qCount];
            for (int i = 0; i < qCount; i++) qPrimes[i] = r.ReadUInt64("a ciphertext prime");
            pPrimes = new ulong[pCount];
            for (int i = 0; i < pCount; i++) pPrimes[i] = r.ReadUInt64("a key-switching prime");
            if (logN is < 1 or > HomomorphicEncryptionStandard.MaxLogN)
                throw r.Error(CkksFormatProblem.InvalidField, $"LogN = {logN} outside [1, {HomomorphicEncryptionStandard.MaxLogN}].");
            if (!Enum.IsDefined((SecurityLevel)security))
                throw r.Error(CkksFormatProblem.InvalidField, $"Security = {security} is not a known security level.");
            if (dnum < 1 || dnum > qCount)
                throw r.Error(CkksFormatProblem.InvalidField, $"Dnum = {dnum} outside [1, |Q| = {qCount}].");
        });

        var spec = new CkksParameterSpec
        {
            LogN = logN,
            LogQ = [.. logQ],
            LogP = [.. logP],
            LogDefaultScale = logScale,
            Dnum = dnum,
            HammingWeight = hammingWeight,
            Security = (SecurityLevel)security,
        };
        CkksParameters parameters;
        try
        {
            parameters = allowInsecure ? CkksParameters.CreateInsecure(spec) : CkksParameters.Create(spec);
        }
        catch (ParameterException e)
        {
            throw new ParameterException($"{ReadParametersOperation}: {e.Message}", e);
        }
        CheckRebuilt(reader, "ciphertext prime", parameters.Rlwe.QPrimes, qPrimes);
        CheckRebuilt(reader, "key-switching prime", parameters.Rlwe.PPrimes, pPrimes);
        if (parameters.Rlwe.Dnum != dnum)
            throw reader.Error(CkksFormatProblem.InconsistentParameters, $"the spec rebuilds with {parameters.Rlwe.Dnum} gadget digits, not the stored {dnum}.");
        if (parameters.Id != header.Id)
            throw reader.Error(CkksFormatProblem.InconsistentParameters, $"the spec rebuilds to parameter Id {parameters.Id}, not the stored {header.Id}.");
        if (BitConverter.DoubleToUInt64Bits(parameters.DefaultScale) != BitConverter.DoubleToUInt64Bits(header.Scale))
            throw reader.Error(CkksFormatProblem.InconsistentParameters, $"the header scale {header.Scale} is not the default scale 2^{logScale}.");
        return parameters;
    }

    /// <summary>Reads parameters from an array holding exactly one parameters object.</summary>
    /// <inheritdoc cref="ReadParameters(Stream, bool)"/>
    public static CkksParameters ReadParameters(byte[] data, bool allowInsecure = false) =>
        FromArray(data, s => ReadParameters(s, allowInsecure), ReadParametersOperation);

    private static ulong ParametersBodyLength(CkksParameters parameters)
    {
        int primes = parameters.Rlwe.QPrimes.Length + parameters.Rlwe.PPrimes.Length;
        if (primes > MaxPrimeCount)
            throw new ArgumentException($"{WriteParametersOperation}: {primes} primes exceed the format's limit of {MaxPrimeCount}.", nameof(parameters));
        return FormatLayout.ParametersFixedBytes + (ulong)primes * FormatLayout.ParametersBytesPerPrime;
    }

    private static void CheckRebuilt(FormatReader reader, string what, ReadOnlySpan<ulong> rebuilt, ReadOnlySpan<ulong> stored)
    {
        for (int i = 0; i < stored.Length; i++)
            if (rebuilt[i] != stored[i])
                throw reader.Error(CkksFormatProblem.InconsistentParameters,
                    $"{what} {i} rebuilds to {rebuilt[i]}, but {stored[i]} is stored; the prime generator changed or the data was altered.");
    }
}
