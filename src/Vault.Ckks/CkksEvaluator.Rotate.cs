using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks;

public sealed partial class CkksEvaluator
{
    /// <summary>dst = the slots rotated left by <paramref name="rotation"/> (negative: right). Uses the key for that
    /// step when present, otherwise composes power-of-two rotations.</summary>
    public void Rotate(Ciphertext ct, int rotation, Ciphertext destination)
    {
        Check(ct, "Rotate");
        CheckDestination(destination, "Rotate");
        int slots = _parameters.Slots;
        int k = ((rotation % slots) + slots) % slots;
        if (k == 0)
        {
            ct.CopyTo(destination);
            return;
        }
        var keys = RequireGaloisKeys("Rotate");
        ulong direct = GaloisElements.ForRotation(_parameters.LogN, k);
        if (keys.Contains(direct))
        {
            ApplyGalois(ct, direct, keys[direct], destination);
            return;
        }
        var source = ct;
        for (int bit = 0; (1 << bit) < slots; bit++)
        {
            if ((k & (1 << bit)) == 0) continue;
            ulong g = GaloisElements.ForRotation(_parameters.LogN, 1 << bit);
            if (!keys.Contains(g))
                throw new InvalidOperationException($"Rotate: no Galois key for step {k} nor for the power-of-two step {1 << bit}; generate keys for the steps you rotate by.");
            ApplyGalois(source, g, keys[g], destination);
            source = destination;
        }
    }

    /// <summary>Returns the rotated ciphertext.</summary>
    public Ciphertext Rotate(Ciphertext ct, int step)
    {
        ArgumentNullException.ThrowIfNull(ct);
        var d = NewCiphertext(ct.Level, ct.Scale);
        Rotate(ct, step, d);
        return d;
    }

    /// <summary>dst = the complex conjugate of every slot.</summary>
    public void Conjugate(Ciphertext ct, Ciphertext destination)
    {
        Check(ct, "Conjugate");
        CheckDestination(destination, "Conjugate");
        var keys = RequireGaloisKeys("Conjugate");
        ulong g = GaloisElements.ForConjugation(_parameters.LogN);
        if (!keys.Contains(g)) throw new InvalidOperationException("Conjugate: no Galois key for conjugation; generate it.");
        ApplyGalois(ct, g, keys[g], destination);
    }

    /// <summary>Rotations of one ciphertext by several steps sharing one key-switch decomposition (hoisting,
    /// Halevi–Shoup eprint 2018/244): one ModUp for all of them. Every step needs its own Galois key.</summary>
    public void RotateHoisted(Ciphertext ct, ReadOnlySpan<int> steps, IReadOnlyList<Ciphertext> destinations)
    {
        Check(ct, "RotateHoisted");
        ArgumentNullException.ThrowIfNull(destinations);
        if (destinations.Count < steps.Length) throw new ArgumentException("RotateHoisted: one destination per step.", nameof(destinations));
        var keys = RequireGaloisKeys("RotateHoisted");
        int level = ct.Level;
        int slots = _parameters.Slots;
        for (int s = 0; s < steps.Length; s++)
        {
            CheckDestination(destinations[s], "RotateHoisted");
            if (ReferenceEquals(destinations[s], ct)) throw new ArgumentException("RotateHoisted: a destination aliases the input.", nameof(destinations));
            ulong g = GaloisElements.ForRotation(_parameters.LogN, steps[s]);
            if (g != 1 && !keys.Contains(g)) throw new InvalidOperationException($"RotateHoisted: no Galois key for step {steps[s]}.");
        }
        _keySwitcher.Decompose(ct[1], level);
        var basis = _ring.Q(level);
        for (int s = 0; s < steps.Length; s++)
        {
            var d = destinations[s];
            int k = ((steps[s] % slots) + slots) % slots;
            if (k == 0)
            {
                ct.CopyTo(d);
                continue;
            }
            ulong g = GaloisElements.ForRotation(_parameters.LogN, k);
            _keySwitcher.ApplyKey(g, keys[g], _t0, _t1);
            FinishGalois(ct, g, basis, d);
        }
    }

    /// <summary>dst = Σ_(i &lt; count) rotate(ct, i) for a power-of-two <paramref name="count"/> ≤ N/2: slot j holds
    /// the sum of slots j..j+count−1 (all N/2 slots when count = N/2). Needs the power-of-two Galois keys below count.</summary>
    public void SumSlots(Ciphertext ct, int count, Ciphertext destination)
    {
        Check(ct, "SumSlots");
        CheckDestination(destination, "SumSlots");
        if (count < 1 || count > _parameters.Slots || (count & (count - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(count), $"SumSlots: count must be a power of two in [1, {_parameters.Slots}].");
        CkksCompositions.InnerSum(this, ct, 1, count, destination, () => NewCiphertext(ct.Level, ct.Scale));
    }

    private GaloisKeys RequireGaloisKeys(string operation) =>
        _galoisKeys ?? throw new InvalidOperationException($"{operation}: this evaluator has no Galois keys; create it with them.");

    private void ApplyGalois(Ciphertext ct, ulong g, SwitchingKey key, Ciphertext destination)
    {
        int level = ct.Level;
        var basis = _ring.Q(level);
        _keySwitcher.Switch(ct[1], level, key, _t0, _t1, g);
        FinishGalois(ct, g, basis, destination);
    }

    /// <summary>dst = (φ_g(c_0) + t0, t1) given (t0, t1) = KeySwitch(φ_g(c_1)).</summary>
    private void FinishGalois(Ciphertext ct, ulong g, RnsBasis basis, Ciphertext destination)
    {
        int level = ct.Level;
        double scale = ct.Scale;
        _t2.LimbCount = level + 1;
        _ring.AutomorphismNtt(ct[0], g, _t2, level + 1);
        destination.Size = 2;
        destination.Level = level;
        basis.Add(_t2, _t0, destination[0]);
        _t1.CopyTo(destination[1]);
        destination.Level = level;
        destination.Scale = scale;
        destination.Seed = null;
    }
}
