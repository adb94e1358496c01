using Vault.Ring;

namespace Vault.Rlwe;

/// <summary>Decrypts to the plaintext m = c_0 + c_1·s (+ c_2·s²), still encoded (NTT form, with its scale).
/// Release of decrypted values to anyone but the key owner must add noise flooding on top (the release gate does).</summary>
public sealed class Decryptor
{
    private readonly RlweParameters _parameters;
    private readonly SecretKey _secretKey;

    /// <summary>Creates a decryptor for <paramref name="secretKey"/>.</summary>
    public Decryptor(RlweParameters parameters, SecretKey secretKey)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(secretKey);
        parameters.CheckId(secretKey.ParameterId, "Decryptor");
        _parameters = parameters;
        _secretKey = secretKey;
    }

    /// <summary>Writes the decryption of <paramref name="ciphertext"/> into <paramref name="destination"/>.</summary>
    public void Decrypt(Ciphertext ciphertext, Plaintext destination)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(destination);
        _parameters.CheckId(ciphertext.ParameterId, "Decrypt");
        _parameters.CheckId(destination.ParameterId, "Decrypt");
        int level = ciphertext.Level;
        var basis = _parameters.Ring.Q(level);
        var s = _secretKey.Poly;
        destination.Level = level;
        destination.Scale = ciphertext.Scale;
        var m = destination.Poly;
        for (int i = 0; i < basis.Count; i++)
        {
            var mod = basis.Moduli[i];
            ulong q = mod.Value, bh = mod.BarrettHi, bl = mod.BarrettLo;
            Span<ulong> c0 = ciphertext[0].Limb(i), c1 = ciphertext[1].Limb(i), si = s.Limb(i), mi = m.Limb(i);
            if (ciphertext.Size == 3)
            {
                // Horner: c0 + s·(c1 + s·c2)
                Span<ulong> c2 = ciphertext[2].Limb(i);
                for (int k = 0; k < mi.Length; k++)
                {
                    ulong inner = Modulus.Add(c1[k], Modulus.Mul(c2[k], si[k], q, bh, bl), q);
                    mi[k] = Modulus.Add(c0[k], Modulus.Mul(inner, si[k], q, bh, bl), q);
                }
            }
            else
            {
                for (int k = 0; k < mi.Length; k++) mi[k] = Modulus.Add(c0[k], Modulus.Mul(c1[k], si[k], q, bh, bl), q);
            }
        }
    }

    /// <summary>Decrypts into a new plaintext.</summary>
    public Plaintext Decrypt(Ciphertext ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var pt = new Plaintext(_parameters, ciphertext.Level, ciphertext.Scale);
        Decrypt(ciphertext, pt);
        return pt;
    }
}
