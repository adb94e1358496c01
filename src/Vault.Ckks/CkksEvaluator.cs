using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks;

/// <summary>Homomorphic operations on CKKS ciphertexts: arithmetic, multiplication with relinearization, rescaling,
/// level drops, rotations (direct, composed from power-of-two keys, or hoisted), conjugation and slot sums.
/// Holds only public material: the parameters and evaluation keys.</summary>
/// <remarks>
/// Every method checks parameter Ids first. Operations come as <c>Op(inputs…, destination)</c>, writing into a
/// caller-provided ciphertext (the destination may alias an input unless stated), and as <c>Op(inputs…)</c>
/// returning a new one. Not thread-safe: it owns the scratch space that keeps operations allocation-free;
/// use one evaluator per thread.
/// </remarks>
public sealed partial class CkksEvaluator : ICkksEvaluator<Ciphertext, Plaintext>
{
    private const double ScaleTolerance = 1e-9;

    private readonly CkksParameters _parameters;
    private readonly RlweParameters _rlwe;
    private readonly RingContext _ring;
    private readonly RelinearizationKey? _relinearizationKey;
    private readonly GaloisKeys? _galoisKeys;
    private readonly KeySwitcher _keySwitcher;
    private readonly RnsPoly _t0, _t1, _t2;
    private readonly ulong[] _scratch;

    /// <summary>Creates an evaluator. Keys are optional: operations that need a missing key say so.</summary>
    public CkksEvaluator(CkksParameters parameters, RelinearizationKey? relinearizationKey = null, GaloisKeys? galoisKeys = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (relinearizationKey is not null) parameters.CheckId(relinearizationKey.ParameterId, "CkksEvaluator");
        if (galoisKeys is not null) parameters.CheckId(galoisKeys.ParameterId, "CkksEvaluator");
        _parameters = parameters;
        _rlwe = parameters.Rlwe;
        _ring = _rlwe.Ring;
        _relinearizationKey = relinearizationKey;
        _galoisKeys = galoisKeys;
        _keySwitcher = new KeySwitcher(_rlwe);
        int capacity = parameters.MaxLevel + 1;
        _t0 = new RnsPoly(parameters.N, capacity);
        _t1 = new RnsPoly(parameters.N, capacity);
        _t2 = new RnsPoly(parameters.N, capacity);
        _scratch = new ulong[parameters.N];
    }

    /// <summary>The parameters.</summary>
    public CkksParameters Parameters => _parameters;

    /// <summary>A new ciphertext under these parameters at <paramref name="level"/>.</summary>
    public Ciphertext NewCiphertext(int level, double scale) => new(_rlwe, level, scale);

    /// <summary>The host plaintext itself (host ciphertexts need no copy).</summary>
    Plaintext ICkksEvaluator<Ciphertext, Plaintext>.Load(Plaintext plaintext)
    {
        Check(plaintext, "Load");
        return plaintext;
    }

    /// <summary>Copies parts, level, scale and seed (<see cref="Ciphertext.CopyTo"/>) after the parameter checks.</summary>
    void ICkksEvaluator<Ciphertext, Plaintext>.Copy(Ciphertext source, Ciphertext destination)
    {
        Check(source, "Copy", requireSize2: false);
        CheckDestination(destination, "Copy");
        source.CopyTo(destination);
    }

    private void Check(Ciphertext ct, string operation, bool requireSize2 = true)
    {
        ArgumentNullException.ThrowIfNull(ct);
        _parameters.CheckId(ct.ParameterId, operation);
        if (requireSize2 && ct.Size != 2)
            throw new ArgumentException($"{operation}: ciphertext has {ct.Size} parts; relinearize it first.");
    }

    private void Check(Plaintext pt, string operation)
    {
        ArgumentNullException.ThrowIfNull(pt);
        _parameters.CheckId(pt.ParameterId, operation);
    }

    private void CheckDestination(Ciphertext destination, string operation)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _parameters.CheckId(destination.ParameterId, operation);
    }

    private static void CheckScales(double a, double b, string operation)
    {
        if (Math.Abs(a - b) > ScaleTolerance * Math.Max(a, b))
            throw new ParameterMismatchException(
                $"{operation}: scales differ (2^{Math.Log2(a):F4} vs 2^{Math.Log2(b):F4}); rescale or re-encode so both match.");
    }
}
