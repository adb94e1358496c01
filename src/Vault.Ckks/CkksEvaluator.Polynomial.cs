using Vault.Rlwe;

namespace Vault.Ckks;

public sealed partial class CkksEvaluator
{
    /// <summary>The multiplicative depth <c>EvaluatePolynomial</c> uses for a polynomial of degree
    /// <paramref name="degree"/>: ⌈log2(degree + 1)⌉ (at least 1), the minimum for any evaluation.</summary>
    public static int PolynomialDepth(int degree)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(degree);
        int depth = 1;
        while ((1 << depth) < degree + 1) depth++;
        return depth;
    }

    /// <summary>dst = p(ct) = Σ_k c_k · ct^k in every slot, at level ℓ − <see cref="PolynomialDepth"/>(deg p) and at
    /// exactly <paramref name="targetScale"/>.</summary>
    /// <remarks>
    /// Power-of-two splitting: p = q · x^(2^(m−1)) + r with deg q, r &lt; 2^(m−1), recursively, on the powers
    /// x, x², x⁴, … computed by squaring. Every leaf c_0 + c_1·x costs one
    /// <see cref="MultiplyConstantRescale(Ciphertext, double, double, Ciphertext)"/>, and each branch asks its children
    /// for the scale that makes the product land on its own target, so the result has depth ⌈log2(d + 1)⌉ (optimal) and
    /// an exact scale, whatever the primes. About d ciphertext products. Allocates its temporaries; the destination
    /// may alias the input. Needs the relinearization key when the degree exceeds one.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The ciphertext has fewer levels than the depth.</exception>
    public void EvaluatePolynomial(Ciphertext ct, ReadOnlySpan<double> coefficients, double targetScale, Ciphertext destination)
    {
        Check(ct, "EvaluatePolynomial");
        CheckDestination(destination, "EvaluatePolynomial");
        if (coefficients.IsEmpty) throw new ArgumentException("EvaluatePolynomial: no coefficients.", nameof(coefficients));
        foreach (double c in coefficients)
            if (!double.IsFinite(c)) throw new ArgumentException("EvaluatePolynomial: coefficients must be finite.", nameof(coefficients));
        int degree = coefficients.Length - 1;
        while (degree > 0 && coefficients[degree] == 0) degree--;
        int depth = PolynomialDepth(degree);
        if (ct.Level < depth)
            throw new InvalidOperationException($"EvaluatePolynomial: degree {degree} needs {depth} levels but the ciphertext is at level {ct.Level}.");
        var powers = new Ciphertext[depth];             // powers[i] = x^(2^i) at level ℓ − i
        powers[0] = ct;
        for (int i = 1; i < depth; i++)
        {
            powers[i] = NewCiphertext(ct.Level, ct.Scale);
            MultiplyRelinearizeRescale(powers[i - 1], powers[i - 1], powers[i]);
        }
        var result = EvaluateSplit(powers, coefficients[..(degree + 1)], depth, targetScale);
        result.CopyTo(destination);
    }

    /// <summary>Returns p(ct) at <paramref name="targetScale"/>.</summary>
    public Ciphertext EvaluatePolynomial(Ciphertext ct, ReadOnlySpan<double> coefficients, double targetScale)
    {
        ArgumentNullException.ThrowIfNull(ct);
        var d = NewCiphertext(ct.Level, ct.Scale);
        EvaluatePolynomial(ct, coefficients, targetScale, d);
        return d;
    }

    /// <summary>Σ_(k &lt; c.Length) c_k x^k (c.Length ≤ 2^m) at level ℓ − m and scale exactly <paramref name="scale"/>.</summary>
    private Ciphertext EvaluateSplit(Ciphertext[] powers, ReadOnlySpan<double> c, int m, double scale)
    {
        var x = powers[0];
        int top = x.Level;
        if (m == 1)
        {
            var leaf = NewCiphertext(top, x.Scale);
            MultiplyConstantRescale(x, c.Length > 1 ? c[1] : 0.0, scale, leaf);
            if (c[0] != 0) AddConstant(leaf, c[0], leaf);
            return leaf;
        }
        int half = 1 << (m - 1);
        var low = c[..Math.Min(half, c.Length)];
        var high = c.Length > half ? c[half..] : [];
        Ciphertext result;
        if (IsZero(high))
        {
            result = EvaluateSplit(powers, low, m - 1, scale);
            DropLevel(result, top - m, result);
            return result;
        }
        var power = powers[m - 1];                       // x^(2^(m−1)) at level top − (m − 1)
        int productLevel = top - (m - 1);
        double q = _ring.Q(productLevel).Moduli[productLevel].Value;
        if (high.Length == 1)
        {
            result = NewCiphertext(power.Level, power.Scale);
            MultiplyConstantRescale(power, high[0], scale, result);
        }
        else
        {
            var h = EvaluateSplit(powers, high, m - 1, scale * q / power.Scale);
            result = NewCiphertext(productLevel, scale);
            MultiplyRelinearizeRescale(h, power, result);
            result.Scale = scale;                        // equal up to the double rounding of s·q/s_p·s_p/q
        }
        if (IsZero(low[1..]))
        {
            if (low[0] != 0) AddConstant(result, low[0], result);
            return result;
        }
        var r = EvaluateSplit(powers, low, m - 1, scale);
        DropLevel(r, top - m, r);
        Add(result, r, result);
        return result;
    }

    private static bool IsZero(ReadOnlySpan<double> values)
    {
        foreach (double v in values) if (v != 0) return false;
        return true;
    }
}
