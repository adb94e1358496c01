using System.Numerics;

namespace Vault.Ring;

/// <summary>An ordered set of pairwise-coprime NTT primes {q_0, …, q_(k−1)} with their NTT tables, and the
/// element-wise arithmetic of polynomials over that basis (limb i is reduced mod q_i).</summary>
/// <remarks>Immutable and thread-safe. Polynomials must have at least <see cref="Count"/> limbs in use;
/// only the first <see cref="Count"/> are touched. Destinations may alias inputs in every method.</remarks>
public sealed partial class RnsBasis
{
    private readonly Modulus[] _moduli;
    private readonly NttTable[] _tables;
    private readonly ulong[] _lastInverse;        // q_last^-1 mod q_i, for division by the last prime
    private readonly ulong[] _lastInverseShoup;
    private readonly ulong[] _lastHalf;           // ⌊q_last / 2⌋ mod q_i

    /// <summary>Creates the basis from the given tables (all of the same degree N).</summary>
    /// <exception cref="ArgumentException">Degrees differ or two moduli are equal.</exception>
    public RnsBasis(IReadOnlyList<NttTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0) ThrowHelper.ThrowArgument(nameof(tables), "RnsBasis: empty basis.");
        _tables = [.. tables];
        _moduli = new Modulus[_tables.Length];
        for (int i = 0; i < _tables.Length; i++)
        {
            if (_tables[i].N != _tables[0].N) ThrowHelper.ThrowArgument(nameof(tables), "RnsBasis: tables of different degree.");
            _moduli[i] = _tables[i].Modulus;
            for (int j = 0; j < i; j++)
                if (_moduli[j].Value == _moduli[i].Value)
                    ThrowHelper.ThrowArgument(nameof(tables), $"RnsBasis: modulus {_moduli[i].Value} appears twice.");
        }
        N = _tables[0].N;
        Product = 1;
        foreach (var m in _moduli) Product *= m.Value;
        int last = _moduli.Length - 1;
        ulong qLast = _moduli[last].Value;
        _lastInverse = new ulong[last];
        _lastInverseShoup = new ulong[last];
        _lastHalf = new ulong[last];
        for (int i = 0; i < last; i++)
        {
            var m = _moduli[i];
            _lastInverse[i] = m.Inverse(m.Reduce(qLast));
            _lastInverseShoup[i] = m.ShoupPrecompute(_lastInverse[i]);
            _lastHalf[i] = m.Reduce(qLast >> 1);
        }
    }

    /// <summary>Ring degree N.</summary>
    public int N { get; }

    /// <summary>Number of primes k.</summary>
    public int Count => _moduli.Length;

    /// <summary>The primes.</summary>
    public ReadOnlySpan<Modulus> Moduli => _moduli;

    /// <summary>NTT tables, one per prime.</summary>
    public ReadOnlySpan<NttTable> Tables => _tables;

    /// <summary>∏ q_i.</summary>
    public BigInteger Product { get; }

    /// <summary>A basis made of a contiguous range of this one's primes.</summary>
    public RnsBasis Slice(int start, int count) => new(_tables.AsSpan(start, count).ToArray());

    /// <summary>dst = a + b.</summary>
    public void Add(RnsPoly a, RnsPoly b, RnsPoly destination)
    {
        Check(a); Check(b); Check(destination);
        ForEachLimb(LimbOperation.Add, a, b, destination);
    }

    /// <summary>dst = a − b.</summary>
    public void Sub(RnsPoly a, RnsPoly b, RnsPoly destination)
    {
        Check(a); Check(b); Check(destination);
        ForEachLimb(LimbOperation.Sub, a, b, destination);
    }

    /// <summary>dst = −a.</summary>
    public void Negate(RnsPoly a, RnsPoly destination)
    {
        Check(a); Check(destination);
        ForEachLimb(LimbOperation.Negate, a, destination: destination);
    }

    /// <summary>dst = a ⊙ b (coefficient-wise product: the ring product when both are in NTT form).</summary>
    public void MulCoefficients(RnsPoly a, RnsPoly b, RnsPoly destination)
    {
        Check(a); Check(b); Check(destination);
        ForEachLimb(LimbOperation.Multiply, a, b, destination);
    }

    /// <summary>dst += a ⊙ b.</summary>
    public void MulCoefficientsAdd(RnsPoly a, RnsPoly b, RnsPoly destination)
    {
        Check(a); Check(b); Check(destination);
        ForEachLimb(LimbOperation.MultiplyAdd, a, b, destination);
    }

    /// <summary>The coefficient-wise product of two degree-1 polynomials in Y (a ciphertext product before relinearization):
    /// d0 = a0 ⊙ b0, d1 = a0 ⊙ b1 + a1 ⊙ b0, d2 = a1 ⊙ b1. Destinations may alias inputs.</summary>
    public void TensorProduct(RnsPoly a0, RnsPoly a1, RnsPoly b0, RnsPoly b1, RnsPoly d0, RnsPoly d1, RnsPoly d2)
    {
        Check(a0); Check(a1); Check(b0); Check(b1); Check(d0); Check(d1); Check(d2);
        ForEachLimb(LimbOperation.Tensor, a0, a1, d0, b0, b1, d1, d2);
    }

    /// <summary>dst = a · c for an integer constant c (any sign, any size).</summary>
    public void MulScalar(RnsPoly a, BigInteger c, RnsPoly destination)
    {
        Check(a); Check(destination);
        ForEachLimb(LimbOperation.MulScalar, a, destination: destination, scalar: c);
    }

    /// <summary>dst = a + c for an integer constant c (in coefficient form this adds c to the constant term only;
    /// in NTT form, to every evaluation, which is the same polynomial operation).</summary>
    public void AddScalarNtt(RnsPoly a, BigInteger c, RnsPoly destination)
    {
        Check(a); Check(destination);
        ForEachLimb(LimbOperation.AddScalar, a, destination: destination, scalar: c);
    }

    /// <summary>Forward NTT of every limb, in place. Input in [0, q), output in [0, q).</summary>
    public void Forward(RnsPoly a)
    {
        Check(a);
        ForEachLimb(LimbOperation.Forward, a);
    }

    /// <summary>Inverse NTT of every limb, in place. Input in [0, q), output in [0, q).</summary>
    public void Inverse(RnsPoly a)
    {
        Check(a);
        ForEachLimb(LimbOperation.Inverse, a);
    }

    /// <summary>Writes small signed coefficients into every limb: limb i gets x mod q_i.</summary>
    public void LiftSigned(ReadOnlySpan<long> coefficients, RnsPoly destination)
    {
        Check(destination);
        if (coefficients.Length != N) ThrowHelper.ThrowLengthMismatch(nameof(coefficients), N, coefficients.Length);
        for (int i = 0; i < _moduli.Length; i++)
        {
            var m = _moduli[i];
            Span<ulong> d = destination.Limb(i);
            for (int j = 0; j < d.Length; j++) d[j] = m.ReduceSigned(coefficients[j]);
        }
    }

    /// <summary>Writes ternary coefficients into every limb: limb i gets x mod q_i, without secret-dependent branches.</summary>
    public void LiftTernary(ReadOnlySpan<sbyte> coefficients, RnsPoly destination)
    {
        Check(destination);
        if (coefficients.Length != N) ThrowHelper.ThrowLengthMismatch(nameof(coefficients), N, coefficients.Length);
        for (int i = 0; i < _moduli.Length; i++)
        {
            ulong q = _moduli[i].Value;
            Span<ulong> d = destination.Limb(i);
            for (int j = 0; j < d.Length; j++)
            {
                long x = coefficients[j];
                ulong negMask = (ulong)(x >> 63);
                d[j] = ((ulong)x & ~negMask) | ((q - 1) & negMask);   // −1 ↦ q − 1
            }
        }
    }

    /// <summary>Divides a polynomial in NTT form by the last prime q_(k−1) with rounding, leaving k − 1 limbs:
    /// a ↦ ⌊a / q_(k−1)⌉ over the basis {q_0, …, q_(k−2)}. <paramref name="scratch"/> needs N entries.</summary>
    public void DivideRoundByLastNtt(RnsPoly a, Span<ulong> scratch) => DivideRoundByLastNtt(a, a, scratch);

    /// <summary>destination = ⌊a / q_(k−1)⌉ over {q_0, …, q_(k−2)} (k − 1 limbs), for a in NTT form; a is unchanged unless
    /// it is the destination. <paramref name="scratch"/> needs N entries.</summary>
    public void DivideRoundByLastNtt(RnsPoly a, RnsPoly destination, Span<ulong> scratch)
    {
        Check(a);
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.N != N) ThrowHelper.ThrowLengthMismatch(nameof(destination), N, destination.N);
        if (Count < 2) ThrowHelper.ThrowArgument(nameof(a), "DivideRoundByLast: needs at least two limbs.");
        if (destination.Capacity < Count - 1) ThrowHelper.ThrowArgument(nameof(destination), $"RnsBasis: poly holds {destination.Capacity} limbs, needs {Count - 1}.");
        if (scratch.Length < N) ThrowHelper.ThrowLengthMismatch(nameof(scratch), N, scratch.Length);
        int last = Count - 1;
        ulong qLast = _moduli[last].Value;
        Span<ulong> t = scratch[..N];
        a.Limb(last).CopyTo(t);
        _tables[last].Inverse(t);
        ModularKernels.AddScalar(t, qLast >> 1, t, qLast);                           // t = (a + h) mod q_last
        destination.LimbCount = last;
        ForEachLimb(LimbOperation.DivideRoundByLast, a, destination: destination, limbs: last, last: t);
    }

    private void Check(RnsPoly p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.N != N) ThrowHelper.ThrowLengthMismatch(nameof(p), N, p.N);
        if (p.LimbCount < Count) ThrowHelper.ThrowArgument(nameof(p), $"RnsBasis: poly has {p.LimbCount} limbs, basis needs {Count}.");
    }
}
