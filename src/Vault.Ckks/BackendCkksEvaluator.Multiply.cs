namespace Vault.Ckks;

public sealed partial class BackendCkksEvaluator
{
    /// <summary>dst = a · b as a 3-part ciphertext (c_0, c_1, c_2) decrypting under (1, s, s²); the scale is the
    /// product of the scales. Both inputs must have 2 parts; the result is at the lower level.</summary>
    public void Multiply(DeviceCiphertext a, DeviceCiphertext b, DeviceCiphertext destination)
    {
        Check(a, "Multiply");
        Check(b, "Multiply");
        CheckDestination(destination, "Multiply");
        int level = Math.Min(a.Level, b.Level);
        double scale = a.Scale * b.Scale;
        var basis = _ring.Q(level);
        _t0.LimbCount = level + 1;
        // t0 = a0·b1 + a1·b0 first: destination may alias a or b.
        if (ReferenceEquals(a, b))
        {
            _backend.MulCoefficients(basis, a[0], a[1], _t0);
            _backend.Add(basis, _t0, _t0, _t0);
        }
        else
        {
            _backend.MulCoefficients(basis, a[0], b[1], _t0);
            _backend.MulCoefficientsAdd(basis, a[1], b[0], _t0);
        }
        destination.Size = 3;
        destination.Level = level;
        _backend.MulCoefficients(basis, a[1], b[1], destination[2]);
        _backend.MulCoefficients(basis, a[0], b[0], destination[0]);
        _backend.Copy(_t0, 0, destination[1], 0, level + 1);
        destination.Scale = scale;
        destination.Seed = null;
    }

    /// <summary>Turns a 3-part ciphertext into a 2-part one under s, using the relinearization key.</summary>
    public void Relinearize(DeviceCiphertext ct, DeviceCiphertext destination)
    {
        Check(ct, "Relinearize", requireSize2: false);
        CheckDestination(destination, "Relinearize");
        if (_relinearizationKey is null)
            throw new InvalidOperationException("Relinearize: this evaluator has no relinearization key; create it with one.");
        if (ct.Size == 2)
        {
            CopyTo(ct, destination);
            return;
        }
        int level = ct.Level;
        var basis = _ring.Q(level);
        _keySwitcher.Switch(ct[2], level, _relinearizationKey, _t0, _t1);
        double scale = ct.Scale;
        destination.Size = 2;
        destination.Level = level;
        _backend.Add(basis, ct[0], _t0, destination[0]);
        _backend.Add(basis, ct[1], _t1, destination[1]);
        destination.Scale = scale;
        destination.Seed = null;
    }

    /// <summary>dst = Relinearize(a · b).</summary>
    public void MultiplyRelinearize(DeviceCiphertext a, DeviceCiphertext b, DeviceCiphertext destination)
    {
        Multiply(a, b, destination);
        Relinearize(destination, destination);
    }

    /// <summary>Divides by the last prime q_ℓ with rounding: level ℓ → ℓ − 1, scale → scale / q_ℓ.</summary>
    /// <exception cref="InvalidOperationException">The ciphertext is at level 0.</exception>
    public void Rescale(DeviceCiphertext ct, DeviceCiphertext destination)
    {
        Check(ct, "Rescale", requireSize2: false);
        CheckDestination(destination, "Rescale");
        if (ct.Level == 0)
            throw new InvalidOperationException("Rescale: ciphertext is at level 0; no prime left to divide by (use larger parameters).");
        int level = ct.Level;
        double qLast = _ring.Q(level).Moduli[level].Value;
        double scale = ct.Scale / qLast;
        CopyTo(ct, destination);
        for (int i = 0; i < destination.Size; i++) DivideRoundByLast(destination[i], level);
        destination.Level = level - 1;
        destination.Scale = scale;
        destination.Seed = null;
    }

    /// <summary>Drops primes down to <paramref name="level"/> without dividing (the scale is unchanged).</summary>
    public void DropLevel(DeviceCiphertext ct, int level, DeviceCiphertext destination)
    {
        Check(ct, "DropLevel", requireSize2: false);
        CheckDestination(destination, "DropLevel");
        if (level < 0 || level > ct.Level)
            throw new ArgumentOutOfRangeException(nameof(level), $"DropLevel: target level {level} outside [0, {ct.Level}].");
        if (!ReferenceEquals(ct, destination))
        {
            int size = ct.Size;
            destination.Size = size;
            destination.Level = level;
            for (int i = 0; i < size; i++) _backend.Copy(ct[i], 0, destination[i], 0, level + 1);
            destination.Scale = ct.Scale;
        }
        destination.Level = level;
        destination.Seed = null;
    }
}
