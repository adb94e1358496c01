using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Benchmarks;

/// <summary>Where the time of a key switch goes: a single-threaded, step-by-step replica of the fused
/// <see cref="KeySwitcher.Switch"/> built from the same internal kernels, with the thread CPU clock read around each
/// phase. The replica's output is checked bit for bit against <see cref="KeySwitcher"/> before anything is timed, so the
/// phases describe the real algorithm, and the real operation is timed next to it so the phase sum can be compared.</summary>
internal sealed class KeySwitchProfiler
{
    /// <summary>The timed phases, in algorithm order.</summary>
    public static readonly string[] PhaseNames =
    [
        "INTT of d (L+1 limbs, incl. copy)",
        "ModUp: prepare digits (+ automorphism gather)",
        "ModUp: raise digit limbs (conversion)",
        "ModUp: forward NTTs of raised limbs",
        "own limbs through the automorphism (gather)",
        "special limbs: inverse NTTs + ModDown prepare",
        "ModDown: corrections (conversion)",
        "ModDown: forward NTTs of corrections",
        "inner product + (acc − corr)·P^-1",
    ];

    private readonly RlweParameters _rlwe;
    private readonly int _level;
    private readonly RnsPoly _coefficients, _permuted, _special0, _special1, _correction0, _correction1;
    private readonly RnsPoly[] _digits, _buffers;
    private readonly byte[] _overflow, _specialOverflow;
    private readonly long[] _ticks = new long[PhaseNames.Length];

    public KeySwitchProfiler(RlweParameters rlwe)
    {
        _rlwe = rlwe;
        _level = rlwe.MaxLevel;
        int n = rlwe.N, k = rlwe.Ring.PCount, dnum = rlwe.DigitCount(_level);
        _coefficients = new RnsPoly(n, _level + 1);
        _permuted = new RnsPoly(n, _level + 1);
        _special0 = new RnsPoly(n, k);
        _special1 = new RnsPoly(n, k);
        _correction0 = new RnsPoly(n, 1);
        _correction1 = new RnsPoly(n, 1);
        _digits = new RnsPoly[dnum];
        _buffers = new RnsPoly[dnum];
        for (int j = 0; j < dnum; j++)
        {
            _digits[j] = new RnsPoly(n, _level + 1 + k);
            _buffers[j] = new RnsPoly(n, 1);
        }
        _overflow = new byte[dnum * n];
        _specialOverflow = new byte[2 * n];
    }

    /// <summary>Thread CPU nanoseconds spent per phase since the last <see cref="Reset"/>.</summary>
    public ReadOnlySpan<long> Nanoseconds => _ticks;

    public void Reset() => Array.Clear(_ticks);

    /// <summary>(out0, out1) = KeySwitch(φ_g(d)) at the top level, timing each phase.</summary>
    public unsafe void Switch(RnsPoly d, ulong galoisElement, SwitchingKey key, RnsPoly out0, RnsPoly out1)
    {
        var ring = _rlwe.Ring;
        var q = ring.Q(_level);
        int n = _rlwe.N, k = ring.PCount, level = _level, digitCount = _digits.Length, digitSize = _rlwe.DigitSize;
        bool rotated = galoisElement != 1;
        var map = rotated ? ring.AutomorphismCoefficientMap(galoisElement) : default;

        long t = ThreadCpuClock.Nanoseconds();
        _coefficients.LimbCount = level + 1;
        for (int i = 0; i <= level; i++)
        {
            d.Limb(i).CopyTo(_coefficients.Limb(i));
            q.Tables[i].Inverse(_coefficients.Limb(i));
        }
        t = Lap(0, t);

        var prepared = rotated ? _permuted : _coefficients;
        for (int j = 0; j < digitCount; j++)
        {
            int start = j * digitSize, count = Math.Min(digitSize, level + 1 - start);
            if (rotated)
                for (int i = start; i < start + count; i++) ModularKernels.Gather(_coefficients.Limb(i), map.Source, _permuted.Limb(i));
            _rlwe.ModUpConverter(level, j).Prepare(prepared.Coefficients.Slice(start * n, count * n), _overflow.AsSpan(j * n, n));
        }
        t = Lap(1, t);

        // Special limbs: raise every digit, inner product, back to coefficients, ModDown preparation.
        Span<nint> x = stackalloc nint[digitCount];
        for (int p = 0; p < k; p++)
        {
            for (int j = 0; j < digitCount; j++)
                t = Raise(j, level + 1 + p, _digits[j].Limb(level + 1 + p), prepared, map.Negate, t);
            for (int j = 0; j < digitCount; j++) x[j] = (nint)_digits[j].Pointer(level + 1 + p);
            InnerProduct(key, level + 1 + p, x, _special0.Pointer(p), _special1.Pointer(p), null, null, 0, 0);
            t = Lap(8, t);
        }
        for (int p = 0; p < k; p++)
        {
            ring.P!.Tables[p].Inverse(_special0.Limb(p));
            ring.P!.Tables[p].Inverse(_special1.Limb(p));
        }
        var modDown = _rlwe.ModDownConverter(level);
        modDown.Prepare(_special0.Coefficients, _specialOverflow.AsSpan(0, n));
        modDown.Prepare(_special1.Coefficients, _specialOverflow.AsSpan(n, n));
        t = Lap(5, t);

        // Each ciphertext limb.
        out0.LimbCount = level + 1;
        out1.LimbCount = level + 1;
        Span<nint> digits = stackalloc nint[digitCount];
        for (int i = 0; i <= level; i++)
        {
            for (int j = 0; j < digitCount; j++)
            {
                int start = j * digitSize, count = Math.Min(digitSize, level + 1 - start);
                digits[j] = (nint)_buffers[j].Pointer(0);
                if (i < start || i >= start + count) t = Raise(j, i, _buffers[j].Limb(0), prepared, map.Negate, t);
                else if (rotated)
                {
                    ModularKernels.Gather(d.Limb(i), ring.AutomorphismNttIndex(galoisElement), _buffers[j].Limb(0));
                    t = Lap(4, t);
                }
                else digits[j] = (nint)d.Pointer(i);
            }
            modDown.Emit(_special0.Coefficients, _specialOverflow.AsSpan(0, n), default, i, _correction0.Limb(0));
            modDown.Emit(_special1.Coefficients, _specialOverflow.AsSpan(n, n), default, i, _correction1.Limb(0));
            t = Lap(6, t);
            q.Tables[i].Forward(_correction0.Limb(0));
            q.Tables[i].Forward(_correction1.Limb(0));
            t = Lap(7, t);
            ReadOnlySpan<ulong> pInverse = _rlwe.PInverseModQ(i);
            InnerProduct(key, i, digits, out0.Pointer(i), out1.Pointer(i), _correction0.Pointer(0), _correction1.Pointer(0), pInverse[0], pInverse[1]);
            t = Lap(8, t);
        }
    }

    private long Raise(int digit, int limb, Span<ulong> destination, RnsPoly prepared, ulong[]? negate, long t)
    {
        int n = _rlwe.N, start = digit * _rlwe.DigitSize, count = Math.Min(_rlwe.DigitSize, _level + 1 - start);
        _rlwe.ModUpConverter(_level, digit).Emit(prepared.Coefficients.Slice(start * n, count * n), _overflow.AsSpan(digit * n, n), negate, limb, destination);
        t = Lap(2, t);
        _rlwe.Ring.QP(_level).Tables[limb].Forward(destination);
        return Lap(3, t);
    }

    private unsafe void InnerProduct(SwitchingKey key, int limb, ReadOnlySpan<nint> x, ulong* out0, ulong* out1, ulong* correction0, ulong* correction1,
        ulong w, ulong wShoup)
    {
        int keyLimb = limb <= _level ? limb : _rlwe.MaxLevel + 1 + (limb - _level - 1);
        Span<nint> b = stackalloc nint[x.Length], a = stackalloc nint[x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            b[j] = (nint)key.B[j].Pointer(keyLimb);
            a[j] = (nint)key.A[j].Pointer(keyLimb);
        }
        InnerProductKernels.MultiplyAccumulate(x, b, a, default, _rlwe.N, _rlwe.Ring.QP(_level).Moduli[limb], out0, out1, correction0, correction1, w, wShoup);
    }

    private long Lap(int phase, long since)
    {
        long now = ThreadCpuClock.Nanoseconds();
        _ticks[phase] += now - since;
        return now;
    }
}
