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
        if (ciphertext.Size == 3)
        {
            // Horner: c0 + s·(c1 + s·c2)
            basis.MulCoefficients(ciphertext[2], s, m);
            basis.Add(ciphertext[1], m, m);
            basis.MulCoefficients(m, s, m);
        }
        else
        {
            basis.MulCoefficients(ciphertext[1], s, m);
        }
        basis.Add(ciphertext[0], m, m);
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
