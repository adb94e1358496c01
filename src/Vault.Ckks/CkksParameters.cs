using System.Buffers.Binary;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks;

/// <summary>Validated CKKS parameters: the RLWE rings and key-switching gadget, the default scale, and the Id that
/// every key, plaintext and ciphertext carries. Primes are chosen as SEAL's <c>CoeffModulus::Create</c> does, from
/// one list LogQ ‖ LogP, so a set with one special prime matches SEAL's prime chain exactly.</summary>
public sealed class CkksParameters
{
    private CkksParameters(CkksParameterSpec spec, RlweParameters rlwe, bool isSecure)
    {
        Spec = spec;
        Rlwe = rlwe;
        IsSecure = isSecure;
    }

    /// <summary>Validates <paramref name="spec"/> and enforces its security level.</summary>
    /// <exception cref="ParameterException">The set is malformed, insecure, or asks for no security.</exception>
    public static CkksParameters Create(CkksParameterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Security == SecurityLevel.InsecureTestOnly)
            throw new ParameterException("Create: this spec is marked InsecureTestOnly; real data needs Security = Classical128 (use CreateInsecure only in tests).");
        if (spec.LogN is < HomomorphicEncryptionStandard.MinLogN or > HomomorphicEncryptionStandard.MaxLogN)
            throw new ParameterException($"Create: LogN={spec.LogN} outside [{HomomorphicEncryptionStandard.MinLogN}, {HomomorphicEncryptionStandard.MaxLogN}].");
        int logQP = SumBits(spec);
        int max = HomomorphicEncryptionStandard.MaxLogQP(spec.LogN, spec.Security);
        if (logQP > max)
            throw new ParameterException(
                $"Create: log2(QP)={logQP} bits is insecure for N=2^{spec.LogN} at {spec.Security}; at most {max} bits are allowed " +
                $"(drop primes from LogQ/LogP, use smaller primes, or raise LogN).");
        return Build(spec, isSecure: true);
    }

    /// <summary>Validates the structure only, without any security check. For fast tests; never for data.</summary>
    /// <exception cref="ParameterException">The set is malformed.</exception>
    public static CkksParameters CreateInsecure(CkksParameterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.LogN is < 1 or > HomomorphicEncryptionStandard.MaxLogN)
            throw new ParameterException($"CreateInsecure: LogN={spec.LogN} outside [1, {HomomorphicEncryptionStandard.MaxLogN}].");
        bool secure = spec.Security != SecurityLevel.InsecureTestOnly && spec.LogN >= HomomorphicEncryptionStandard.MinLogN
            && SumBits(spec) <= HomomorphicEncryptionStandard.MaxLogQP(spec.LogN, spec.Security);
        return Build(spec, secure);
    }

    /// <summary>The spec this set was built from.</summary>
    public CkksParameterSpec Spec { get; }

    /// <summary>The RLWE layer: rings, gadget, Id.</summary>
    public RlweParameters Rlwe { get; }

    /// <summary>True when the set meets its declared security level (always, unless built by <see cref="CreateInsecure"/>).</summary>
    public bool IsSecure { get; }

    /// <summary>Hash of the canonical encoding (scheme, ring, primes, gadget, secret, scale, security).</summary>
    public ParameterId Id => Rlwe.Id;

    /// <summary>log2(N).</summary>
    public int LogN => Rlwe.LogN;

    /// <summary>Ring degree N.</summary>
    public int N => Rlwe.N;

    /// <summary>Number of complex slots, N/2.</summary>
    public int Slots => Rlwe.N / 2;

    /// <summary>Top level L.</summary>
    public int MaxLevel => Rlwe.MaxLevel;

    /// <summary>Δ, the default scale.</summary>
    public double DefaultScale => Math.ScaleB(1.0, Spec.LogDefaultScale);

    /// <summary>Total bits of Q·P, the quantity the security standard bounds.</summary>
    public double LogQP
    {
        get
        {
            double bits = 0;
            foreach (ulong q in Rlwe.QPrimes) bits += Math.Log2(q);
            foreach (ulong p in Rlwe.PPrimes) bits += Math.Log2(p);
            return bits;
        }
    }

    /// <summary>Throws <see cref="ParameterMismatchException"/> unless <paramref name="id"/> is this set's.</summary>
    public void CheckId(ParameterId id, string operation) => Rlwe.CheckId(id, operation);

    private static int SumBits(CkksParameterSpec spec)
    {
        if (spec.LogQ.IsDefaultOrEmpty) throw new ParameterException("Create: LogQ needs at least one prime.");
        if (spec.LogP.IsDefaultOrEmpty) throw new ParameterException("Create: LogP needs at least one key-switching prime.");
        int total = 0;
        foreach (int b in spec.LogQ) total += b;
        foreach (int b in spec.LogP) total += b;
        return total;
    }

    private static CkksParameters Build(CkksParameterSpec spec, bool isSecure)
    {
        SumBits(spec);
        foreach (int b in spec.LogQ.Concat(spec.LogP))
            if (b is < 20 or > 61)
                throw new ParameterException($"Create: prime size {b} bits outside [20, 61].");
        if (spec.LogDefaultScale is < 1 or > 60)
            throw new ParameterException($"Create: LogDefaultScale={spec.LogDefaultScale} outside [1, 60].");
        int levels = spec.LogQ.Length;
        int dnum = spec.Dnum ?? (levels + spec.LogP.Length - 1) / spec.LogP.Length;
        ulong[] primes;
        try
        {
            primes = Primes.NttPrimes(spec.LogN, [.. spec.LogQ, .. spec.LogP]);
        }
        catch (ArgumentException e)
        {
            throw new ParameterException($"Create: {e.Message}", e);
        }
        Span<byte> scheme = stackalloc byte[16];
        "CKKS"u8.CopyTo(scheme);
        BinaryPrimitives.WriteInt32LittleEndian(scheme[4..], spec.LogDefaultScale);
        BinaryPrimitives.WriteInt32LittleEndian(scheme[8..], (int)spec.Security);
        BinaryPrimitives.WriteInt32LittleEndian(scheme[12..], isSecure ? 1 : 0);
        try
        {
            var rlwe = RlweParameters.Create(spec.LogN, primes.AsSpan(0, levels), primes.AsSpan(levels), dnum, spec.HammingWeight, scheme);
            return new CkksParameters(spec, rlwe, isSecure);
        }
        catch (ArgumentException e)
        {
            throw new ParameterException($"Create: {e.Message}", e);
        }
    }
}
