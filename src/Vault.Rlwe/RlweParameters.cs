using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Vault.Ring;

namespace Vault.Rlwe;

/// <summary>Validated RLWE parameters: the ring (ciphertext primes q_0..q_L and key-switching primes
/// p_0..p_(k−1)), the gadget decomposition for hybrid key switching, and the secret distribution.
/// Scheme layers (CKKS) build these through their own parameter type and add their fields to the Id.</summary>
/// <remarks>Immutable and thread-safe. Hybrid key switching (Han–Ki, eprint 2019/688; Kim et al., eprint
/// 2020/1203) splits the L + 1 ciphertext primes into <see cref="Dnum"/> digits of <see cref="DigitSize"/>
/// consecutive primes; with one special prime and one prime per digit it is SEAL's method.</remarks>
public sealed class RlweParameters
{
    private readonly ulong[] _qPrimes;
    private readonly ulong[] _pPrimes;
    private readonly ConcurrentDictionary<(int Level, int Digit), BasisConverter> _modUp = new();
    private readonly ConcurrentDictionary<int, BasisConverter> _modDown = new();
    private readonly ulong[][] _pModQ;         // [i] = P mod q_i, Shoup companion
    private readonly ulong[][] _pInvModQ;      // [i] = P^-1 mod q_i, Shoup companion

    private RlweParameters(RingContext ring, ulong[] qPrimes, ulong[] pPrimes, int digitSize, int hammingWeight, ParameterId id)
    {
        Ring = ring;
        _qPrimes = qPrimes;
        _pPrimes = pPrimes;
        DigitSize = digitSize;
        HammingWeight = hammingWeight;
        Id = id;
        _pModQ = new ulong[qPrimes.Length][];
        _pInvModQ = new ulong[qPrimes.Length][];
        var top = ring.Q(ring.MaxLevel);
        for (int i = 0; i < qPrimes.Length; i++)
        {
            var m = top.Moduli[i];
            ulong pMod = ring.P is null ? 1 : m.Reduce(ring.P.Product);
            ulong pInv = m.Inverse(pMod);
            _pModQ[i] = [pMod, m.ShoupPrecompute(pMod)];
            _pInvModQ[i] = [pInv, m.ShoupPrecompute(pInv)];
        }
    }

    /// <summary>Validates the structure (not the security: that is the scheme layer's job) and builds the tables.</summary>
    /// <param name="logN">log2 of the ring degree.</param>
    /// <param name="qPrimes">Ciphertext primes q_0..q_L.</param>
    /// <param name="pPrimes">Key-switching primes p_0..p_(k−1); at least one.</param>
    /// <param name="dnum">Number of gadget digits, 1 ≤ dnum ≤ L + 1; each digit holds ⌈(L+1)/dnum⌉ primes.</param>
    /// <param name="hammingWeight">Non-zero count of the ternary secret, or 0 for uniform ternary.</param>
    /// <param name="schemeEncoding">Scheme fields appended to the canonical encoding before hashing.</param>
    /// <exception cref="ArgumentException">The structure is invalid.</exception>
    public static RlweParameters Create(int logN, ReadOnlySpan<ulong> qPrimes, ReadOnlySpan<ulong> pPrimes, int dnum,
        int hammingWeight, ReadOnlySpan<byte> schemeEncoding)
    {
        if (pPrimes.IsEmpty) throw new ArgumentException("RlweParameters: at least one key-switching prime is required.", nameof(pPrimes));
        int levels = qPrimes.Length;
        if (dnum < 1 || dnum > levels)
            throw new ArgumentException($"RlweParameters: dnum={dnum} outside [1, {levels}] (one digit per ciphertext prime at most).", nameof(dnum));
        int digitSize = (levels + dnum - 1) / dnum;
        if ((levels + digitSize - 1) / digitSize != dnum)
            throw new ArgumentException($"RlweParameters: {levels} primes cannot be split into exactly {dnum} digits; try {(levels + digitSize - 1) / digitSize}.", nameof(dnum));
        if (hammingWeight < 0 || hammingWeight > (1 << logN))
            throw new ArgumentException($"RlweParameters: Hamming weight {hammingWeight} outside [0, N].", nameof(hammingWeight));
        var ring = RingContext.Create(logN, qPrimes, pPrimes);
        var id = ComputeId(logN, qPrimes, pPrimes, dnum, hammingWeight, schemeEncoding);
        return new RlweParameters(ring, qPrimes.ToArray(), pPrimes.ToArray(), digitSize, hammingWeight, id);
    }

    /// <summary>The rings and NTT tables.</summary>
    public RingContext Ring { get; }

    /// <summary>Ring degree N.</summary>
    public int N => Ring.N;

    /// <summary>log2(N).</summary>
    public int LogN => Ring.LogN;

    /// <summary>Highest ciphertext level L.</summary>
    public int MaxLevel => Ring.MaxLevel;

    /// <summary>Ciphertext primes q_0..q_L.</summary>
    public ReadOnlySpan<ulong> QPrimes => _qPrimes;

    /// <summary>Key-switching primes p_0..p_(k−1).</summary>
    public ReadOnlySpan<ulong> PPrimes => _pPrimes;

    /// <summary>Primes per gadget digit (α).</summary>
    public int DigitSize { get; }

    /// <summary>Number of gadget digits at the top level.</summary>
    public int Dnum => DigitCount(MaxLevel);

    /// <summary>Non-zero count of the secret, or 0 for uniform ternary.</summary>
    public int HammingWeight { get; }

    /// <summary>Hash of the canonical encoding.</summary>
    public ParameterId Id { get; }

    /// <summary>Number of gadget digits needed at level ℓ.</summary>
    public int DigitCount(int level) => (level + DigitSize) / DigitSize;

    /// <summary>ModUp converter of digit j at level ℓ: its primes → {q_0..q_ℓ, p_0..p_(k−1)}.</summary>
    internal BasisConverter ModUpConverter(int level, int digit) =>
        _modUp.GetOrAdd((level, digit), static (key, self) =>
        {
            int start = key.Digit * self.DigitSize;
            int count = Math.Min(self.DigitSize, key.Level + 1 - start);
            return new BasisConverter(self.Ring.Q(key.Level).Slice(start, count), self.Ring.QP(key.Level));
        }, this);

    /// <summary>ModDown converter at level ℓ: {p_0..p_(k−1)} → {q_0..q_ℓ}.</summary>
    internal BasisConverter ModDownConverter(int level) =>
        _modDown.GetOrAdd(level, static (l, self) => new BasisConverter(self.Ring.P!, self.Ring.Q(l)), this);

    /// <summary>(P mod q_i, Shoup companion).</summary>
    internal ReadOnlySpan<ulong> PModQ(int i) => _pModQ[i];

    /// <summary>(P^-1 mod q_i, Shoup companion).</summary>
    internal ReadOnlySpan<ulong> PInverseModQ(int i) => _pInvModQ[i];

    /// <summary>Throws <see cref="ParameterMismatchException"/> when <paramref name="id"/> is not this set's Id.</summary>
    public void CheckId(ParameterId id, string operation)
    {
        if (id != Id)
            throw new ParameterMismatchException($"{operation}: object was made under parameters {id}, not {Id}.");
    }

    private static ParameterId ComputeId(int logN, ReadOnlySpan<ulong> q, ReadOnlySpan<ulong> p, int dnum, int hammingWeight, ReadOnlySpan<byte> scheme)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> word = stackalloc byte[8];
        hash.AppendData("vault/rlwe-parameters/v1"u8);
        void Append(ulong v, Span<byte> buffer)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer, v);
            hash.AppendData(buffer);
        }
        Append((ulong)logN, word);
        Append((ulong)q.Length, word);
        foreach (ulong x in q) Append(x, word);
        Append((ulong)p.Length, word);
        foreach (ulong x in p) Append(x, word);
        Append((ulong)dnum, word);
        Append((ulong)hammingWeight, word);
        Append(BitConverter.DoubleToUInt64Bits(PolySampler.DefaultSigma), word);
        Append((ulong)scheme.Length, word);
        hash.AppendData(scheme);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return ParameterId.Read(digest);
    }
}
