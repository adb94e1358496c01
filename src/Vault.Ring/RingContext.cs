using System.Collections.Concurrent;

namespace Vault.Ring;

/// <summary>The rings Z_Q[X]/(X^N + 1) and Z_QP[X]/(X^N + 1) of an RLWE scheme: the ciphertext primes
/// q_0..q_L, the key-switching primes p_0..p_(k−1), their NTT tables, and one <see cref="RnsBasis"/> per level.
/// A level ℓ is a view of the first ℓ + 1 primes, never a copy. Immutable and thread-safe.</summary>
public sealed class RingContext
{
    private readonly RnsBasis[] _q;       // _q[ℓ] = {q_0..q_ℓ}
    private readonly RnsBasis[] _qp;      // _qp[ℓ] = {q_0..q_ℓ, p_0..p_(k−1)}
    private readonly ConcurrentDictionary<ulong, int[]> _automorphisms = new();
    private readonly ConcurrentDictionary<ulong, (int[] Source, ulong[] Negate)> _coefficientAutomorphisms = new();

    private RingContext(int logN, NttTable[] qTables, NttTable[] pTables)
    {
        LogN = logN;
        N = 1 << logN;
        _q = new RnsBasis[qTables.Length];
        _qp = new RnsBasis[qTables.Length];
        for (int level = 0; level < qTables.Length; level++)
        {
            _q[level] = new RnsBasis(qTables[..(level + 1)]);
            _qp[level] = pTables.Length == 0 ? _q[level] : new RnsBasis([.. qTables[..(level + 1)], .. pTables]);
        }
        P = pTables.Length == 0 ? null : new RnsBasis(pTables);
    }

    /// <summary>Builds the tables for N = 2^<paramref name="logN"/>, primes q_i and special primes p_j.</summary>
    /// <exception cref="ArgumentException">A prime is not NTT-friendly for N, or a prime repeats.</exception>
    public static RingContext Create(int logN, ReadOnlySpan<ulong> qPrimes, ReadOnlySpan<ulong> pPrimes)
    {
        if (qPrimes.IsEmpty) ThrowHelper.ThrowArgument(nameof(qPrimes), "RingContext: at least one ciphertext prime is needed.");
        var q = new NttTable[qPrimes.Length];
        for (int i = 0; i < q.Length; i++) q[i] = new NttTable(logN, new Modulus(qPrimes[i]));
        var p = new NttTable[pPrimes.Length];
        for (int i = 0; i < p.Length; i++) p[i] = new NttTable(logN, new Modulus(pPrimes[i]));
        var context = new RingContext(logN, q, p);
        _ = context.QP(context.MaxLevel);      // validates that all primes are distinct
        return context;
    }

    /// <summary>Ring degree N.</summary>
    public int N { get; }

    /// <summary>log2(N).</summary>
    public int LogN { get; }

    /// <summary>Highest level L (the number of ciphertext primes minus one).</summary>
    public int MaxLevel => _q.Length - 1;

    /// <summary>Number of key-switching primes k (0 when there are none).</summary>
    public int PCount => P?.Count ?? 0;

    /// <summary>The key-switching basis {p_0..p_(k−1)}, or null when there is none.</summary>
    public RnsBasis? P { get; }

    /// <summary>The basis {q_0..q_ℓ} of level ℓ.</summary>
    public RnsBasis Q(int level) => _q[level];

    /// <summary>The basis {q_0..q_ℓ, p_0..p_(k−1)} of level ℓ (equal to <see cref="Q"/> when k = 0).</summary>
    public RnsBasis QP(int level) => _qp[level];

    /// <summary>The permutation of NTT slots that applies X ↦ X^g: out[k] = in[perm[k]].
    /// g must be odd. Cached per g.</summary>
    public ReadOnlySpan<int> AutomorphismNttIndex(ulong galoisElement)
    {
        if ((galoisElement & 1) == 0 || galoisElement >= 2UL * (ulong)N)
            ThrowHelper.ThrowArgument(nameof(galoisElement), $"Automorphism: Galois element {galoisElement} must be odd and below 2N.");
        return _automorphisms.GetOrAdd(galoisElement, static (g, ctx) => ctx.BuildAutomorphism(g), this);
    }

    /// <summary>dst = φ_g(a) for a poly in NTT form over the first <paramref name="limbCount"/> limbs.
    /// <paramref name="destination"/> must not alias <paramref name="a"/>.</summary>
    public void AutomorphismNtt(RnsPoly a, ulong galoisElement, RnsPoly destination, int limbCount)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(destination);
        if (ReferenceEquals(a, destination)) ThrowHelper.ThrowArgument(nameof(destination), "Automorphism: destination aliases input.");
        ReadOnlySpan<int> index = AutomorphismNttIndex(galoisElement);
        for (int i = 0; i < limbCount; i++) ModularKernels.Gather(a.Limb(i), index, destination.Limb(i));
    }

    /// <summary>X ↦ X^g on coefficients: out[m] = ±in[source[m]], negated where <c>Negate[m]</c> is all ones (0 elsewhere).
    /// g must be odd and below 2N. Cached per g.</summary>
    internal (int[] Source, ulong[] Negate) AutomorphismCoefficientMap(ulong galoisElement)
    {
        _ = AutomorphismNttIndex(galoisElement);   // validates g
        return _coefficientAutomorphisms.GetOrAdd(galoisElement, static (g, n) =>
        {
            var source = new int[n];
            var negate = new ulong[n];
            ulong mask = 2UL * (ulong)n - 1;
            for (int k = 0; k < n; k++)
            {
                ulong e = ((ulong)k * g) & mask;                           // X^k ↦ X^e, and X^N = −1
                int m = (int)(e % (ulong)n);
                source[m] = k;
                negate[m] = e >= (ulong)n ? ulong.MaxValue : 0;
            }
            return (source, negate);
        }, N);
    }

    private int[] BuildAutomorphism(ulong g)
    {
        ulong mask = 2UL * (ulong)N - 1;
        var index = new int[N];
        for (int k = 0; k < N; k++)
        {
            ulong exponent = 2UL * (ulong)NttTable.BitReverse(k, LogN) + 1;
            ulong mapped = (exponent * g) & mask;
            index[k] = NttTable.BitReverse((int)(mapped >> 1), LogN);
        }
        return index;
    }
}
