using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks;

public sealed partial class BackendCkksEvaluator
{
    /// <summary>dst = the slots rotated left by <paramref name="rotation"/> (negative: right). Uses the key for that
    /// step when present, otherwise composes power-of-two rotations.</summary>
    public void Rotate(DeviceCiphertext ct, int rotation, DeviceCiphertext destination)
    {
        Check(ct, "Rotate");
        CheckDestination(destination, "Rotate");
        int slots = _parameters.Slots;
        int k = ((rotation % slots) + slots) % slots;
        if (k == 0)
        {
            CopyTo(ct, destination);
            return;
        }
        var keys = RequireGaloisKeys("Rotate");
        ulong direct = GaloisElements.ForRotation(_parameters.LogN, k);
        if (keys.TryGetValue(direct, out var directKey))
        {
            ApplyGalois(ct, direct, directKey, destination);
            return;
        }
        var source = ct;
        for (int bit = 0; (1 << bit) < slots; bit++)
        {
            if ((k & (1 << bit)) == 0) continue;
            ulong g = GaloisElements.ForRotation(_parameters.LogN, 1 << bit);
            if (!keys.TryGetValue(g, out var key))
                throw new InvalidOperationException($"Rotate: no Galois key for step {k} nor for the power-of-two step {1 << bit}; generate keys for the steps you rotate by.");
            ApplyGalois(source, g, key, destination);
            source = destination;
        }
    }

    /// <summary>dst = the complex conjugate of every slot.</summary>
    public void Conjugate(DeviceCiphertext ct, DeviceCiphertext destination)
    {
        Check(ct, "Conjugate");
        CheckDestination(destination, "Conjugate");
        var keys = RequireGaloisKeys("Conjugate");
        ulong g = GaloisElements.ForConjugation(_parameters.LogN);
        if (!keys.TryGetValue(g, out var key)) throw new InvalidOperationException("Conjugate: no Galois key for conjugation; generate it.");
        ApplyGalois(ct, g, key, destination);
    }

    /// <summary>Rotations of one ciphertext by several steps sharing one key-switch decomposition (hoisting,
    /// Halevi–Shoup eprint 2018/244): one ModUp for all of them, then per step the automorphism of the raised digits,
    /// the inner product with that step's key and ModDown. Every step needs its own Galois key; no destination may
    /// alias the input.</summary>
    public void RotateHoisted(DeviceCiphertext ct, ReadOnlySpan<int> steps, IReadOnlyList<DeviceCiphertext> destinations)
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
            if (g != 1 && !keys.ContainsKey(g)) throw new InvalidOperationException($"RotateHoisted: no Galois key for step {steps[s]}.");
        }
        _keySwitcher.Decompose(ct[1], level);
        var basis = _ring.Q(level);
        for (int s = 0; s < steps.Length; s++)
        {
            var d = destinations[s];
            int k = ((steps[s] % slots) + slots) % slots;
            if (k == 0)
            {
                CopyTo(ct, d);
                continue;
            }
            ulong g = GaloisElements.ForRotation(_parameters.LogN, k);
            _keySwitcher.ApplyKey(g, keys[g], _t0, _t1);
            FinishGalois(ct, g, basis, d);
        }
    }

    private Dictionary<ulong, DeviceSwitchingKey> RequireGaloisKeys(string operation) =>
        _galoisKeys ?? throw new InvalidOperationException($"{operation}: this evaluator has no Galois keys; create it with them.");

    private void ApplyGalois(DeviceCiphertext ct, ulong g, DeviceSwitchingKey key, DeviceCiphertext destination)
    {
        int level = ct.Level;
        var basis = _ring.Q(level);
        _keySwitcher.Decompose(ct[1], level);
        _keySwitcher.ApplyKey(g, key, _t0, _t1);
        FinishGalois(ct, g, basis, destination);
    }

    /// <summary>dst = (φ_g(c_0) + t0, t1) given (t0, t1) = KeySwitch(φ_g(c_1)).</summary>
    private void FinishGalois(DeviceCiphertext ct, ulong g, RnsBasis basis, DeviceCiphertext destination)
    {
        int level = ct.Level;
        double scale = ct.Scale;
        _t2.LimbCount = level + 1;
        _backend.AutomorphismNtt(basis, ct[0], g, _t2);
        destination.Size = 2;
        destination.Level = level;
        _backend.Add(basis, _t2, _t0, destination[0]);
        _backend.Copy(_t1, 0, destination[1], 0, level + 1);
        destination.Scale = scale;
        destination.Seed = null;
    }
}
