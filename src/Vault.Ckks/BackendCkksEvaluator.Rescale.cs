using Vault.Ring;

namespace Vault.Ckks;

public sealed partial class BackendCkksEvaluator
{
    /// <summary>a ↦ ⌊a / q_ℓ⌉ over q_0..q_(ℓ−1), in NTT form and in place (limbs [0, ℓ) are rewritten, limb ℓ is left as
    /// scratch), as <see cref="RnsBasis.DivideRoundByLastNtt(RnsPoly, Span{ulong})"/>: t = INTT(a_ℓ) + ⌊q_ℓ/2⌋ mod q_ℓ; r_i = (t mod q_i) −
    /// ⌊q_ℓ/2⌋ (an exact conversion from {q_ℓ}); a_i = (a_i − NTT(r_i)) · q_ℓ^-1.</summary>
    private void DivideRoundByLast(IDevicePoly a, int level)
    {
        var step = _rescale[level]!;
        var lower = _ring.Q(level - 1);
        _lastLimb.LimbCount = 1;
        _backend.Copy(a, level, _lastLimb, 0, 1);
        _backend.Inverse(step.Last, _lastLimb);
        _backend.AddScalars(step.Last, _lastLimb, step.Half, _lastLimb);
        _rounded.LimbCount = level;
        _backend.ConvertBasis(step.Converter, _lastLimb, 0, _rounded, 0, centered: false);
        _backend.AddScalars(lower, _rounded, step.MinusHalf, _rounded);
        _backend.Forward(lower, _rounded);
        _backend.Subtract(lower, a, _rounded, a);
        _backend.MulScalars(lower, a, step.Inverse, a);
    }

    /// <summary>The constants of a rescale from level ℓ, built once per evaluator (backends cache per basis and
    /// converter by reference, so these objects must live as long as the evaluator).</summary>
    private sealed class RescaleStep
    {
        public RescaleStep(RingContext ring, int level)
        {
            var q = ring.Q(level);
            Last = q.Slice(level, 1);
            Converter = new BasisConverter(Last, ring.Q(level - 1));
            ulong qLast = q.Moduli[level].Value, half = qLast >> 1;
            Half = [half];
            MinusHalf = new ulong[level];
            Inverse = new ulong[level];
            for (int i = 0; i < level; i++)
            {
                var m = q.Moduli[i];
                MinusHalf[i] = m.Negate(m.Reduce(half));      // −(⌊q_ℓ/2⌋ mod q_i)
                Inverse[i] = m.Inverse(m.Reduce(qLast));       // q_ℓ^-1 mod q_i
            }
        }

        /// <summary>{q_ℓ}.</summary>
        public RnsBasis Last { get; }

        /// <summary>Exact conversion {q_ℓ} → {q_0..q_(ℓ−1)} of values below q_ℓ.</summary>
        public BasisConverter Converter { get; }

        /// <summary>[⌊q_ℓ/2⌋].</summary>
        public ulong[] Half { get; }

        /// <summary>−⌊q_ℓ/2⌋ mod q_i.</summary>
        public ulong[] MinusHalf { get; }

        /// <summary>q_ℓ^-1 mod q_i.</summary>
        public ulong[] Inverse { get; }
    }
}
