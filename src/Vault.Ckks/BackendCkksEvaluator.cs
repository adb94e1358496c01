using System.Numerics;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks;

/// <summary>The CKKS operations of <see cref="CkksEvaluator"/> on ciphertexts resident on an <see cref="IRingBackend"/>
/// (<see cref="DeviceCiphertext"/>): the CPU reference backend or a GPU. Same semantics, same level and scale
/// bookkeeping, same parameter-Id checks and messages, and results bit-identical with <see cref="CkksEvaluator"/>.
/// Host ↔ device copies happen only in <c>Upload</c> and <c>Download</c> (and once per key at construction), so a chain
/// of operations keeps its ciphertexts on the device.</summary>
/// <remarks>
/// Key switching (relinearization, rotations, conjugation) runs through <see cref="BackendKeySwitcher"/>, rescale is
/// composed of backend operations (<see cref="RnsBasis.DivideRoundByLastNtt(RnsPoly, Span{ulong})"/> as copy, inverse NTT, exact conversion
/// of the last limb, forward NTT, subtract, multiply by q_ℓ^-1). The relinearization key and every Galois key are
/// uploaded once, at construction: pass only the keys you need resident (<see cref="GaloisKeys.FromKeys"/>).
/// Operations come as <c>Op(inputs…, destination)</c>; the destination may alias an input unless stated. The evaluator
/// owns its device temporaries (three ciphertext-sized polynomials, the rescale scratch and the key switcher's), so no
/// operation allocates on the CPU backend. Not thread-safe (neither are backends). Dispose it to free the temporaries
/// and the uploaded keys; ciphertexts it made are disposed by their owners.
/// </remarks>
public sealed partial class BackendCkksEvaluator : ICkksEvaluator<DeviceCiphertext, DevicePlaintext>, IDisposable
{
    private const double ScaleTolerance = 1e-9;

    private readonly CkksParameters _parameters;
    private readonly RlweParameters _rlwe;
    private readonly RingContext _ring;
    private readonly IRingBackend _backend;
    private readonly BackendKeySwitcher _keySwitcher;
    private readonly DeviceSwitchingKey? _relinearizationKey;
    private readonly Dictionary<ulong, DeviceSwitchingKey>? _galoisKeys;
    private readonly IDevicePoly _t0, _t1, _t2;
    private readonly RescaleStep?[] _rescale;               // per level ℓ ≥ 1
    private readonly IDevicePoly _lastLimb, _rounded;       // rescale scratch: limb ℓ, then ⌊·⌉ correction over q_0..q_(ℓ−1)
    private readonly ulong[] _scalars;                      // per-limb constants of one call
    private readonly List<IDisposable> _owned = [];
    private bool _disposed;

    /// <summary>Creates an evaluator on <paramref name="backend"/> (bound to <c>parameters.Rlwe.Ring</c>) and uploads the
    /// keys. Keys are optional: operations that need a missing key say so.</summary>
    /// <exception cref="ArgumentException">The backend serves another ring.</exception>
    /// <exception cref="ParameterMismatchException">A key was made under other parameters.</exception>
    public BackendCkksEvaluator(CkksParameters parameters, IRingBackend backend, RelinearizationKey? relinearizationKey = null, GaloisKeys? galoisKeys = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(backend);
        if (relinearizationKey is not null) parameters.CheckId(relinearizationKey.ParameterId, "BackendCkksEvaluator");
        if (galoisKeys is not null) parameters.CheckId(galoisKeys.ParameterId, "BackendCkksEvaluator");
        if (!ReferenceEquals(backend.Ring, parameters.Rlwe.Ring))
            throw new ArgumentException("BackendCkksEvaluator: the backend is bound to another ring than the parameters'.", nameof(backend));
        _parameters = parameters;
        _rlwe = parameters.Rlwe;
        _ring = _rlwe.Ring;
        _backend = backend;
        int top = parameters.MaxLevel + 1;
        _scalars = new ulong[top];
        _rescale = new RescaleStep?[top];
        for (int level = 1; level < top; level++) _rescale[level] = new RescaleStep(_ring, level);
        try
        {
            _keySwitcher = Own(new BackendKeySwitcher(_rlwe, backend));
            _t0 = Allocate(top);
            _t1 = Allocate(top);
            _t2 = Allocate(top);
            _lastLimb = Allocate(1);
            _rounded = Allocate(Math.Max(1, top - 1));
            if (relinearizationKey is not null) _relinearizationKey = Own(_keySwitcher.Upload(relinearizationKey.Key));
            if (galoisKeys is not null)
            {
                _galoisKeys = [];
                foreach (ulong g in galoisKeys.Elements) _galoisKeys.Add(g, Own(_keySwitcher.Upload(galoisKeys[g])));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The parameters.</summary>
    public CkksParameters Parameters => _parameters;

    /// <summary>The backend every ciphertext of this evaluator lives on.</summary>
    public IRingBackend Backend => _backend;

    /// <summary>The Galois elements whose keys are resident, ascending (empty without Galois keys).</summary>
    public IReadOnlyList<ulong> ResidentGaloisElements => _galoisKeys is null ? [] : [.. _galoisKeys.Keys.Order()];

    /// <summary>A new zero ciphertext (2 parts) on the backend at <paramref name="level"/>.</summary>
    public DeviceCiphertext NewCiphertext(int level, double scale)
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, _parameters.MaxLevel);
        return new DeviceCiphertext(_backend, _parameters.Id, _parameters.MaxLevel + 1, level, scale);
    }

    /// <summary>Copies <paramref name="ct"/> to the backend (host → device) as a new device ciphertext.</summary>
    public DeviceCiphertext Upload(Ciphertext ct)
    {
        ArgumentNullException.ThrowIfNull(ct);
        _parameters.CheckId(ct.ParameterId, "Upload");
        var d = NewCiphertext(ct.Level, ct.Scale);
        try
        {
            Upload(ct, d);
            return d;
        }
        catch
        {
            d.Dispose();
            throw;
        }
    }

    /// <summary>Copies <paramref name="ct"/> (parts, level, scale, seed) into <paramref name="destination"/> (host → device).</summary>
    public void Upload(Ciphertext ct, DeviceCiphertext destination)
    {
        ArgumentNullException.ThrowIfNull(ct);
        _parameters.CheckId(ct.ParameterId, "Upload");
        CheckDestination(destination, "Upload");
        int size = ct.Size;
        destination.Size = size;
        for (int i = 0; i < size; i++) _backend.Upload(ct[i], destination[i]);
        destination.Level = ct.Level;
        destination.Scale = ct.Scale;
        destination.Seed = ct.Seed is null ? null : (byte[])ct.Seed.Clone();
    }

    /// <summary>Copies <paramref name="pt"/> to the backend (host → device).</summary>
    public DevicePlaintext Upload(Plaintext pt)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(pt);
        _parameters.CheckId(pt.ParameterId, "Upload");
        var poly = _backend.Allocate(_parameters.MaxLevel + 1);
        try
        {
            _backend.Upload(pt.Poly, poly);
            return new DevicePlaintext(_backend, _parameters.Id, poly, pt.Scale);
        }
        catch
        {
            poly.Dispose();
            throw;
        }
    }

    /// <summary>Copies <paramref name="ct"/> back to the host (device → host) as a new <see cref="Ciphertext"/>.</summary>
    public Ciphertext Download(DeviceCiphertext ct)
    {
        Check(ct, "Download", requireSize2: false);
        var d = new Ciphertext(_rlwe, ct.Level, ct.Scale, ct.Size);
        Download(ct, d);
        return d;
    }

    /// <summary>Copies <paramref name="ct"/> (parts, level, scale, seed) into <paramref name="destination"/> (device →
    /// host; waits for the queued operations).</summary>
    public void Download(DeviceCiphertext ct, Ciphertext destination)
    {
        Check(ct, "Download", requireSize2: false);
        ArgumentNullException.ThrowIfNull(destination);
        _parameters.CheckId(destination.ParameterId, "Download");
        int size = ct.Size, level = ct.Level;
        destination.Size = size;
        for (int i = 0; i < size; i++) _backend.Download(ct[i], destination[i]);
        destination.Level = level;
        destination.Scale = ct.Scale;
        destination.Seed = ct.Seed is null ? null : (byte[])ct.Seed.Clone();
    }

    /// <summary>Copies parts, level, scale and seed of <paramref name="source"/> into <paramref name="destination"/> on the device.</summary>
    public void Copy(DeviceCiphertext source, DeviceCiphertext destination)
    {
        Check(source, "Copy", requireSize2: false);
        CheckDestination(destination, "Copy");
        CopyTo(source, destination);
    }

    /// <summary>A device copy of <paramref name="plaintext"/> (<see cref="Upload(Plaintext)"/>); the caller disposes it.</summary>
    DevicePlaintext ICkksEvaluator<DeviceCiphertext, DevicePlaintext>.Load(Plaintext plaintext) => Upload(plaintext);

    /// <summary>Frees (and zeroes) the device temporaries and the uploaded keys.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _owned.Clear();
    }

    /// <summary>Device copy of parts, level, scale and seed (no-op when <paramref name="source"/> is <paramref name="destination"/>).</summary>
    private void CopyTo(DeviceCiphertext source, DeviceCiphertext destination)
    {
        if (ReferenceEquals(source, destination)) return;
        int size = source.Size, level = source.Level;
        destination.Size = size;
        destination.Level = level;
        for (int i = 0; i < size; i++) _backend.Copy(source[i], 0, destination[i], 0, level + 1);
        destination.Scale = source.Scale;
        destination.Seed = source.Seed is null ? null : (byte[])source.Seed.Clone();
    }

    private void Check(DeviceCiphertext ct, string operation, bool requireSize2 = true)
    {
        ArgumentNullException.ThrowIfNull(ct);
        _parameters.CheckId(ct.ParameterId, operation);
        CheckResident(ct.Backend, ct.IsDisposed, operation);
        if (requireSize2 && ct.Size != 2)
            throw new ArgumentException($"{operation}: ciphertext has {ct.Size} parts; relinearize it first.");
    }

    private void Check(DevicePlaintext pt, string operation)
    {
        ArgumentNullException.ThrowIfNull(pt);
        _parameters.CheckId(pt.ParameterId, operation);
        CheckResident(pt.Backend, pt.IsDisposed, operation);
    }

    private void CheckDestination(DeviceCiphertext destination, string operation)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _parameters.CheckId(destination.ParameterId, operation);
        CheckResident(destination.Backend, destination.IsDisposed, operation);
    }

    private void CheckResident(IRingBackend backend, bool disposed, string operation)
    {
        ThrowIfDisposed();
        if (disposed) throw new ObjectDisposedException(nameof(DeviceCiphertext), $"{operation}: the operand was disposed.");
        if (!ReferenceEquals(backend, _backend))
            throw new ArgumentException($"{operation}: the operand lives on another backend than this evaluator's.");
    }

    private static void CheckScales(double a, double b, string operation)
    {
        if (Math.Abs(a - b) > ScaleTolerance * Math.Max(a, b))
            throw new ParameterMismatchException(
                $"{operation}: scales differ (2^{Math.Log2(a):F4} vs 2^{Math.Log2(b):F4}); rescale or re-encode so both match.");
    }

    /// <summary>Fills the first <paramref name="count"/> entries of the scalar buffer with ⌊<paramref name="value"/>⌉ mod
    /// q_i (as <see cref="RnsBasis.MulScalar"/> reduces its constant), without allocating when it fits in 64 bits.</summary>
    private ReadOnlySpan<ulong> IntegerResidues(double value, int count, string operation)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentException($"{operation}: constant must be finite.");
        double rounded = Math.Round(value);
        var moduli = _ring.Q(count - 1).Moduli;
        if (Math.Abs(rounded) < 9.2e18)
        {
            long x = (long)rounded;
            for (int i = 0; i < count; i++) _scalars[i] = moduli[i].ReduceSigned(x);
        }
        else
        {
            var x = new BigInteger(rounded);
            for (int i = 0; i < count; i++) _scalars[i] = moduli[i].Reduce(x);
        }
        return _scalars.AsSpan(0, count);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private IDevicePoly Allocate(int capacity) => Own(_backend.Allocate(capacity));

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
