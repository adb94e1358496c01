namespace Vault.Ring;

/// <summary>The RNS polynomial operations that the CKKS hot paths need, over backend-owned polynomials
/// (<see cref="IDevicePoly"/>), so the same evaluator code can run on the CPU reference (<see cref="CpuRingBackend"/>)
/// or on an accelerator. Every implementation is bit-exact with the CPU reference: the same lazy ranges, the same
/// reductions, the same outputs for the same inputs.</summary>
/// <remarks>
/// A backend is bound to one <see cref="RingContext"/>: every <see cref="RnsBasis"/> passed in must be made of the
/// context's primes (the bases <see cref="RingContext.Q"/>, <see cref="RingContext.QP"/>, <see cref="RingContext.P"/>
/// or slices of them). An operation on a basis of k primes reads and writes limbs [0, k) of its polynomials, which must
/// have at least k limbs in use; limb counts are never changed except by <see cref="Upload"/> and
/// <see cref="Download"/>. All values are fully reduced, in [0, q_i). Host ↔ device copies happen only in
/// <see cref="Upload"/> and <see cref="Download"/>. Backends are not thread-safe (they own scratch space).
/// </remarks>
public interface IRingBackend : IDisposable
{
    /// <summary>The ring whose primes this backend's tables hold.</summary>
    RingContext Ring { get; }

    /// <summary>A human-readable name of the device (for logs and benchmarks).</summary>
    string DeviceName { get; }

    /// <summary>Allocates a zero polynomial of degree <see cref="RingContext.N"/> with room for
    /// <paramref name="capacity"/> limbs, all in use.</summary>
    IDevicePoly Allocate(int capacity);

    /// <summary>Copies the limbs in use of <paramref name="source"/> into <paramref name="destination"/> and sets its
    /// limb count.</summary>
    void Upload(RnsPoly source, IDevicePoly destination);

    /// <summary>Copies the limbs in use of <paramref name="source"/> into <paramref name="destination"/> and sets its
    /// limb count. Waits for every queued operation on <paramref name="source"/>.</summary>
    void Download(IDevicePoly source, RnsPoly destination);

    /// <summary>Device-to-device copy of limbs [<paramref name="sourceLimb"/>, + <paramref name="limbCount"/>) of
    /// <paramref name="source"/> into limbs [<paramref name="destinationLimb"/>, + <paramref name="limbCount"/>) of
    /// <paramref name="destination"/> (both ranges within the limbs in use; they must not overlap when source and
    /// destination are the same polynomial). Moves limbs between bases, e.g. the P limbs of a key-switching accumulator.</summary>
    void Copy(IDevicePoly source, int sourceLimb, IDevicePoly destination, int destinationLimb, int limbCount);

    /// <summary>Forward NTT of every limb of <paramref name="basis"/>, in place (<see cref="RnsBasis.Forward"/>).</summary>
    void Forward(RnsBasis basis, IDevicePoly a);

    /// <summary>Inverse NTT of every limb of <paramref name="basis"/>, in place (<see cref="RnsBasis.Inverse"/>).</summary>
    void Inverse(RnsBasis basis, IDevicePoly a);

    /// <summary>destination = a + b. The destination may alias an input.</summary>
    void Add(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination);

    /// <summary>destination = a − b. The destination may alias an input.</summary>
    void Subtract(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination);

    /// <summary>destination = −a. The destination may alias the input.</summary>
    void Negate(RnsBasis basis, IDevicePoly a, IDevicePoly destination);

    /// <summary>destination = a ⊙ b (the ring product in NTT form). The destination may alias an input.</summary>
    void MulCoefficients(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination);

    /// <summary>destination += a ⊙ b. The destination may alias an input.</summary>
    void MulCoefficientsAdd(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination);

    /// <summary>destination = a · c_i on limb i, for per-limb scalars c_i &lt; q_i (<paramref name="scalars"/> has one
    /// per prime of <paramref name="basis"/>). The destination may alias the input.</summary>
    void MulScalars(RnsBasis basis, IDevicePoly a, ReadOnlySpan<ulong> scalars, IDevicePoly destination);

    /// <summary>destination = a + c_i on limb i, for per-limb scalars c_i &lt; q_i (in NTT form this adds the constant
    /// polynomial c; <see cref="RnsBasis.AddScalarNtt"/>). The destination may alias the input.</summary>
    void AddScalars(RnsBasis basis, IDevicePoly a, ReadOnlySpan<ulong> scalars, IDevicePoly destination);

    /// <summary>destination = φ_g(a): X ↦ X^g on a polynomial in NTT form (<see cref="RingContext.AutomorphismNtt"/>).
    /// g must be odd and below 2N. The destination must not alias the input.</summary>
    void AutomorphismNtt(RnsBasis basis, IDevicePoly a, ulong galoisElement, IDevicePoly destination);

    /// <summary>Base conversion of <paramref name="converter"/> on coefficient-form data: reads limbs
    /// [<paramref name="sourceLimb"/>, + |A|) of <paramref name="source"/>, writes limbs
    /// [<paramref name="destinationLimb"/>, + |B|) of <paramref name="destination"/>, with
    /// <see cref="BasisConverter.Convert(ReadOnlySpan{ulong}, Span{ulong})"/> or, when <paramref name="centered"/>, <see cref="BasisConverter.ConvertCentered"/>.
    /// The two ranges must not overlap when source and destination are the same polynomial.</summary>
    void ConvertBasis(BasisConverter converter, IDevicePoly source, int sourceLimb, IDevicePoly destination, int destinationLimb, bool centered);

    /// <summary>destination = Σ_j a_j ⊙ b_j (the key-switching inner product of gadget digits with key parts), reduced
    /// once per coefficient. <paramref name="a"/> and <paramref name="b"/> have the same non-zero length; the destination
    /// must not alias any input.</summary>
    void InnerProduct(RnsBasis basis, ReadOnlySpan<IDevicePoly> a, ReadOnlySpan<IDevicePoly> b, IDevicePoly destination);
}
