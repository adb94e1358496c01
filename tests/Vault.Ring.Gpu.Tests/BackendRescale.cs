namespace Vault.Ring.Gpu.Tests;

/// <summary>CKKS rescale (<see cref="RnsBasis.DivideRoundByLastNtt(RnsPoly, Span{ulong})"/>: a ↦ ⌊a / q_ℓ⌉ over q_0..q_(ℓ−1)) composed only of
/// <see cref="IRingBackend"/> operations, intermediates resident on the backend: the evidence that the seam covers
/// rescaling. Test code (the evaluator does not run on the backend yet).</summary>
internal static class BackendRescale
{
    /// <summary>Rescales <paramref name="a"/> (NTT form over <paramref name="q"/>) by its last prime.</summary>
    public static RnsPoly DivideRoundByLast(IRingBackend backend, RnsBasis q, RnsPoly a)
    {
        int last = q.Count - 1;
        var lastPrime = q.Slice(last, 1);
        var lower = q.Slice(0, last);
        ulong qLast = q.Moduli[last].Value, half = qLast >> 1;
        var minusHalf = new ulong[last];
        var inverse = new ulong[last];
        for (int i = 0; i < last; i++)
        {
            var m = q.Moduli[i];
            minusHalf[i] = m.Negate(m.Reduce(half));              // −(⌊q_ℓ/2⌋ mod q_i)
            inverse[i] = m.Inverse(m.Reduce(qLast));               // q_ℓ^-1 mod q_i
        }
        using var input = backend.Allocate(q.Count);
        using var t = backend.Allocate(1);
        using var r = backend.Allocate(last);
        backend.Upload(a, input);
        backend.Copy(input, last, t, 0, 1);
        backend.Inverse(lastPrime, t);
        backend.AddScalars(lastPrime, t, [half], t);                                         // t = a_ℓ + h
        backend.ConvertBasis(new BasisConverter(lastPrime, lower), t, 0, r, 0, centered: false);   // t mod q_i, exactly
        backend.AddScalars(lower, r, minusHalf, r);
        backend.Forward(lower, r);
        backend.Subtract(lower, input, r, r);
        backend.MulScalars(lower, r, inverse, r);
        var output = new RnsPoly(q.N, last);
        backend.Download(r, output);
        return output;
    }
}
