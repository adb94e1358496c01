using Vault.Rlwe;

namespace Vault.Ckks;

/// <summary>The CKKS operations encrypted algorithms are written against, whatever holds the ciphertexts:
/// <see cref="CkksEvaluator"/> on host <see cref="Ciphertext"/>s and <see cref="BackendCkksEvaluator"/> on
/// <see cref="DeviceCiphertext"/>s resident on a ring backend (a GPU). Both give bit-identical results, so an algorithm
/// written once runs on either and produces the same bytes.</summary>
/// <remarks>Operations come as <c>Op(inputs…, destination)</c>; the destination may alias an input. Ciphertexts from
/// <see cref="NewCiphertext"/> and plaintexts from <see cref="Load"/> that are <see cref="IDisposable"/> (the device
/// ones) are disposed by the caller.</remarks>
/// <typeparam name="TCiphertext">The ciphertext representation.</typeparam>
/// <typeparam name="TPlaintext">The plaintext representation.</typeparam>
public interface ICkksEvaluator<TCiphertext, TPlaintext>
    where TCiphertext : class, ILeveledCiphertext
    where TPlaintext : class
{
    /// <summary>The parameters.</summary>
    CkksParameters Parameters { get; }

    /// <summary>A new zero ciphertext at <paramref name="level"/> (storage for the top level).</summary>
    TCiphertext NewCiphertext(int level, double scale);

    /// <summary>An encoded plaintext in this evaluator's representation (the host plaintext itself, or a device copy).</summary>
    TPlaintext Load(Plaintext plaintext);

    /// <summary>Copies parts, level and scale of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    void Copy(TCiphertext source, TCiphertext destination);

    /// <summary>dst = a + b.</summary>
    void Add(TCiphertext a, TCiphertext b, TCiphertext destination);

    /// <summary>dst = ct + c in every slot (c encoded at the ciphertext's scale).</summary>
    void AddConstant(TCiphertext ct, double c, TCiphertext destination);

    /// <summary>dst = ct + pt.</summary>
    void AddPlain(TCiphertext ct, TPlaintext pt, TCiphertext destination);

    /// <summary>dst = ct ⊙ pt (the scale becomes the product of the scales).</summary>
    void MultiplyPlain(TCiphertext ct, TPlaintext pt, TCiphertext destination);

    /// <summary>Divides by the last prime with rounding: one level down.</summary>
    void Rescale(TCiphertext ct, TCiphertext destination);

    /// <summary>Drops primes down to <paramref name="level"/> without dividing.</summary>
    void DropLevel(TCiphertext ct, int level, TCiphertext destination);

    /// <summary>Drops <paramref name="ct"/> to <paramref name="level"/> in place when it sits above it.</summary>
    void DropLevelTo(TCiphertext ct, int level);

    /// <summary>dst = c · ct one level down, at exactly <paramref name="targetScale"/>.</summary>
    void MultiplyConstantRescale(TCiphertext ct, double c, double targetScale, TCiphertext destination);

    /// <summary>dst = Rescale(Relinearize(a · b)).</summary>
    void MultiplyRelinearizeRescale(TCiphertext a, TCiphertext b, TCiphertext destination);

    /// <summary>dst = the slots of ct rotated left by <paramref name="rotation"/> (a Galois key for it, or composed from powers of two).</summary>
    void Rotate(TCiphertext ct, int rotation, TCiphertext destination);

    /// <summary>dst = p(ct) = Σ_k c_k · ct^k at level ℓ − <see cref="CkksEvaluator.PolynomialDepth"/>(deg p) and exactly
    /// <paramref name="targetScale"/>.</summary>
    void EvaluatePolynomial(TCiphertext ct, ReadOnlySpan<double> coefficients, double targetScale, TCiphertext destination);

    /// <summary>destinations[i] = ct rotated by steps[i], all sharing one key-switch decomposition (a Galois key per step).</summary>
    void RotateHoisted(TCiphertext ct, ReadOnlySpan<int> steps, IReadOnlyList<TCiphertext> destinations);

    /// <summary>dst = Σ_(i &lt; count) rotate(ct, i · stride) (count a power of two; Galois keys for the doubling steps).</summary>
    void InnerSum(TCiphertext ct, int stride, int count, TCiphertext destination);
}
