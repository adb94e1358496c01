using Vault.Rlwe;

namespace Vault.Ckks;

public sealed partial class CkksEvaluator
{
    /// <summary>dst = a · b as a 3-part ciphertext (c_0, c_1, c_2) decrypting under (1, s, s²); the scale is the
    /// product of the scales. Both inputs must have 2 parts; the result is at the lower level.</summary>
    public void Multiply(Ciphertext a, Ciphertext b, Ciphertext destination)
    {
        Check(a, "Multiply");
        Check(b, "Multiply");
        CheckDestination(destination, "Multiply");
        int level = Math.Min(a.Level, b.Level);
        double scale = a.Scale * b.Scale;
        var basis = _ring.Q(level);
        destination.Size = 3;
        destination.Level = level;
        basis.TensorProduct(a[0], a[1], b[0], b[1], destination[0], destination[1], destination[2]);   // destination may alias a or b
        destination.Scale = scale;
        destination.Seed = null;
    }

    /// <summary>Returns the 3-part product a · b.</summary>
    public Ciphertext Multiply(Ciphertext a, Ciphertext b)
    {
        ArgumentNullException.ThrowIfNull(a);
        var d = NewCiphertext(a.Level, a.Scale);
        Multiply(a, b, d);
        return d;
    }

    /// <summary>Turns a 3-part ciphertext into a 2-part one under s, using the relinearization key.</summary>
    public void Relinearize(Ciphertext ct, Ciphertext destination)
    {
        Check(ct, "Relinearize", requireSize2: false);
        CheckDestination(destination, "Relinearize");
        if (_relinearizationKey is null)
            throw new InvalidOperationException("Relinearize: this evaluator has no relinearization key; create it with one.");
        if (ct.Size == 2)
        {
            ct.CopyTo(destination);
            return;
        }
        int level = ct.Level;
        var basis = _ring.Q(level);
        _keySwitcher.Switch(ct[2], level, _relinearizationKey.Key, _t0, _t1);
        double scale = ct.Scale;
        destination.Size = 2;
        destination.Level = level;
        basis.Add(ct[0], _t0, destination[0]);
        basis.Add(ct[1], _t1, destination[1]);
        destination.Scale = scale;
        destination.Seed = null;
    }

    /// <summary>dst = Relinearize(a · b).</summary>
    public void MultiplyRelinearize(Ciphertext a, Ciphertext b, Ciphertext destination)
    {
        Multiply(a, b, destination);
        Relinearize(destination, destination);
    }

    /// <summary>Returns Relinearize(a · b).</summary>
    public Ciphertext MultiplyRelinearize(Ciphertext a, Ciphertext b)
    {
        var d = Multiply(a, b);
        Relinearize(d, d);
        return d;
    }

    /// <summary>Divides by the last prime q_ℓ with rounding: level ℓ → ℓ − 1, scale → scale / q_ℓ.</summary>
    /// <exception cref="InvalidOperationException">The ciphertext is at level 0.</exception>
    public void Rescale(Ciphertext ct, Ciphertext destination)
    {
        Check(ct, "Rescale", requireSize2: false);
        CheckDestination(destination, "Rescale");
        if (ct.Level == 0)
            throw new InvalidOperationException("Rescale: ciphertext is at level 0; no prime left to divide by (use larger parameters).");
        int level = ct.Level, size = ct.Size;
        double scale = ct.Scale;
        var basis = _ring.Q(level);
        double qLast = basis.Moduli[level].Value;
        destination.Size = size;
        for (int i = 0; i < size; i++) basis.DivideRoundByLastNtt(ct[i], destination[i], _scratch);   // destination may be ct
        destination.Level = level - 1;
        destination.Scale = scale / qLast;
        destination.Seed = null;
    }

    /// <summary>Returns the rescaled ciphertext.</summary>
    public Ciphertext Rescale(Ciphertext ct)
    {
        ArgumentNullException.ThrowIfNull(ct);
        var d = NewCiphertext(ct.Level, ct.Scale);
        Rescale(ct, d);
        return d;
    }

    /// <summary>Drops primes down to <paramref name="level"/> without dividing (the scale is unchanged).</summary>
    public void DropLevel(Ciphertext ct, int level, Ciphertext destination)
    {
        Check(ct, "DropLevel", requireSize2: false);
        CheckDestination(destination, "DropLevel");
        if (level < 0 || level > ct.Level)
            throw new ArgumentOutOfRangeException(nameof(level), $"DropLevel: target level {level} outside [0, {ct.Level}].");
        ct.CopyTo(destination);
        destination.Level = level;
        destination.Seed = null;
    }
}
