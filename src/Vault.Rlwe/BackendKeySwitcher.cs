using Vault.Ring;

namespace Vault.Rlwe;

/// <summary>Hybrid key switching (Han–Ki, eprint 2019/688) as <see cref="KeySwitcher"/> does it, but on an
/// <see cref="IRingBackend"/> with every operand resident there: ModUp of the gadget digits (centred conversion), the
/// inner product with an uploaded key, and ModDown (centred, so the division by P rounds). Like <see cref="KeySwitcher"/>,
/// the decomposition can be kept and reused for several Galois keys (<see cref="Decompose"/>, then
/// <see cref="ApplyKey"/> per key: hoisted rotations). Bit-exact with <see cref="KeySwitcher.Switch"/> and
/// <see cref="KeySwitcher.ApplyKey"/> on every backend.</summary>
/// <remarks>Not thread-safe: owns its device scratch, sized once for the top level (the permuted digits of Galois
/// keys on the first such call), so no call allocates afterwards (on the CPU backend). Differences from
/// <see cref="KeySwitcher"/> that do not change any output: every limb of a raised digit is transformed to NTT form
/// (the CPU version copies the digit's own limbs from the input instead), the automorphism permutes the raised digits
/// into scratch before the inner product (the CPU version reads them through the permutation), and below the top
/// level the key's limbs are gathered into scratch with <see cref="IRingBackend.Copy"/>.</remarks>
public sealed class BackendKeySwitcher : IDisposable
{
    private readonly RlweParameters _parameters;
    private readonly IRingBackend _backend;
    private readonly IDevicePoly _coefficients;             // d in coefficient form
    private readonly IDevicePoly[] _digits;                 // ModUp(d_j), NTT form over {q_0..q_ℓ, p…}
    private readonly IDevicePoly[] _keyB, _keyA;            // key limbs gathered for levels below the top
    private readonly IDevicePoly _acc0, _acc1, _special, _correction;
    private readonly ulong[] _pInverse;                     // P^-1 mod q_i
    private readonly List<IDevicePoly> _owned = [];
    private IDevicePoly[]? _rotated;                        // φ_g(ModUp(d_j)) for Galois keys, allocated on first use
    private int _decomposedLevel = -1;

    /// <summary>Allocates the device scratch for <paramref name="parameters"/> on <paramref name="backend"/>, which
    /// must be bound to <c>parameters.Ring</c>.</summary>
    /// <exception cref="ArgumentException">The backend serves another ring.</exception>
    public BackendKeySwitcher(RlweParameters parameters, IRingBackend backend)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(backend);
        if (!ReferenceEquals(backend.Ring, parameters.Ring))
            throw new ArgumentException("BackendKeySwitcher: the backend is bound to another ring than the parameters'.", nameof(backend));
        _parameters = parameters;
        _backend = backend;
        int top = parameters.MaxLevel + 1, k = parameters.Ring.PCount, dnum = parameters.Dnum;
        _coefficients = Allocate(top);
        _digits = new IDevicePoly[dnum];
        _keyB = new IDevicePoly[dnum];
        _keyA = new IDevicePoly[dnum];
        for (int j = 0; j < dnum; j++)
        {
            _digits[j] = Allocate(top + k);
            _keyB[j] = Allocate(top + k);
            _keyA[j] = Allocate(top + k);
        }
        _acc0 = Allocate(top + k);
        _acc1 = Allocate(top + k);
        _special = Allocate(k);
        _correction = Allocate(top);
        _pInverse = new ulong[top];
        for (int i = 0; i < top; i++) _pInverse[i] = parameters.PInverseModQ(i)[0];
    }

    /// <summary>Copies <paramref name="key"/> to the backend (once per key; host ↔ device traffic happens here).</summary>
    /// <exception cref="ParameterMismatchException">The key was made under other parameters.</exception>
    public DeviceSwitchingKey Upload(SwitchingKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _parameters.CheckId(key.ParameterId, "BackendKeySwitcher.Upload");
        int limbs = _parameters.MaxLevel + 1 + _parameters.Ring.PCount;
        var b = new IDevicePoly[key.DigitCount];
        var a = new IDevicePoly[key.DigitCount];
        var uploaded = new DeviceSwitchingKey(_backend, key.ParameterId, b, a);
        try
        {
            for (int j = 0; j < key.DigitCount; j++)
            {
                b[j] = _backend.Allocate(limbs);
                _backend.Upload(key.B[j], b[j]);
                a[j] = _backend.Allocate(limbs);
                _backend.Upload(key.A[j], a[j]);
            }
            return uploaded;
        }
        catch
        {
            foreach (var poly in b) poly?.Dispose();
            foreach (var poly in a) poly?.Dispose();
            throw;
        }
    }

    /// <summary>(out0, out1) ≈ (⟨g^-1(d), b⟩, ⟨g^-1(d), a⟩)/P over {q_0..q_ℓ}, NTT form: a 2-part encryption under s of
    /// d·s', where <paramref name="key"/> switches from s' to s. <paramref name="d"/> is in NTT form at
    /// <paramref name="level"/> (at least ℓ + 1 limbs in use) and is not modified. The outputs get ℓ + 1 limbs; they
    /// may alias <paramref name="d"/> but not each other.</summary>
    /// <exception cref="ParameterMismatchException">The key was made under other parameters.</exception>
    public void Switch(IDevicePoly d, int level, DeviceSwitchingKey key, IDevicePoly out0, IDevicePoly out1)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(out0);
        ArgumentNullException.ThrowIfNull(out1);
        if ((uint)level > (uint)_parameters.MaxLevel) throw new ArgumentOutOfRangeException(nameof(level));
        CheckKey(key, out0, out1);
        Decompose(d, level);
        ApplyKey(1, key, out0, out1);
    }

    /// <summary>Computes and keeps the ModUp digits of <paramref name="d"/> (NTT form at <paramref name="level"/>, at
    /// least ℓ + 1 limbs in use; not modified) for the following <see cref="ApplyKey"/> calls, as
    /// <see cref="KeySwitcher.Decompose"/> does: several Galois keys can share one decomposition (hoisting).</summary>
    public void Decompose(IDevicePoly d, int level)
    {
        ArgumentNullException.ThrowIfNull(d);
        if ((uint)level > (uint)_parameters.MaxLevel) throw new ArgumentOutOfRangeException(nameof(level));
        var ring = _parameters.Ring;
        var q = ring.Q(level);
        var qp = ring.QP(level);
        int k = ring.PCount, digitSize = _parameters.DigitSize;
        int digitCount = _parameters.DigitCount(level);

        // ModUp: INTT(d), each digit's centred residues raised to {q_0..q_ℓ, p…}, back to NTT form.
        _coefficients.LimbCount = level + 1;
        _backend.Copy(d, 0, _coefficients, 0, level + 1);
        _backend.Inverse(q, _coefficients);
        for (int j = 0; j < digitCount; j++)
        {
            var digit = _digits[j];
            digit.LimbCount = level + 1 + k;
            _backend.ConvertBasis(_parameters.ModUpConverter(level, j), _coefficients, j * digitSize, digit, 0, centered: true);
            _backend.Forward(qp, digit);
        }
        _decomposedLevel = level;
    }

    /// <summary>Applies <paramref name="key"/> to the kept decomposition after the automorphism X ↦ X^g
    /// (<paramref name="galoisElement"/> = 1 for none), as <see cref="KeySwitcher.ApplyKey"/> does: (out0, out1) encrypts
    /// φ_g(d)·s' under s over {q_0..q_ℓ}, NTT form, with ℓ + 1 limbs. The automorphism permutes the raised digits
    /// (<see cref="IRingBackend.AutomorphismNtt"/> into scratch allocated on the first such call) before the inner
    /// product. The outputs must not alias each other.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Decompose"/> was not called.</exception>
    /// <exception cref="ParameterMismatchException">The key was made under other parameters.</exception>
    public void ApplyKey(ulong galoisElement, DeviceSwitchingKey key, IDevicePoly out0, IDevicePoly out1)
    {
        CheckKey(key, out0, out1);
        if (_decomposedLevel < 0) throw new InvalidOperationException("ApplyKey: call Decompose first.");
        int level = _decomposedLevel;
        var ring = _parameters.Ring;
        var qp = ring.QP(level);
        int k = ring.PCount, maxLevel = _parameters.MaxLevel;
        int digitCount = _parameters.DigitCount(level);

        ReadOnlySpan<IDevicePoly> digits = _digits.AsSpan(0, digitCount);
        if (galoisElement != 1)
        {
            var rotated = _rotated ??= AllocateDigits(maxLevel + 1 + k);
            for (int j = 0; j < digitCount; j++)
            {
                rotated[j].LimbCount = level + 1 + k;
                _backend.AutomorphismNtt(qp, _digits[j], galoisElement, rotated[j]);
            }
            digits = rotated.AsSpan(0, digitCount);
        }

        // The key lives over {q_0..q_L, p…}: below the top level, gather limbs 0..ℓ and the P limbs.
        ReadOnlySpan<IDevicePoly> keyB = key.B.AsSpan(0, digitCount), keyA = key.A.AsSpan(0, digitCount);
        if (level < maxLevel)
        {
            for (int j = 0; j < digitCount; j++)
            {
                Gather(key.B[j], _keyB[j], level);
                Gather(key.A[j], _keyA[j], level);
            }
            keyB = _keyB.AsSpan(0, digitCount);
            keyA = _keyA.AsSpan(0, digitCount);
        }
        _acc0.LimbCount = level + 1 + k;
        _acc1.LimbCount = level + 1 + k;
        _backend.InnerProduct(qp, digits, keyB, _acc0);
        _backend.InnerProduct(qp, digits, keyA, _acc1);
        ModDown(_acc0, level, out0);
        ModDown(_acc1, level, out1);
    }

    /// <summary>Frees (and zeroes) the device scratch. Uploaded keys are disposed separately.</summary>
    public void Dispose()
    {
        foreach (var poly in _owned) poly.Dispose();
        _owned.Clear();
        _rotated = null;
        _decomposedLevel = -1;
    }

    private void CheckKey(DeviceSwitchingKey key, IDevicePoly out0, IDevicePoly out1)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(out0);
        ArgumentNullException.ThrowIfNull(out1);
        _parameters.CheckId(key.ParameterId, "KeySwitch");
        if (!ReferenceEquals(key.Backend, _backend))
            throw new ArgumentException("KeySwitch: the key was uploaded to another backend.", nameof(key));
        if (ReferenceEquals(out0, out1)) throw new ArgumentException("KeySwitch: the two outputs alias.", nameof(out1));
    }

    private IDevicePoly[] AllocateDigits(int capacity)
    {
        var digits = new IDevicePoly[_digits.Length];
        for (int j = 0; j < digits.Length; j++) digits[j] = Allocate(capacity);
        return digits;
    }

    private void Gather(IDevicePoly key, IDevicePoly destination, int level)
    {
        int k = _parameters.Ring.PCount;
        destination.LimbCount = level + 1 + k;
        _backend.Copy(key, 0, destination, 0, level + 1);
        _backend.Copy(key, _parameters.MaxLevel + 1, destination, level + 1, k);
    }

    /// <summary>out = (acc − [acc]_P) · P^-1 over {q_0..q_ℓ}, with [acc]_P the centred residue converted exactly.</summary>
    private void ModDown(IDevicePoly acc, int level, IDevicePoly destination)
    {
        var ring = _parameters.Ring;
        var q = ring.Q(level);
        int k = ring.PCount;
        _special.LimbCount = k;
        _backend.Copy(acc, level + 1, _special, 0, k);
        _backend.Inverse(ring.P!, _special);
        _correction.LimbCount = level + 1;
        _backend.ConvertBasis(_parameters.ModDownConverter(level), _special, 0, _correction, 0, centered: true);
        _backend.Forward(q, _correction);
        destination.LimbCount = level + 1;
        _backend.Subtract(q, acc, _correction, destination);
        _backend.MulScalars(q, destination, _pInverse.AsSpan(0, level + 1), destination);
    }

    private IDevicePoly Allocate(int capacity)
    {
        var poly = _backend.Allocate(capacity);
        _owned.Add(poly);
        return poly;
    }
}
