using Vault.Rlwe;

namespace Vault.Ring.Gpu.Tests;

/// <summary>Hybrid key switching (as <see cref="KeySwitcher.Switch"/> does it) composed only of
/// <see cref="IRingBackend"/> operations, with every intermediate resident on the backend: the evidence that the seam
/// covers the key-switching hot path. Test code: the evaluator itself does not run on the backend yet.</summary>
internal static class BackendKeySwitch
{
    /// <summary>(out0, out1) = ModDown(⟨ModUp(d), key⟩) at <paramref name="level"/>; <paramref name="d"/> in NTT form.</summary>
    public static (RnsPoly Out0, RnsPoly Out1) Switch(IRingBackend backend, RlweParameters parameters, RnsPoly d, int level, SwitchingKey key)
    {
        var ring = parameters.Ring;
        var q = ring.Q(level);
        var qp = ring.QP(level);
        var p = ring.P!;
        int k = p.Count, maxLevel = ring.MaxLevel, digitCount = parameters.DigitCount(level), digitSize = parameters.DigitSize;
        var owned = new List<IDevicePoly>();
        IDevicePoly Allocate(int limbs)
        {
            var poly = backend.Allocate(limbs);
            owned.Add(poly);
            return poly;
        }
        try
        {
            var input = Allocate(level + 1);
            backend.Upload(d, input);
            var coefficients = Allocate(level + 1);
            backend.Copy(input, 0, coefficients, 0, level + 1);
            backend.Inverse(q, coefficients);

            // ModUp: each digit's centred residues raised to {q_0..q_ℓ, p…}, then to NTT form.
            var digits = new IDevicePoly[digitCount];
            var keyB = new IDevicePoly[digitCount];
            var keyA = new IDevicePoly[digitCount];
            var staging = Allocate(maxLevel + 1 + k);
            for (int j = 0; j < digitCount; j++)
            {
                int start = j * digitSize, count = Math.Min(digitSize, level + 1 - start);
                digits[j] = Allocate(level + 1 + k);
                backend.ConvertBasis(new BasisConverter(q.Slice(start, count), qp), coefficients, start, digits[j], 0, centered: true);
                backend.Forward(qp, digits[j]);
                // Key parts live over {q_0..q_L, p…}: keep limbs 0..ℓ and the P limbs, on the device.
                keyB[j] = KeyAtLevel(key.B[j]);
                keyA[j] = KeyAtLevel(key.A[j]);
            }
            IDevicePoly KeyAtLevel(RnsPoly part)
            {
                var atLevel = Allocate(level + 1 + k);
                backend.Upload(part, staging);
                backend.Copy(staging, 0, atLevel, 0, level + 1);
                backend.Copy(staging, maxLevel + 1, atLevel, level + 1, k);
                return atLevel;
            }

            var scalars = new ulong[q.Count];
            for (int i = 0; i < scalars.Length; i++)
            {
                var m = q.Moduli[i];
                scalars[i] = m.Inverse(m.Reduce(p.Product));       // P^-1 mod q_i
            }
            RnsPoly ModDown(IDevicePoly[] keyPart)
            {
                var acc = Allocate(level + 1 + k);
                backend.InnerProduct(qp, digits, keyPart, acc);
                var special = Allocate(k);
                backend.Copy(acc, level + 1, special, 0, k);
                backend.Inverse(p, special);
                var correction = Allocate(level + 1);
                backend.ConvertBasis(new BasisConverter(p, q), special, 0, correction, 0, centered: true);
                backend.Forward(q, correction);
                var output = Allocate(level + 1);
                backend.Subtract(q, acc, correction, output);
                backend.MulScalars(q, output, scalars, output);
                var host = new RnsPoly(ring.N, level + 1);
                backend.Download(output, host);
                return host;
            }
            return (ModDown(keyB), ModDown(keyA));
        }
        finally
        {
            foreach (var poly in owned) poly.Dispose();
        }
    }
}
