using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vault.Ring;

/// <summary>Constants for the negacyclic NTT over Z_q[X]/(X^N + 1) for one prime q ≡ 1 (mod 2N), q &lt; 2^62.
/// Immutable and thread-safe; built once per (N, q) and cached by <see cref="RingContext"/>.</summary>
/// <remarks>
/// Conventions match SEAL 4.1 so NTT-form data is byte-compatible: ψ is the smallest primitive 2N-th root of
/// unity mod q, and the forward transform leaves a[k] = a(ψ^(2·bitrev(k) + 1)) (bit-reversed evaluation order).
/// Butterflies are Harvey's lazy ones (arXiv:1205.2926) with Shoup multiplication by precomputed roots.
/// </remarks>
public sealed partial class NttTable
{
    private readonly ulong[] _roots;         // ψ^bitrev(k)
    private readonly ulong[] _rootsShoup;
    private readonly ulong[] _invRoots;      // ψ^-bitrev(k)
    private readonly ulong[] _invRootsShoup;
    private readonly ulong _nInv, _nInvShoup, _lastInvRootNInv, _lastInvRootNInvShoup;

    /// <summary>Builds the table for N = 2^<paramref name="logN"/> and the prime <paramref name="modulus"/>.</summary>
    /// <exception cref="ArgumentException">q is not ≡ 1 (mod 2N) or has no primitive 2N-th root.</exception>
    public NttTable(int logN, Modulus modulus)
    {
        ArgumentNullException.ThrowIfNull(modulus);
        if (logN is < 1 or > 17) ThrowHelper.ThrowArgument(nameof(logN), $"NttTable: logN={logN} outside [1, 17].");
        LogN = logN;
        N = 1 << logN;
        Modulus = modulus;
        ulong q = modulus.Value;
        if ((q - 1) % (2UL * (ulong)N) != 0)
            ThrowHelper.ThrowArgument(nameof(modulus), $"NttTable: q={q} is not 1 mod 2N={2 * N}.");
        Psi = MinimalPrimitiveRoot(2UL * (ulong)N, modulus);
        ulong psiInv = modulus.Inverse(Psi);

        _roots = new ulong[N];
        _rootsShoup = new ulong[N];
        _invRoots = new ulong[N];
        _invRootsShoup = new ulong[N];
        ulong power = 1, invPower = 1;
        for (int i = 0; i < N; i++)
        {
            int k = BitReverse(i, logN);
            _roots[k] = power;
            _invRoots[k] = invPower;
            power = modulus.Mul(power, Psi);
            invPower = modulus.Mul(invPower, psiInv);
        }
        for (int k = 0; k < N; k++)
        {
            _rootsShoup[k] = modulus.ShoupPrecompute(_roots[k]);
            _invRootsShoup[k] = modulus.ShoupPrecompute(_invRoots[k]);
        }
        _nInv = modulus.Inverse((ulong)N);
        _nInvShoup = modulus.ShoupPrecompute(_nInv);
        _lastInvRootNInv = modulus.Mul(_invRoots[1], _nInv);
        _lastInvRootNInvShoup = modulus.ShoupPrecompute(_lastInvRootNInv);
    }

    /// <summary>Ring degree N.</summary>
    public int N { get; }

    /// <summary>log2(N).</summary>
    public int LogN { get; }

    /// <summary>The prime q.</summary>
    public Modulus Modulus { get; }

    /// <summary>ψ: the smallest primitive 2N-th root of unity mod q.</summary>
    public ulong Psi { get; }

    /// <summary>ψ^bitrev(k) mod q for k in [0, N) (index 0 holds 1).</summary>
    public ReadOnlySpan<ulong> Roots => _roots;

    /// <summary>Shoup companions ⌊<see cref="Roots"/>[k] · 2^64 / q⌋ (for backends that run the same butterflies).</summary>
    public ReadOnlySpan<ulong> RootsShoup => _rootsShoup;

    /// <summary>ψ^-bitrev(k) mod q for k in [0, N) (index 0 holds 1): the inverse transform's roots.</summary>
    public ReadOnlySpan<ulong> InverseRoots => _invRoots;

    /// <summary>Shoup companions of <see cref="InverseRoots"/>.</summary>
    public ReadOnlySpan<ulong> InverseRootsShoup => _invRootsShoup;

    /// <summary>In-place forward NTT. Input in [0, 4q), output in [0, 4q).</summary>
    public void ForwardLazy(Span<ulong> a)
    {
        if (a.Length != N) ThrowHelper.ThrowLengthMismatch(nameof(a), N, a.Length);
        ForwardCore(ref MemoryMarshal.GetReference(a), reduce: false);
    }

    /// <summary>In-place forward NTT. Input in [0, 4q), output in [0, q).</summary>
    public void Forward(Span<ulong> a)
    {
        if (a.Length != N) ThrowHelper.ThrowLengthMismatch(nameof(a), N, a.Length);
        ForwardCore(ref MemoryMarshal.GetReference(a), reduce: true);
    }

    /// <summary>In-place inverse NTT including the factor N^-1. Input in [0, 2q), output in [0, 2q).</summary>
    public void InverseLazy(Span<ulong> a)
    {
        if (a.Length != N) ThrowHelper.ThrowLengthMismatch(nameof(a), N, a.Length);
        InverseCore(ref MemoryMarshal.GetReference(a), reduce: false);
    }

    /// <summary>In-place inverse NTT including the factor N^-1. Input in [0, 2q), output in [0, q).</summary>
    public void Inverse(Span<ulong> a)
    {
        if (a.Length != N) ThrowHelper.ThrowLengthMismatch(nameof(a), N, a.Length);
        InverseCore(ref MemoryMarshal.GetReference(a), reduce: true);
    }

    private void ForwardCore(ref ulong a, bool reduce)
    {
        if (UseVector512)
        {
            ForwardVector512(ref a, reduce);
            return;
        }
        ForwardLazyScalar(ref a);
        if (reduce) ModularKernels.ReduceFrom4Q(MemoryMarshal.CreateSpan(ref a, N), Modulus.Value);
    }

    /// <summary>Scalar Harvey butterflies, every stage.</summary>
    private void ForwardLazyScalar(ref ulong a)
    {
        ulong q = Modulus.Value, twoQ = 2 * q;
        ref ulong roots = ref MemoryMarshal.GetArrayDataReference(_roots);
        ref ulong rootsShoup = ref MemoryMarshal.GetArrayDataReference(_rootsShoup);
        int n = N;
        int k = 1;
        for (int half = n >> 1; half >= 1; half >>= 1)
        {
            for (int start = 0; start < n; start += 2 * half, k++)
            {
                ulong w = Unsafe.Add(ref roots, k), wShoup = Unsafe.Add(ref rootsShoup, k);
                ref ulong x = ref Unsafe.Add(ref a, start);
                ref ulong y = ref Unsafe.Add(ref a, start + half);
                for (int j = 0; j < half; j++)
                {
                    ulong xj = Unsafe.Add(ref x, j);
                    xj -= twoQ & ~(ulong)((long)(xj - twoQ) >> 63);                    // [0, 2q), no branch
                    ulong t = Modulus.MulShoupLazy(Unsafe.Add(ref y, j), w, wShoup, q);  // [0, 2q)
                    Unsafe.Add(ref x, j) = xj + t;
                    Unsafe.Add(ref y, j) = xj - t + twoQ;
                }
            }
        }
    }

    private void InverseCore(ref ulong a, bool reduce)
    {
        if (UseVector512)
        {
            InverseVector512(ref a, reduce);
            return;
        }
        InverseLazyScalar(ref a);
        if (reduce) ModularKernels.ReduceFrom2Q(MemoryMarshal.CreateSpan(ref a, N), Modulus.Value);
    }

    /// <summary>Scalar Gentleman–Sande stages; the last one (m = 1) folds in N^-1.</summary>
    private void InverseLazyScalar(ref ulong a)
    {
        ulong q = Modulus.Value, twoQ = 2 * q;
        ref ulong roots = ref MemoryMarshal.GetArrayDataReference(_invRoots);
        ref ulong rootsShoup = ref MemoryMarshal.GetArrayDataReference(_invRootsShoup);
        int n = N;
        for (int m = n >> 1, half = 1; m > 1; m >>= 1, half <<= 1)
        {
            for (int i = 0; i < m; i++)
            {
                ulong w = Unsafe.Add(ref roots, m + i), wShoup = Unsafe.Add(ref rootsShoup, m + i);
                ref ulong x = ref Unsafe.Add(ref a, 2 * i * half);
                ref ulong y = ref Unsafe.Add(ref x, half);
                for (int j = 0; j < half; j++)
                {
                    ulong xj = Unsafe.Add(ref x, j), yj = Unsafe.Add(ref y, j);   // [0, 2q)
                    ulong s = xj + yj;
                    Unsafe.Add(ref x, j) = s - (twoQ & ~(ulong)((long)(s - twoQ) >> 63));
                    Unsafe.Add(ref y, j) = Modulus.MulShoupLazy(xj - yj + twoQ, w, wShoup, q);
                }
            }
        }
        int h = n >> 1;
        ulong nInv = _nInv, nInvShoup = _nInvShoup, wn = _lastInvRootNInv, wnShoup = _lastInvRootNInvShoup;
        for (int j = 0; j < h; j++)
        {
            ulong xj = Unsafe.Add(ref a, j), yj = Unsafe.Add(ref a, j + h);
            Unsafe.Add(ref a, j) = Modulus.MulShoupLazy(xj + yj, nInv, nInvShoup, q);
            Unsafe.Add(ref a, j + h) = Modulus.MulShoupLazy(xj - yj + twoQ, wn, wnShoup, q);
        }
    }

    /// <summary>Reverses the low <paramref name="bits"/> bits of <paramref name="value"/>.</summary>
    public static int BitReverse(int value, int bits) =>
        bits == 0 ? 0 : (int)(ReverseBits((uint)value) >> (32 - bits));

    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        return BinaryPrimitives.ReverseEndianness(v);
    }

    /// <summary>The smallest primitive <paramref name="order"/>-th root of unity mod q (order a power of two),
    /// as SEAL's <c>try_minimal_primitive_root</c> picks it.</summary>
    private static ulong MinimalPrimitiveRoot(ulong order, Modulus modulus)
    {
        ulong q = modulus.Value;
        ulong exponent = (q - 1) / order;
        ulong root = 0;
        for (ulong g = 2; g < q; g++)
        {
            ulong candidate = modulus.Pow(g, exponent);
            if (modulus.Pow(candidate, order / 2) == q - 1) { root = candidate; break; }  // order exactly 2N
        }
        if (root == 0) ThrowHelper.ThrowArgument(nameof(modulus), $"NttTable: no primitive {order}-th root mod {q}.");
        // All primitive roots are the odd powers of one of them; take the smallest.
        ulong square = modulus.Mul(root, root), current = root, minimal = root;
        for (ulong i = 0; i < order / 2; i++)
        {
            if (current < minimal) minimal = current;
            current = modulus.Mul(current, square);
        }
        return minimal;
    }
}
