using System.Numerics;
using Vault.Ring;
using Vault.Rlwe;
using Vault.Testing;

namespace Vault.Ckks.Tests;

/// <summary>The passive key-recovery attack of Li and Micciancio (EUROCRYPT 2021, eprint 2020/1533, §4) as an
/// adversary runs it: it sees a ciphertext (c_0, c_1) and the values released from it, and nothing secret.</summary>
/// <remarks>
/// Re-encoding the released values at the ciphertext's level and scale gives m̃; when decoding was exact enough,
/// m̃ = m' = c_0 + c_1·s, so s = c_1^-1·(m̃ − c_0) in R_(q_0..q_ℓ): per RNS limb and per NTT slot, one modular
/// inverse. A candidate is the key when it equals s in every limb; with flooding it is a random element of R_q.
/// </remarks>
internal static class LiMicciancioAttack
{
    /// <summary>The candidate secret in NTT form over {q_0..q_ℓ}, or null when some NTT slot of c_1 is zero mod q_i
    /// (probability ≈ N·ℓ/q, never seen).</summary>
    public static RnsPoly? RecoverSecret(CkksParameters parameters, Ciphertext ciphertext, ReadOnlySpan<Complex> released)
    {
        Assert.Equal(2, ciphertext.Size);
        var encoder = new CkksEncoder(parameters);
        var reencoded = new Plaintext(parameters.Rlwe, ciphertext.Level, ciphertext.Scale);
        encoder.Encode(released, ciphertext.Level, ciphertext.Scale, reencoded);
        var basis = parameters.Rlwe.Ring.Q(ciphertext.Level);
        var candidate = new RnsPoly(parameters.N, basis.Count);
        for (int i = 0; i < basis.Count; i++)
        {
            var q = basis.Moduli[i];
            Span<ulong> c0 = ciphertext[0].Limb(i), c1 = ciphertext[1].Limb(i), m = reencoded.Poly.Limb(i), s = candidate.Limb(i);
            for (int k = 0; k < parameters.N; k++)
            {
                if (c1[k] == 0) return null;
                s[k] = q.Mul(q.Sub(m[k], c0[k]), q.Inverse(c1[k]));
            }
        }
        return candidate;
    }

    /// <summary>How many NTT residues of the candidate equal the secret key's, over limbs q_0..q_ℓ (ℓ + 1 = candidate limbs).</summary>
    public static int MatchingResidues(RnsPoly candidate, SecretKey secretKey)
    {
        int matches = 0;
        for (int i = 0; i < candidate.LimbCount; i++)
        {
            Span<ulong> c = candidate.Limb(i), s = secretKey.Poly.Limb(i);
            for (int k = 0; k < c.Length; k++) matches += c[k] == s[k] ? 1 : 0;
        }
        return matches;
    }

    /// <summary>True when the candidate's coefficients (CRT-lifted, centred) are all in {−1, 0, 1}, as a secret is.</summary>
    public static bool IsTernary(CkksParameters parameters, RnsPoly candidate)
    {
        var basis = parameters.Rlwe.Ring.Q(candidate.LimbCount - 1);
        foreach (var x in CrtLift.Centered(basis, candidate, ntt: true))
            if (BigInteger.Abs(x) > 1) return false;
        return true;
    }

    /// <summary>‖e‖₂ for e = m' − ⌊Δ·expected⌉: the ciphertext's actual noise, measured with the secret key (test only).</summary>
    public static double NoiseNorm(CkksTestContext ctx, Ciphertext ciphertext, ReadOnlySpan<Complex> expected)
    {
        var exact = ctx.Decryptor.Decrypt(ciphertext);
        var reference = new Plaintext(ctx.Parameters.Rlwe, ciphertext.Level, ciphertext.Scale);
        ctx.Encoder.Encode(expected, ciphertext.Level, ciphertext.Scale, reference);
        var basis = ctx.Parameters.Rlwe.Ring.Q(ciphertext.Level);
        return CrtLift.Rms(CrtLift.CenteredDifference(basis, exact.Poly, reference.Poly, ntt: true)) * Math.Sqrt(ctx.Parameters.N);
    }
}
