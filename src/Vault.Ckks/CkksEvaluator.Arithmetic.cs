using System.Numerics;
using Vault.Rlwe;

namespace Vault.Ckks;

public sealed partial class CkksEvaluator
{
    /// <summary>dst = a + b at the lower of the two levels. Scales must match.</summary>
    public void Add(Ciphertext a, Ciphertext b, Ciphertext destination) => AddOrSub(a, b, destination, subtract: false, "Add");

    /// <summary>dst = a − b at the lower of the two levels. Scales must match.</summary>
    public void Sub(Ciphertext a, Ciphertext b, Ciphertext destination) => AddOrSub(a, b, destination, subtract: true, "Sub");

    /// <summary>Returns a + b.</summary>
    public Ciphertext Add(Ciphertext a, Ciphertext b)
    {
        ArgumentNullException.ThrowIfNull(a);
        var d = NewCiphertext(a.Level, a.Scale);
        Add(a, b, d);
        return d;
    }

    /// <summary>Returns a − b.</summary>
    public Ciphertext Sub(Ciphertext a, Ciphertext b)
    {
        ArgumentNullException.ThrowIfNull(a);
        var d = NewCiphertext(a.Level, a.Scale);
        Sub(a, b, d);
        return d;
    }

    /// <summary>dst = −a.</summary>
    public void Negate(Ciphertext a, Ciphertext destination)
    {
        Check(a, "Negate", requireSize2: false);
        CheckDestination(destination, "Negate");
        var basis = _ring.Q(a.Level);
        int size = a.Size;
        double scale = a.Scale;
        int level = a.Level;
        destination.Size = size;
        destination.Level = level;
        for (int i = 0; i < size; i++) basis.Negate(a[i], destination[i]);
        destination.Scale = scale;
        destination.Seed = null;
    }

    /// <summary>dst = ct + pt (the plaintext must be at the ciphertext's level or above, with the same scale).</summary>
    public void AddPlain(Ciphertext ct, Plaintext pt, Ciphertext destination) => AddOrSubPlain(ct, pt, destination, subtract: false, "AddPlain");

    /// <summary>dst = ct − pt.</summary>
    public void SubPlain(Ciphertext ct, Plaintext pt, Ciphertext destination) => AddOrSubPlain(ct, pt, destination, subtract: true, "SubPlain");

    /// <summary>dst = ct · pt; the scale becomes the product of the scales (rescale afterwards).</summary>
    public void MultiplyPlain(Ciphertext ct, Plaintext pt, Ciphertext destination)
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
        for (int i = 0; i < size; i++) basis.MulCoefficients(ct[i], pt.Poly, destination[i]);
        destination.Scale = scale;
    }

    /// <summary>Returns ct · pt.</summary>
    public Ciphertext MultiplyPlain(Ciphertext ct, Plaintext pt)
    {
        ArgumentNullException.ThrowIfNull(ct);
        var d = NewCiphertext(ct.Level, ct.Scale);
        MultiplyPlain(ct, pt, d);
        return d;
    }

    /// <summary>dst = ct + c in every slot (c encoded at the ciphertext's scale; exact up to rounding of c·Δ).</summary>
    public void AddConstant(Ciphertext ct, double c, Ciphertext destination)
    {
        Check(ct, "AddConstant", requireSize2: false);
        CheckDestination(destination, "AddConstant");
        var basis = _ring.Q(ct.Level);
        var constant = ToInteger(c * ct.Scale, "AddConstant");
        CopyShape(ct, destination);
        for (int i = 1; i < ct.Size; i++) ct[i].CopyTo(destination[i]);
        basis.AddScalarNtt(ct[0], constant, destination[0]);
    }

    /// <summary>dst = ct · c in every slot. c is scaled by the last prime q_ℓ, so the scale becomes scale·q_ℓ and a
    /// following <see cref="Rescale(Ciphertext, Ciphertext)"/> restores the input scale exactly.</summary>
    public void MultiplyConstant(Ciphertext ct, double c, Ciphertext destination)
    {
        Check(ct, "MultiplyConstant", requireSize2: false);
        CheckDestination(destination, "MultiplyConstant");
        var basis = _ring.Q(ct.Level);
        double qLast = basis.Moduli[ct.Level].Value;
        var constant = ToInteger(c * qLast, "MultiplyConstant");
        double scale = ct.Scale * qLast;
        CopyShape(ct, destination);
        for (int i = 0; i < ct.Size; i++) basis.MulScalar(ct[i], constant, destination[i]);
        destination.Scale = scale;
    }

    /// <summary>dst = ct · k for an integer k; the scale is unchanged and no level is used.</summary>
    public void MultiplyInteger(Ciphertext ct, long k, Ciphertext destination)
    {
        Check(ct, "MultiplyInteger", requireSize2: false);
        CheckDestination(destination, "MultiplyInteger");
        var basis = _ring.Q(ct.Level);
        CopyShape(ct, destination);
        for (int i = 0; i < ct.Size; i++) basis.MulScalar(ct[i], k, destination[i]);
    }

    private void AddOrSub(Ciphertext a, Ciphertext b, Ciphertext destination, bool subtract, string operation)
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
                if (subtract) basis.Sub(a[i], b[i], d);
                else basis.Add(a[i], b[i], d);
            }
            else if (i < aSize)
            {
                if (!ReferenceEquals(a[i], d)) CopyLimbs(a[i], d, level);
            }
            else if (subtract)
            {
                basis.Negate(b[i], d);
            }
            else if (!ReferenceEquals(b[i], d))
            {
                CopyLimbs(b[i], d, level);
            }
        }
        destination.Level = level;
        destination.Scale = scale;
        destination.Seed = null;
    }

    private void AddOrSubPlain(Ciphertext ct, Plaintext pt, Ciphertext destination, bool subtract, string operation)
    {
        Check(ct, operation, requireSize2: false);
        Check(pt, operation);
        CheckDestination(destination, operation);
        CheckScales(ct.Scale, pt.Scale, operation);
        if (pt.Level < ct.Level)
            throw new ArgumentException($"{operation}: plaintext level {pt.Level} is below ciphertext level {ct.Level}; encode at the ciphertext's level.");
        var basis = _ring.Q(ct.Level);
        CopyShape(ct, destination);
        for (int i = 1; i < ct.Size; i++) if (!ReferenceEquals(ct[i], destination[i])) ct[i].CopyTo(destination[i]);
        if (subtract) basis.Sub(ct[0], pt.Poly, destination[0]);
        else basis.Add(ct[0], pt.Poly, destination[0]);
    }

    /// <summary>Sets destination's size, level, scale from <paramref name="source"/> and clears its seed (c_1 changes).</summary>
    private static void CopyShape(Ciphertext source, Ciphertext destination)
    {
        int size = source.Size, level = source.Level;
        double scale = source.Scale;
        destination.Size = size;
        destination.Level = level;
        destination.Scale = scale;
        destination.Seed = null;
    }

    private static void CopyLimbs(Ring.RnsPoly source, Ring.RnsPoly destination, int level)
    {
        destination.LimbCount = level + 1;
        for (int i = 0; i <= level; i++) source.Limb(i).CopyTo(destination.Limb(i));
    }

    private static BigInteger ToInteger(double value, string operation)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentException($"{operation}: constant must be finite.");
        return new BigInteger(Math.Round(value));
    }
}
