using Vault.Ring;

namespace Vault.Rlwe;

/// <summary>Hybrid key switching (Han–Ki, eprint 2019/688): decompose d into gadget digits, raise each digit to
/// {q_0..q_ℓ, p_0..p_(k−1)} (ModUp), take the inner product with a switching key, and divide by P (ModDown).
/// The decomposition can be kept and reused for several Galois keys (hoisted rotations, eprint 2018/244).</summary>
/// <remarks>Not thread-safe: owns its scratch polynomials, sized once for the top level, so no call allocates.</remarks>
public sealed class KeySwitcher
{
    private const int TermsPerAccumulator = 15;

    private readonly RlweParameters _parameters;
    private readonly RnsPoly _coefficients;       // d in coefficient form
    private readonly RnsPoly[] _digits;           // ModUp(d_j) in NTT form over {q_0..q_ℓ, p…}
    private readonly RnsPoly _acc0, _acc1;        // inner products over {q_0..q_ℓ, p…}
    private readonly RnsPoly _scratch;
    private readonly ulong[] _lo0, _hi0, _lo1, _hi1;  // 128-bit inner-product accumulators, one limb
    private int _decomposedLevel = -1;

    /// <summary>Allocates the scratch space for <paramref name="parameters"/>.</summary>
    public KeySwitcher(RlweParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
        int n = parameters.N, capacity = parameters.MaxLevel + 1 + parameters.Ring.PCount;
        _coefficients = new RnsPoly(n, parameters.MaxLevel + 1);
        _digits = new RnsPoly[parameters.Dnum];
        for (int j = 0; j < _digits.Length; j++) _digits[j] = new RnsPoly(n, capacity);
        _acc0 = new RnsPoly(n, capacity);
        _acc1 = new RnsPoly(n, capacity);
        _scratch = new RnsPoly(n, capacity);
        _lo0 = new ulong[n];
        _hi0 = new ulong[n];
        _lo1 = new ulong[n];
        _hi1 = new ulong[n];
    }

    /// <summary>(out0, out1) ≈ (⟨g^-1(d), b⟩, ⟨g^-1(d), a⟩)/P over {q_0..q_ℓ}: a 2-part encryption under s of d·s',
    /// where <paramref name="key"/> switches from s' to s. <paramref name="d"/> is in NTT form at
    /// <paramref name="level"/> and is not modified; the outputs may not alias it.</summary>
    public void Switch(RnsPoly d, int level, SwitchingKey key, RnsPoly out0, RnsPoly out1)
    {
        Decompose(d, level);
        ApplyKey(1, key, out0, out1);
    }

    /// <summary>Computes and keeps the ModUp digits of <paramref name="d"/> (NTT form, at <paramref name="level"/>)
    /// for the following <see cref="ApplyKey"/> calls.</summary>
    public void Decompose(RnsPoly d, int level)
    {
        ArgumentNullException.ThrowIfNull(d);
        if ((uint)level > (uint)_parameters.MaxLevel) throw new ArgumentOutOfRangeException(nameof(level));
        var ring = _parameters.Ring;
        var q = ring.Q(level);
        var qp = ring.QP(level);
        int n = _parameters.N, pCount = ring.PCount, digitSize = _parameters.DigitSize;
        _coefficients.LimbCount = level + 1;
        for (int i = 0; i <= level; i++) d.Limb(i).CopyTo(_coefficients.Limb(i));
        q.Inverse(_coefficients);
        int digitCount = _parameters.DigitCount(level);
        for (int j = 0; j < digitCount; j++)
        {
            int start = j * digitSize, count = Math.Min(digitSize, level + 1 - start);
            var digit = _digits[j];
            digit.LimbCount = level + 1 + pCount;
            var converter = _parameters.ModUpConverter(level, j);
            converter.ConvertCentered(_coefficients.Coefficients.Slice(start * n, count * n), digit.Coefficients);
            for (int i = 0; i < qp.Count; i++)
            {
                if (i >= start && i < start + count) d.Limb(i).CopyTo(digit.Limb(i));   // exact residues, already NTT
                else qp.Tables[i].Forward(digit.Limb(i));
            }
        }
        _decomposedLevel = level;
    }

    /// <summary>Applies <paramref name="key"/> to the kept decomposition after the automorphism X ↦ X^g
    /// (g = 1 for none): (out0, out1) encrypts φ_g(d)·s' under s, over {q_0..q_ℓ}, NTT form.</summary>
    public void ApplyKey(ulong galoisElement, SwitchingKey key, RnsPoly out0, RnsPoly out1)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(out0);
        ArgumentNullException.ThrowIfNull(out1);
        if (_decomposedLevel < 0) throw new InvalidOperationException("ApplyKey: call Decompose first.");
        _parameters.CheckId(key.ParameterId, "KeySwitch");
        int level = _decomposedLevel;
        var ring = _parameters.Ring;
        var qp = ring.QP(level);
        int pCount = ring.PCount, maxLevel = _parameters.MaxLevel, digitCount = _parameters.DigitCount(level);
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
            for (int start = 0; start < digitCount; start += TermsPerAccumulator)
            {
                // Σ_j x_j · key_j as 128-bit sums (≤ 15 products of two 62-bit values), then one reduction.
                lo0.Clear(); hi0.Clear(); lo1.Clear(); hi1.Clear();
                int end = Math.Min(digitCount, start + TermsPerAccumulator);
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
        ModDown(_acc0, level, out0);
        ModDown(_acc1, level, out1);
    }

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

    /// <summary>out = (acc − [acc]_P) · P^-1 over {q_0..q_ℓ}, with [acc]_P the centred residue converted exactly:
    /// round(acc / P), no bias.</summary>
    private void ModDown(RnsPoly acc, int level, RnsPoly destination)
    {
        var ring = _parameters.Ring;
        var p = ring.P!;
        var q = ring.Q(level);
        int n = _parameters.N;
        for (int t = 0; t < p.Count; t++) p.Tables[t].Inverse(acc.Limb(level + 1 + t));
        _scratch.LimbCount = level + 1;
        _parameters.ModDownConverter(level).ConvertCentered(acc.Coefficients.Slice((level + 1) * n, p.Count * n), _scratch.Coefficients);
        q.Forward(_scratch);
        destination.LimbCount = level + 1;
        for (int i = 0; i <= level; i++)
        {
            ulong mod = q.Moduli[i].Value;
            ReadOnlySpan<ulong> pInv = _parameters.PInverseModQ(i);
            Span<ulong> a = acc.Limb(i), c = _scratch.Limb(i), dst = destination.Limb(i);
            for (int k = 0; k < dst.Length; k++)
                dst[k] = Modulus.MulShoup(Modulus.Sub(a[k], c[k], mod), pInv[0], pInv[1], mod);
        }
    }
}
