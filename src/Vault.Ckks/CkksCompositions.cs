using Vault.Rlwe;

namespace Vault.Ckks;

/// <summary>The CKKS operations composed of others, written once over <see cref="ICkksEvaluator{TCiphertext, TPlaintext}"/>
/// so the host and the device evaluator run the same steps (hence give the same bytes). Callers check their operands
/// first; temporaries that hold device memory are disposed here.</summary>
internal static class CkksCompositions
{
    /// <summary>destination = Σ_(i &lt; count) rotate(ct, i · stride) by log2(count) doubling steps, with
    /// <paramref name="rotated"/> as scratch (arguments checked by <see cref="CkksEvaluator.CheckSum"/>).</summary>
    public static void InnerSum<TCiphertext, TPlaintext>(ICkksEvaluator<TCiphertext, TPlaintext> ev, TCiphertext ct, int stride, int count,
        TCiphertext destination, Func<TCiphertext> rotated)
        where TCiphertext : class, ILeveledCiphertext
        where TPlaintext : class
    {
        ev.Copy(ct, destination);
        if (count == 1) return;
        var scratch = rotated();
        for (int step = stride; step < stride * count; step <<= 1)
        {
            ev.Rotate(destination, step, scratch);
            ev.Add(destination, scratch, destination);
        }
    }

    /// <summary>The same sum in radix-4 stages: rot(x, s), rot(x, 2s), rot(x, 3s) from one decomposition
    /// (<see cref="ICkksEvaluator{TCiphertext, TPlaintext}.RotateHoisted"/>), then s ← 4s; a last radix-2 stage when log2(count)
    /// is odd. <paramref name="scratch"/> gives three ciphertexts.</summary>
    public static void InnerSumHoisted<TCiphertext, TPlaintext>(ICkksEvaluator<TCiphertext, TPlaintext> ev, TCiphertext ct, int stride, int count,
        TCiphertext destination, Func<TCiphertext[]> scratch)
        where TCiphertext : class, ILeveledCiphertext
        where TPlaintext : class
    {
        ev.Copy(ct, destination);
        if (count == 1) return;
        var rotated = scratch();
        Span<int> steps = stackalloc int[3];
        long step = stride;
        int remaining = count;
        while (remaining > 1)
        {
            if (remaining >= 4)
            {
                steps[0] = (int)step;
                steps[1] = (int)(2 * step);
                steps[2] = (int)(3 * step);
                ev.RotateHoisted(destination, steps, rotated);
                ev.Add(rotated[0], rotated[1], rotated[0]);
                ev.Add(rotated[0], rotated[2], rotated[0]);
                ev.Add(destination, rotated[0], destination);
                step *= 4;
                remaining /= 4;
            }
            else
            {
                ev.Rotate(destination, (int)step, rotated[0]);
                ev.Add(destination, rotated[0], destination);
                step *= 2;
                remaining /= 2;
            }
        }
    }

    /// <summary>destination = p(ct) at level ℓ − <see cref="CkksEvaluator.PolynomialDepth"/>(deg p) and exactly
    /// <paramref name="targetScale"/>, by power-of-two splitting (see <see cref="CkksEvaluator.EvaluatePolynomial(Ciphertext, ReadOnlySpan{double}, double, Ciphertext)"/>).</summary>
    /// <exception cref="ArgumentException">No coefficients, or one is not finite.</exception>
    /// <exception cref="InvalidOperationException">The ciphertext has fewer levels than the depth.</exception>
    public static void EvaluatePolynomial<TCiphertext, TPlaintext>(ICkksEvaluator<TCiphertext, TPlaintext> ev, TCiphertext ct,
        ReadOnlySpan<double> coefficients, double targetScale, TCiphertext destination)
        where TCiphertext : class, ILeveledCiphertext
        where TPlaintext : class
    {
        if (coefficients.IsEmpty) throw new ArgumentException("EvaluatePolynomial: no coefficients.", nameof(coefficients));
        foreach (double c in coefficients)
            if (!double.IsFinite(c)) throw new ArgumentException("EvaluatePolynomial: coefficients must be finite.", nameof(coefficients));
        int degree = coefficients.Length - 1;
        while (degree > 0 && coefficients[degree] == 0) degree--;
        int depth = CkksEvaluator.PolynomialDepth(degree);
        if (ct.Level < depth)
            throw new InvalidOperationException($"EvaluatePolynomial: degree {degree} needs {depth} levels but the ciphertext is at level {ct.Level}.");
        var powers = new TCiphertext[depth];             // powers[i] = x^(2^i) at level ℓ − i
        powers[0] = ct;
        try
        {
            for (int i = 1; i < depth; i++)
            {
                powers[i] = ev.NewCiphertext(ct.Level, ct.Scale);
                ev.MultiplyRelinearizeRescale(powers[i - 1], powers[i - 1], powers[i]);
            }
            var result = EvaluateSplit(ev, powers, coefficients[..(degree + 1)], depth, targetScale);
            ev.Copy(result, destination);
            Release(result);
        }
        finally
        {
            for (int i = 1; i < depth; i++) Release(powers[i]);
        }
    }

    /// <summary>Σ_(k &lt; c.Length) c_k x^k (c.Length ≤ 2^m) at level ℓ − m and scale exactly <paramref name="scale"/>, as a
    /// new ciphertext.</summary>
    private static TCiphertext EvaluateSplit<TCiphertext, TPlaintext>(ICkksEvaluator<TCiphertext, TPlaintext> ev, TCiphertext[] powers,
        ReadOnlySpan<double> c, int m, double scale)
        where TCiphertext : class, ILeveledCiphertext
        where TPlaintext : class
    {
        var x = powers[0];
        int top = x.Level;
        if (m == 1)
        {
            var leaf = ev.NewCiphertext(top, x.Scale);
            ev.MultiplyConstantRescale(x, c.Length > 1 ? c[1] : 0.0, scale, leaf);
            if (c[0] != 0) ev.AddConstant(leaf, c[0], leaf);
            return leaf;
        }
        int half = 1 << (m - 1);
        var low = c[..Math.Min(half, c.Length)];
        var high = c.Length > half ? c[half..] : [];
        TCiphertext result;
        if (IsZero(high))
        {
            result = EvaluateSplit(ev, powers, low, m - 1, scale);
            ev.DropLevel(result, top - m, result);
            return result;
        }
        var power = powers[m - 1];                       // x^(2^(m−1)) at level top − (m − 1)
        int productLevel = top - (m - 1);
        double q = ev.Parameters.Rlwe.QPrimes[productLevel];
        if (high.Length == 1)
        {
            result = ev.NewCiphertext(power.Level, power.Scale);
            ev.MultiplyConstantRescale(power, high[0], scale, result);
        }
        else
        {
            var h = EvaluateSplit(ev, powers, high, m - 1, scale * q / power.Scale);
            result = ev.NewCiphertext(productLevel, scale);
            ev.MultiplyRelinearizeRescale(h, power, result);
            Release(h);
            result.Scale = scale;                        // equal up to the double rounding of s·q/s_p·s_p/q
        }
        if (IsZero(low[1..]))
        {
            if (low[0] != 0) ev.AddConstant(result, low[0], result);
            return result;
        }
        var r = EvaluateSplit(ev, powers, low, m - 1, scale);
        ev.DropLevel(r, top - m, r);
        ev.Add(result, r, result);
        Release(r);
        return result;
    }

    private static bool IsZero(ReadOnlySpan<double> values)
    {
        foreach (double v in values) if (v != 0) return false;
        return true;
    }

    private static void Release(object item) => (item as IDisposable)?.Dispose();
}
