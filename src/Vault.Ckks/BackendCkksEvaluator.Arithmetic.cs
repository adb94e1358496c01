namespace Vault.Ckks;

public sealed partial class BackendCkksEvaluator
{
    /// <summary>dst = a + b at the lower of the two levels. Scales must match.</summary>
    public void Add(DeviceCiphertext a, DeviceCiphertext b, DeviceCiphertext destination) => AddOrSub(a, b, destination, subtract: false, "Add");

    /// <summary>dst = a − b at the lower of the two levels. Scales must match.</summary>
    public void Sub(DeviceCiphertext a, DeviceCiphertext b, DeviceCiphertext destination) => AddOrSub(a, b, destination, subtract: true, "Sub");

    /// <summary>dst = −a.</summary>
    public void Negate(DeviceCiphertext a, DeviceCiphertext destination)
    {
        Check(a, "Negate", requireSize2: false);
        CheckDestination(destination, "Negate");
        var basis = _ring.Q(a.Level);
        int size = a.Size, level = a.Level;
        double scale = a.Scale;
        destination.Size = size;
        destination.Level = level;
        for (int i = 0; i < size; i++) _backend.Negate(basis, a[i], destination[i]);
        destination.Scale = scale;
        destination.Seed = null;
    }

    /// <summary>dst = ct + pt (the plaintext must be at the ciphertext's level or above, with the same scale).</summary>
    public void AddPlain(DeviceCiphertext ct, DevicePlaintext pt, DeviceCiphertext destination) => AddOrSubPlain(ct, pt, destination, subtract: false, "AddPlain");

    /// <summary>dst = ct − pt.</summary>
    public void SubPlain(DeviceCiphertext ct, DevicePlaintext pt, DeviceCiphertext destination) => AddOrSubPlain(ct, pt, destination, subtract: true, "SubPlain");

    /// <summary>dst = ct · pt; the scale becomes the product of the scales (rescale afterwards).</summary>
    public void MultiplyPlain(DeviceCiphertext ct, DevicePlaintext pt, DeviceCiphertext destination)
    {
        Check(ct, "MultiplyPlain", requireSize2: false);
        Check(pt, "MultiplyPlain");
        CheckDestination(destination, "MultiplyPlain");
        if (pt.Level < ct.Level)
            throw new ArgumentException($"MultiplyPlain: plaintext level {pt.Level} is below ciphertext level {ct.Level}; encode at the ciphertext's level.");
        int level = ct.Level, size = ct.Size;
        double scale = ct.Scale * pt.Scale;
        var basis = _ring.Q(level);
        CopyShape(ct, destination);
        for (int i = 0; i < size; i++) _backend.MulCoefficients(basis, ct[i], pt.Poly, destination[i]);
        destination.Scale = scale;
    }

    /// <summary>dst = ct + c in every slot (c encoded at the ciphertext's scale; exact up to rounding of c·Δ).</summary>
    public void AddConstant(DeviceCiphertext ct, double c, DeviceCiphertext destination)
    {
        Check(ct, "AddConstant", requireSize2: false);
        CheckDestination(destination, "AddConstant");
        int level = ct.Level;
        var basis = _ring.Q(level);
        var constant = IntegerResidues(c * ct.Scale, level + 1, "AddConstant");
        CopyShape(ct, destination);
        for (int i = 1; i < ct.Size; i++)
            if (!ReferenceEquals(ct, destination)) _backend.Copy(ct[i], 0, destination[i], 0, level + 1);
        _backend.AddScalars(basis, ct[0], constant, destination[0]);
    }

    /// <summary>dst = ct · c in every slot. c is scaled by the last prime q_ℓ, so the scale becomes scale·q_ℓ and a
    /// following <see cref="Rescale"/> restores the input scale exactly.</summary>
    public void MultiplyConstant(DeviceCiphertext ct, double c, DeviceCiphertext destination)
    {
        Check(ct, "MultiplyConstant", requireSize2: false);
        CheckDestination(destination, "MultiplyConstant");
        int level = ct.Level;
        var basis = _ring.Q(level);
        double qLast = basis.Moduli[level].Value;
        var constant = IntegerResidues(c * qLast, level + 1, "MultiplyConstant");
        double scale = ct.Scale * qLast;
        CopyShape(ct, destination);
        for (int i = 0; i < ct.Size; i++) _backend.MulScalars(basis, ct[i], constant, destination[i]);
        destination.Scale = scale;
    }

    /// <summary>dst = ct · k for an integer k; the scale is unchanged and no level is used.</summary>
    public void MultiplyInteger(DeviceCiphertext ct, long k, DeviceCiphertext destination)
    {
        Check(ct, "MultiplyInteger", requireSize2: false);
        CheckDestination(destination, "MultiplyInteger");
        int level = ct.Level;
        var basis = _ring.Q(level);
        var moduli = basis.Moduli;
        for (int i = 0; i <= level; i++) _scalars[i] = moduli[i].ReduceSigned(k);
        CopyShape(ct, destination);
        for (int i = 0; i < ct.Size; i++) _backend.MulScalars(basis, ct[i], _scalars.AsSpan(0, level + 1), destination[i]);
    }

    private void AddOrSub(DeviceCiphertext a, DeviceCiphertext b, DeviceCiphertext destination, bool subtract, string operation)
    {
        Check(a, operation, requireSize2: false);
        Check(b, operation, requireSize2: false);
        CheckDestination(destination, operation);
        CheckScales(a.Scale, b.Scale, operation);
        int level = Math.Min(a.Level, b.Level);
        int size = Math.Max(a.Size, b.Size);
        double scale = a.Scale;
        var basis = _ring.Q(level);
        int aSize = a.Size, bSize = b.Size;
        destination.Size = size;
        destination.Level = level;        // before writing: the destination may sit at a lower level (or alias an input)
        for (int i = 0; i < size; i++)
        {
            var d = destination[i];
            if (i < aSize && i < bSize)
            {
                if (subtract) _backend.Subtract(basis, a[i], b[i], d);
                else _backend.Add(basis, a[i], b[i], d);
            }
            else if (i < aSize)
            {
                if (!ReferenceEquals(a[i], d)) _backend.Copy(a[i], 0, d, 0, level + 1);
            }
            else if (subtract)
            {
                _backend.Negate(basis, b[i], d);
            }
            else if (!ReferenceEquals(b[i], d))
            {
                _backend.Copy(b[i], 0, d, 0, level + 1);
            }
        }
        destination.Scale = scale;
        destination.Seed = null;
    }

    private void AddOrSubPlain(DeviceCiphertext ct, DevicePlaintext pt, DeviceCiphertext destination, bool subtract, string operation)
    {
        Check(ct, operation, requireSize2: false);
        Check(pt, operation);
        CheckDestination(destination, operation);
        CheckScales(ct.Scale, pt.Scale, operation);
        if (pt.Level < ct.Level)
            throw new ArgumentException($"{operation}: plaintext level {pt.Level} is below ciphertext level {ct.Level}; encode at the ciphertext's level.");
        int level = ct.Level;
        var basis = _ring.Q(level);
        CopyShape(ct, destination);
        for (int i = 1; i < ct.Size; i++)
            if (!ReferenceEquals(ct, destination)) _backend.Copy(ct[i], 0, destination[i], 0, level + 1);
        if (subtract) _backend.Subtract(basis, ct[0], pt.Poly, destination[0]);
        else _backend.Add(basis, ct[0], pt.Poly, destination[0]);
    }

    /// <summary>Sets destination's size, level, scale from <paramref name="source"/> and clears its seed (c_1 changes).</summary>
    private static void CopyShape(DeviceCiphertext source, DeviceCiphertext destination)
    {
        int size = source.Size, level = source.Level;
        double scale = source.Scale;
        destination.Size = size;
        destination.Level = level;
        destination.Scale = scale;
        destination.Seed = null;
    }
}
