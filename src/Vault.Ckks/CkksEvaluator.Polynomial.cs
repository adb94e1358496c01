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
        CkksCompositions.EvaluatePolynomial(this, ct, coefficients, targetScale, destination);
    }

    /// <summary>Returns p(ct) at <paramref name="targetScale"/>.</summary>
    public Ciphertext EvaluatePolynomial(Ciphertext ct, ReadOnlySpan<double> coefficients, double targetScale)
    {
        ArgumentNullException.ThrowIfNull(ct);
        var d = NewCiphertext(ct.Level, ct.Scale);
        EvaluatePolynomial(ct, coefficients, targetScale, d);
        return d;
    }
}
