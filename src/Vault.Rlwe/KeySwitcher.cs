using Vault.Ring;

namespace Vault.Rlwe;

/// <summary>Hybrid key switching (Han–Ki, eprint 2019/688): decompose d into gadget digits, raise each digit to
/// {q_0..q_ℓ, p_0..p_(k−1)} (ModUp), take the inner product with a switching key, and divide by P (ModDown).
/// The decomposition can be kept and reused for several Galois keys (hoisted rotations, eprint 2018/244).</summary>
/// <remarks>
/// <para><see cref="Switch"/> is fused by limb. It first finishes the k special limbs (every digit's converted limb, its
/// NTT and the inner product, then back to coefficients for ModDown), then handles each ciphertext limb q_i in one
/// pass: the digits' limbs for q_i are converted and transformed into per-thread buffers that stay in cache, the two
/// ModDown corrections for q_i likewise, and one multiply-accumulate over the coefficients (accumulators in registers,
/// reduced once) writes (acc − correction)·P^-1 straight into the outputs. With an automorphism, the digits are raised
/// from the prepared residues gathered through the coefficient-domain signed permutation (one gather per digit instead
/// of one per digit and limb), which gives exactly the permuted NTT-domain limbs. <see cref="Decompose"/> keeps every
/// digit limb for any number of <see cref="ApplyKey"/> calls, which permute inside the inner product.</para>
/// <para>Limbs run in parallel on <see cref="RingParallelism.ThreadCount"/> threads; every output word is computed the
/// same way whichever thread runs it, so the results are bit-identical to the unfused definition (ModUp of every
/// digit, inner product, ModDown) on any thread count and any vector path.</para>
/// <para>Not thread-safe: owns its scratch polynomials, sized once for the top level, and per-thread buffers (allocated
/// once, by the first call that uses that many threads), so no call allocates.</para>
/// </remarks>
public sealed class KeySwitcher
{
    private readonly RlweParameters _parameters;
    private readonly RnsPoly _coefficients;       // INTT(d), then each digit prepared for conversion in place
    private readonly byte[] _overflow;            // the centred conversion's overflow count per digit: dnum × N
    private readonly RnsPoly _permuted;           // the prepared digits through an automorphism (fused rotations)
    private readonly byte[] _permutedOverflow;
    private readonly RnsPoly[] _digits;           // ModUp(d_j) in NTT form over {q_0..q_ℓ, p…}
    private readonly RnsPoly _special0, _special1;  // the P limbs of the two inner products, then prepared for ModDown
    private readonly byte[] _specialOverflow;     // ModDown's overflow counts: 2 × N
    private readonly Job _inverse, _prepare, _digitLimbs, _specialDigits, _special, _specialPrepare, _output;
    private RnsPoly[][] _workerScratch = [];       // per thread: two ModDown corrections, then dnum digit limbs (one limb each)
    private int _decomposedLevel = -1;

    // The operation in progress (read by the jobs).
    private RnsPoly? _input;
    private int _level;
    private SwitchingKey? _key;
    private ulong _galoisElement = 1;
    private RnsPoly? _out0, _out1;
    private bool _fused;

    /// <summary>Allocates the scratch space for <paramref name="parameters"/>.</summary>
    public KeySwitcher(RlweParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
        int n = parameters.N, k = parameters.Ring.PCount, top = parameters.MaxLevel + 1;
        _coefficients = new RnsPoly(n, top);
        _overflow = new byte[parameters.Dnum * n];
        _permuted = new RnsPoly(n, top);
        _permutedOverflow = new byte[parameters.Dnum * n];
        _digits = new RnsPoly[parameters.Dnum];
        for (int j = 0; j < _digits.Length; j++) _digits[j] = new RnsPoly(n, top + k);
        _special0 = new RnsPoly(n, k);
        _special1 = new RnsPoly(n, k);
        _specialOverflow = new byte[2 * n];
        _inverse = new Job(this, Phase.Inverse);
        _prepare = new Job(this, Phase.Prepare);
        _digitLimbs = new Job(this, Phase.DigitLimbs);
        _specialDigits = new Job(this, Phase.SpecialDigits);
        _special = new Job(this, Phase.Special);
        _specialPrepare = new Job(this, Phase.SpecialPrepare);
        _output = new Job(this, Phase.Output);
    }

    private enum Phase
    {
        Inverse,
        Prepare,
        DigitLimbs,
        SpecialDigits,
        Special,
        SpecialPrepare,
        Output,
    }

    /// <summary>(out0, out1) ≈ (⟨g^-1(φ(d)), b⟩, ⟨g^-1(φ(d)), a⟩)/P over {q_0..q_ℓ}: a 2-part encryption under s of
    /// φ(d)·s', where <paramref name="key"/> switches from s' to s and φ is X ↦ X^g for <paramref name="galoisElement"/>
    /// (1: none). <paramref name="d"/> is in NTT form at <paramref name="level"/> and is not modified; the outputs may not
    /// alias it. Gives exactly what <see cref="Decompose"/> then <see cref="ApplyKey"/> give, but keeps no decomposition.</summary>
    public void Switch(RnsPoly d, int level, SwitchingKey key, RnsPoly out0, RnsPoly out1, ulong galoisElement = 1)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckOutputs(out0, out1);
        _parameters.CheckId(key.ParameterId, "KeySwitch");
        _ = galoisElement == 1 ? default : _parameters.Ring.AutomorphismNttIndex(galoisElement);   // validates g
        _galoisElement = galoisElement;
        _fused = true;
        StartModUp(d, level);
        _key = key;
        _out0 = out0;
        _out1 = out1;
        WorkerPool.Shared.Run(_specialDigits, _parameters.Ring.PCount * _parameters.DigitCount(level), int.MaxValue);
        FinishSwitch(level);
        _decomposedLevel = -1;
    }

    /// <summary>Computes and keeps the ModUp digits of <paramref name="d"/> (NTT form, at <paramref name="level"/>)
    /// for the following <see cref="ApplyKey"/> calls.</summary>
    public void Decompose(RnsPoly d, int level)
    {
        _galoisElement = 1;
        _fused = false;
        StartModUp(d, level);
        WorkerPool.Shared.Run(_digitLimbs, level + 1 + _parameters.Ring.PCount, int.MaxValue);
        _input = null;
        _decomposedLevel = level;
    }

    /// <summary>Applies <paramref name="key"/> to the kept decomposition after the automorphism X ↦ X^g
    /// (g = 1 for none): (out0, out1) encrypts φ_g(d)·s' under s, over {q_0..q_ℓ}, NTT form.</summary>
    public void ApplyKey(ulong galoisElement, SwitchingKey key, RnsPoly out0, RnsPoly out1)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckOutputs(out0, out1);
        if (_decomposedLevel < 0) throw new InvalidOperationException("ApplyKey: call Decompose first.");
        _parameters.CheckId(key.ParameterId, "KeySwitch");
        _ = galoisElement == 1 ? default : _parameters.Ring.AutomorphismNttIndex(galoisElement);   // validates g
        EnsureWorkers();
        _galoisElement = galoisElement;
        _fused = false;
        _key = key;
        _out0 = out0;
        _out1 = out1;
        FinishSwitch(_decomposedLevel);
    }

    private static void CheckOutputs(RnsPoly out0, RnsPoly out1)
    {
        ArgumentNullException.ThrowIfNull(out0);
        ArgumentNullException.ThrowIfNull(out1);
    }

    /// <summary>INTT of d and the per-digit conversion preparation.</summary>
    private void StartModUp(RnsPoly d, int level)
    {
        ArgumentNullException.ThrowIfNull(d);
        if ((uint)level > (uint)_parameters.MaxLevel) throw new ArgumentOutOfRangeException(nameof(level));
        EnsureWorkers();
        _decomposedLevel = -1;
        _input = d;
        _level = level;
        _coefficients.LimbCount = level + 1;
        _permuted.LimbCount = level + 1;
        foreach (var digit in _digits) digit.LimbCount = level + 1 + _parameters.Ring.PCount;
        var pool = WorkerPool.Shared;
        pool.Run(_inverse, level + 1, int.MaxValue);
        pool.Run(_prepare, _parameters.DigitCount(level), int.MaxValue);
    }

    /// <summary>The special limbs' inner products and ModDown preparation, then every ciphertext limb.</summary>
    private void FinishSwitch(int level)
    {
        var pool = WorkerPool.Shared;
        _level = level;
        int k = _parameters.Ring.PCount;
        _special0.LimbCount = k;
        _special1.LimbCount = k;
        pool.Run(_special, k, int.MaxValue);
        pool.Run(_specialPrepare, 2, int.MaxValue);
        _out0!.LimbCount = level + 1;
        _out1!.LimbCount = level + 1;
        pool.Run(_output, level + 1, int.MaxValue);
        _input = null;
        _key = null;
        _out0 = _out1 = null;
    }

    private void Execute(Phase phase, int index, int worker)
    {
        var ring = _parameters.Ring;
        int level = _level, n = _parameters.N, digitCount = _parameters.DigitCount(level);
        switch (phase)
        {
            case Phase.Inverse:
                {
                    Span<ulong> limb = _coefficients.Limb(index);
                    _input!.Limb(index).CopyTo(limb);
                    ring.Q(level).Tables[index].Inverse(limb);
                    break;
                }
            case Phase.Prepare:
                Prepare(index);
                break;
            case Phase.DigitLimbs:
                for (int j = 0; j < digitCount; j++)
                {
                    if (IsOwnLimb(j, index)) _input!.Limb(index).CopyTo(_digits[j].Limb(index));   // exact residues, already NTT
                    else RaiseDigit(j, index, _digits[j].Limb(index));
                }
                break;
            case Phase.SpecialDigits:
                {
                    int digit = index % digitCount, limb = level + 1 + index / digitCount;
                    RaiseDigit(digit, limb, _digits[digit].Limb(limb));
                    break;
                }
            case Phase.Special:
                Special(index);
                break;
            case Phase.SpecialPrepare:
                _parameters.ModDownConverter(level).Prepare((index == 0 ? _special0 : _special1).Coefficients, _specialOverflow.AsSpan(index * n, n));
                break;
            case Phase.Output:
                Output(index, worker);
                break;
        }
    }

    /// <summary>Conversion preparation of digit j, or, for a fused rotation, of its image under the automorphism: the
    /// preparation is coefficient-wise, so preparing the gathered residues gives the gathered preparation (the signs of
    /// the signed permutation are applied to the raised limbs, in <see cref="RaiseDigit"/>).</summary>
    private void Prepare(int digit)
    {
        int n = _parameters.N, start = digit * _parameters.DigitSize, count = DigitPrimes(digit);
        Span<ulong> values = _coefficients.Coefficients.Slice(start * n, count * n);
        if (_fused && _galoisElement != 1)
        {
            int[] source = _parameters.Ring.AutomorphismCoefficientMap(_galoisElement).Source;
            Span<ulong> permuted = _permuted.Coefficients.Slice(start * n, count * n);
            for (int i = 0; i < count; i++) ModularKernels.Gather(values.Slice(i * n, n), source, permuted.Slice(i * n, n));
            _parameters.ModUpConverter(_level, digit).Prepare(permuted, _permutedOverflow.AsSpan(digit * n, n));
            return;
        }
        _parameters.ModUpConverter(_level, digit).Prepare(values, _overflow.AsSpan(digit * n, n));
    }

    private int DigitPrimes(int digit) => Math.Min(_parameters.DigitSize, _level + 1 - digit * _parameters.DigitSize);

    private bool IsOwnLimb(int digit, int limb) => limb >= digit * _parameters.DigitSize && limb < digit * _parameters.DigitSize + DigitPrimes(digit);

    /// <summary>Limb <paramref name="limb"/> of QP of digit <paramref name="digit"/> (not one of the digit's own primes):
    /// the centred conversion of the digit (of its automorphism image, for a fused rotation) in NTT form.</summary>
    private void RaiseDigit(int digit, int limb, Span<ulong> destination)
    {
        int n = _parameters.N, start = digit * _parameters.DigitSize, count = DigitPrimes(digit);
        bool rotated = _fused && _galoisElement != 1;
        var prepared = rotated ? _permuted : _coefficients;
        var overflow = rotated ? _permutedOverflow : _overflow;
        ReadOnlySpan<ulong> negate = rotated ? _parameters.Ring.AutomorphismCoefficientMap(_galoisElement).Negate : default;
        _parameters.ModUpConverter(_level, digit).Emit(prepared.Coefficients.Slice(start * n, count * n), overflow.AsSpan(digit * n, n), negate,
            limb, destination);
        _parameters.Ring.QP(_level).Tables[limb].Forward(destination);
    }

    /// <summary>Special limb p: the inner product over the stored digit limbs, back to coefficient form.</summary>
    private unsafe void Special(int p)
    {
        int limb = _level + 1 + p, digitCount = _parameters.DigitCount(_level);
        Span<nint> x = stackalloc nint[digitCount];
        for (int j = 0; j < digitCount; j++) x[j] = (nint)_digits[j].Pointer(limb);
        InnerProduct(limb, x, permuted: !_fused, _special0.Pointer(p), _special1.Pointer(p), null, null, 0, 0);
        var table = _parameters.Ring.P!.Tables[p];
        table.Inverse(_special0.Limb(p));
        table.Inverse(_special1.Limb(p));
    }

    /// <summary>Ciphertext limb i: its digit limbs (when fused), the two ModDown corrections, and the inner product
    /// written as (acc − correction)·P^-1 into the outputs.</summary>
    private unsafe void Output(int limb, int worker)
    {
        int level = _level, n = _parameters.N, digitCount = _parameters.DigitCount(level);
        RnsPoly[] scratch = _workerScratch[worker];
        Span<nint> x = stackalloc nint[digitCount];
        for (int j = 0; j < digitCount; j++)
        {
            var buffer = scratch[2 + j];
            x[j] = (nint)buffer.Pointer(0);
            if (!_fused) x[j] = (nint)_digits[j].Pointer(limb);
            else if (!IsOwnLimb(j, limb)) RaiseDigit(j, limb, buffer.Limb(0));
            else if (_galoisElement != 1) ModularKernels.Gather(_input!.Limb(limb), _parameters.Ring.AutomorphismNttIndex(_galoisElement), buffer.Limb(0));
            else x[j] = (nint)_input!.Pointer(limb);   // exact residues, already NTT
        }
        var q = _parameters.Ring.Q(level);
        Span<ulong> correction0 = scratch[0].Limb(0), correction1 = scratch[1].Limb(0);
        var converter = _parameters.ModDownConverter(level);
        converter.Emit(_special0.Coefficients, _specialOverflow.AsSpan(0, n), default, limb, correction0);
        converter.Emit(_special1.Coefficients, _specialOverflow.AsSpan(n, n), default, limb, correction1);
        q.Tables[limb].Forward(correction0);
        q.Tables[limb].Forward(correction1);
        ReadOnlySpan<ulong> pInverse = _parameters.PInverseModQ(limb);
        InnerProduct(limb, x, permuted: !_fused, _out0!.Pointer(limb), _out1!.Pointer(limb), scratch[0].Pointer(0), scratch[1].Pointer(0),
            pInverse[0], pInverse[1]);
    }

    /// <summary>(out0, out1) = Σ_j x_j ⊙ (b_j, a_j) on limb <paramref name="limb"/> of QP (x_j read through the
    /// automorphism when <paramref name="permuted"/>), fully reduced, then (out − correction)·w when corrections are given.</summary>
    private unsafe void InnerProduct(int limb, ReadOnlySpan<nint> x, bool permuted, ulong* out0, ulong* out1, ulong* correction0,
        ulong* correction1, ulong w, ulong wShoup)
    {
        var ring = _parameters.Ring;
        int level = _level, digitCount = x.Length;
        int keyLimb = limb <= level ? limb : _parameters.MaxLevel + 1 + (limb - level - 1);
        var key = _key!;
        Span<nint> b = stackalloc nint[digitCount], a = stackalloc nint[digitCount];
        for (int j = 0; j < digitCount; j++)
        {
            b[j] = (nint)key.B[j].Pointer(keyLimb);
            a[j] = (nint)key.A[j].Pointer(keyLimb);
        }
        ReadOnlySpan<int> permutation = permuted && _galoisElement != 1 ? ring.AutomorphismNttIndex(_galoisElement) : default;
        InnerProductKernels.MultiplyAccumulate(x, b, a, permutation, _parameters.N, ring.QP(level).Moduli[limb], out0, out1,
            correction0, correction1, w, wShoup);
    }

    private void EnsureWorkers()
    {
        int threads = RingParallelism.ThreadCount;
        if (_workerScratch.Length >= threads) return;
        var grown = new RnsPoly[threads][];
        _workerScratch.CopyTo(grown, 0);
        for (int w = _workerScratch.Length; w < threads; w++)
        {
            grown[w] = new RnsPoly[2 + _parameters.Dnum];
            for (int i = 0; i < grown[w].Length; i++) grown[w][i] = new RnsPoly(_parameters.N, 1);   // separately skewed (RnsPoly)
        }
        _workerScratch = grown;
    }

    /// <summary>One phase of the operation in progress, as pool work (allocated once).</summary>
    private sealed class Job(KeySwitcher owner, Phase phase) : IParallelWork
    {
        public void Execute(int index, int worker) => owner.Execute(phase, index, worker);
    }
}
