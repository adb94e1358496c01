using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Benchmarks;

/// <summary>Where the time of a key switch goes: a step-by-step replica of <see cref="KeySwitcher"/> (Decompose, then
/// ApplyKey with its ModDown) built from the same public kernels, with the thread CPU clock read around each phase. The replica's
/// output is checked bit for bit against <see cref="KeySwitcher"/> before anything is timed, so the phases describe the
/// real algorithm, and the real operation is timed next to it so the phase sum can be compared with it.</summary>
internal sealed class KeySwitchProfiler
{
    private const int TermsPerAccumulator = 15;

    /// <summary>The timed phases, in algorithm order.</summary>
    public static readonly string[] PhaseNames =
    [
        "INTT of d (L+1 limbs, incl. copy)",
        "ModUp: base conversion (per digit → QP)",
        "ModUp: copy exact limbs",
        "ModUp: forward NTTs",
        "inner product with key (MAC + reduce)",
        "ModDown: INTT of P limbs (×2)",
        "ModDown: base conversion P → Q (×2)",
        "ModDown: forward NTTs (×2)",
        "ModDown: (a − c)·P^-1 (×2)",
    ];

    private readonly RlweParameters _rlwe;
    private readonly int _level;
    private readonly RnsPoly _coefficients;
    private readonly RnsPoly[] _digits;
    private readonly RnsPoly _acc0, _acc1, _scratch;
    private readonly ulong[] _lo0, _hi0, _lo1, _hi1;
    private readonly BasisConverter[] _modUp;
    private readonly BasisConverter _modDown;
    private readonly ulong[] _pInv, _pInvShoup;
    private readonly long[] _ticks = new long[PhaseNames.Length];

    public KeySwitchProfiler(RlweParameters rlwe)
    {
        _rlwe = rlwe;
        _level = rlwe.MaxLevel;
        var ring = rlwe.Ring;
        int n = rlwe.N, pCount = ring.PCount, capacity = _level + 1 + pCount;
        int digitCount = rlwe.DigitCount(_level);
        _coefficients = new RnsPoly(n, _level + 1);
        _digits = new RnsPoly[digitCount];
        _modUp = new BasisConverter[digitCount];
        for (int j = 0; j < digitCount; j++)
        {
            _digits[j] = new RnsPoly(n, capacity);
            int start = j * rlwe.DigitSize, count = Math.Min(rlwe.DigitSize, _level + 1 - start);
            _modUp[j] = new BasisConverter(ring.Q(_level).Slice(start, count), ring.QP(_level));
        }
        _modDown = new BasisConverter(ring.P!, ring.Q(_level));
        _acc0 = new RnsPoly(n, capacity);
        _acc1 = new RnsPoly(n, capacity);
        _scratch = new RnsPoly(n, capacity);
        _lo0 = new ulong[n];
        _hi0 = new ulong[n];
        _lo1 = new ulong[n];
        _hi1 = new ulong[n];
        _pInv = new ulong[_level + 1];
        _pInvShoup = new ulong[_level + 1];
        var q = ring.Q(_level);
        for (int i = 0; i <= _level; i++)
        {
            var m = q.Moduli[i];
            _pInv[i] = m.Inverse(m.Reduce(ring.P!.Product));
            _pInvShoup[i] = m.ShoupPrecompute(_pInv[i]);
        }
    }

    /// <summary>Thread CPU nanoseconds spent per phase since the last <see cref="Reset"/>.</summary>
    public ReadOnlySpan<long> Nanoseconds => _ticks;

    public void Reset() => Array.Clear(_ticks);

    /// <summary>(out0, out1) = KeySwitch(φ_g(d)) at the top level, timing each phase.</summary>
    public void Switch(RnsPoly d, ulong galoisElement, SwitchingKey key, RnsPoly out0, RnsPoly out1)
    {
        var ring = _rlwe.Ring;
        var q = ring.Q(_level);
        var qp = ring.QP(_level);
        int n = _rlwe.N, pCount = ring.PCount, digitSize = _rlwe.DigitSize, level = _level, maxLevel = _rlwe.MaxLevel;

        long t = ThreadCpuClock.Nanoseconds();
        _coefficients.LimbCount = level + 1;
        for (int i = 0; i <= level; i++) d.Limb(i).CopyTo(_coefficients.Limb(i));
        q.Inverse(_coefficients);
        t = Lap(0, t);

        for (int j = 0; j < _digits.Length; j++)
        {
            int start = j * digitSize, count = Math.Min(digitSize, level + 1 - start);
            var digit = _digits[j];
            digit.LimbCount = level + 1 + pCount;
            _modUp[j].ConvertCentered(_coefficients.Coefficients.Slice(start * n, count * n), digit.Coefficients);
            t = Lap(1, t);
            for (int i = 0; i < qp.Count; i++)
            {
                if (i >= start && i < start + count)
                {
                    d.Limb(i).CopyTo(digit.Limb(i));
                    t = Lap(2, t);
                }
                else
                {
                    qp.Tables[i].Forward(digit.Limb(i));
                    t = Lap(3, t);
                }
            }
        }

        ReadOnlySpan<int> permutation = galoisElement == 1 ? default : ring.AutomorphismNttIndex(galoisElement);
        _acc0.LimbCount = qp.Count;
        _acc1.LimbCount = qp.Count;
        Span<ulong> lo0 = _lo0, hi0 = _hi0, lo1 = _lo1, hi1 = _hi1;
        for (int i = 0; i < qp.Count; i++)
        {
            int keyLimb = i <= level ? i : maxLevel + 1 + (i - level - 1);
            var m = qp.Moduli[i];
            ulong mod = m.Value, bh = m.BarrettHi, bl = m.BarrettLo;
            Span<ulong> acc0 = _acc0.Limb(i), acc1 = _acc1.Limb(i);
            acc0.Clear();
            acc1.Clear();
            for (int start = 0; start < _digits.Length; start += TermsPerAccumulator)
            {
                lo0.Clear(); hi0.Clear(); lo1.Clear(); hi1.Clear();
                int end = Math.Min(_digits.Length, start + TermsPerAccumulator);
                for (int j = start; j < end; j++)
                {
                    ReadOnlySpan<ulong> x = _digits[j].Limb(i), b = key.B[j].Limb(keyLimb), a = key.A[j].Limb(keyLimb);
                    if (permutation.IsEmpty) MultiplyAccumulate(x, b, a, lo0, hi0, lo1, hi1);
                    else MultiplyAccumulatePermuted(x, permutation, b, a, lo0, hi0, lo1, hi1);
                }
                for (int k = 0; k < acc0.Length; k++)
                {
                    acc0[k] = Modulus.Add(acc0[k], Modulus.Reduce128(Modulus.Reduce(hi0[k], mod, bh), lo0[k], mod, bh, bl), mod);
                    acc1[k] = Modulus.Add(acc1[k], Modulus.Reduce128(Modulus.Reduce(hi1[k], mod, bh), lo1[k], mod, bh, bl), mod);
                }
            }
        }
        t = Lap(4, t);

        t = ModDown(_acc0, out0, t);
        ModDown(_acc1, out1, t);
    }

    private long ModDown(RnsPoly acc, RnsPoly destination, long t)
    {
        var ring = _rlwe.Ring;
        var p = ring.P!;
        var q = ring.Q(_level);
        int n = _rlwe.N, level = _level;
        for (int i = 0; i < p.Count; i++) p.Tables[i].Inverse(acc.Limb(level + 1 + i));
        t = Lap(5, t);
        _scratch.LimbCount = level + 1;
        _modDown.ConvertCentered(acc.Coefficients.Slice((level + 1) * n, p.Count * n), _scratch.Coefficients);
        t = Lap(6, t);
        q.Forward(_scratch);
        t = Lap(7, t);
        destination.LimbCount = level + 1;
        for (int i = 0; i <= level; i++)
        {
            ulong mod = q.Moduli[i].Value, w = _pInv[i], ws = _pInvShoup[i];
            Span<ulong> a = acc.Limb(i), c = _scratch.Limb(i), dst = destination.Limb(i);
            for (int k = 0; k < dst.Length; k++) dst[k] = Modulus.MulShoup(Modulus.Sub(a[k], c[k], mod), w, ws, mod);
        }
        return Lap(8, t);
    }

    private long Lap(int phase, long since)
    {
        long now = ThreadCpuClock.Nanoseconds();
        _ticks[phase] += now - since;
        return now;
    }

    // Same kernels as KeySwitcher's private ones.
    private static void MultiplyAccumulate(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> a,
        Span<ulong> lo0, Span<ulong> hi0, Span<ulong> lo1, Span<ulong> hi1)
    {
        for (int k = 0; k < x.Length; k++)
        {
            ulong xk = x[k];
            ulong pHi = Math.BigMul(xk, b[k], out ulong pLo);
            ulong l = lo0[k] + pLo;
            hi0[k] += pHi + (l < pLo ? 1UL : 0UL);
            lo0[k] = l;
            pHi = Math.BigMul(xk, a[k], out pLo);
            l = lo1[k] + pLo;
            hi1[k] += pHi + (l < pLo ? 1UL : 0UL);
            lo1[k] = l;
        }
    }

    private static void MultiplyAccumulatePermuted(ReadOnlySpan<ulong> x, ReadOnlySpan<int> permutation, ReadOnlySpan<ulong> b,
        ReadOnlySpan<ulong> a, Span<ulong> lo0, Span<ulong> hi0, Span<ulong> lo1, Span<ulong> hi1)
    {
        for (int k = 0; k < permutation.Length; k++)
        {
            ulong xk = x[permutation[k]];
            ulong pHi = Math.BigMul(xk, b[k], out ulong pLo);
            ulong l = lo0[k] + pLo;
            hi0[k] += pHi + (l < pLo ? 1UL : 0UL);
            lo0[k] = l;
            pHi = Math.BigMul(xk, a[k], out pLo);
            l = lo1[k] + pLo;
            hi1[k] += pHi + (l < pLo ? 1UL : 0UL);
            lo1[k] = l;
        }
    }
}
