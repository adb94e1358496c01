using System.Numerics;
using Vault.Ckks;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Testing;

/// <summary>A complete, reproducible CKKS setup for tests: parameters, keys (from a seeded stream), encoder,
/// encryptor, decryptor and evaluator. Build it once per test class; it is not thread-safe.</summary>
public sealed class CkksTestContext : IDisposable
{
    private readonly Prng _randomness;

    /// <summary>Builds everything for <paramref name="spec"/> (insecure specs allowed: these are tests).</summary>
    public CkksTestContext(CkksParameterSpec spec, int salt = 0, IEnumerable<int>? rotationSteps = null, bool conjugation = true)
    {
        Parameters = CkksParameters.CreateInsecure(spec);
        _randomness = new Prng(TestSeed.PrngSeed(salt));
        using var generator = new KeyGenerator(Parameters.Rlwe, _randomness);
        SecretKey = generator.GenerateSecretKey();
        PublicKey = generator.GeneratePublicKey(SecretKey);
        RelinearizationKey = generator.GenerateRelinearizationKey(SecretKey);
        var elements = new List<ulong>(GaloisElements.ForPowerOfTwoRotations(Parameters.LogN));
        foreach (int step in rotationSteps ?? []) elements.Add(GaloisElements.ForRotation(Parameters.LogN, step));
        if (conjugation) elements.Add(GaloisElements.ForConjugation(Parameters.LogN));
        GaloisKeys = generator.GenerateGaloisKeys(SecretKey, elements);
        Encoder = new CkksEncoder(Parameters);
        Encryptor = new Encryptor(Parameters.Rlwe, PublicKey, null, _randomness);
        SymmetricEncryptor = new Encryptor(Parameters.Rlwe, null, SecretKey, _randomness);
        Decryptor = new Decryptor(Parameters.Rlwe, SecretKey);
        Evaluator = new CkksEvaluator(Parameters, RelinearizationKey, GaloisKeys);
    }

    public CkksParameters Parameters { get; }
    public SecretKey SecretKey { get; }
    public PublicKey PublicKey { get; }
    public RelinearizationKey RelinearizationKey { get; }
    public GaloisKeys GaloisKeys { get; }
    public CkksEncoder Encoder { get; }
    public Encryptor Encryptor { get; }
    public Encryptor SymmetricEncryptor { get; }
    public Decryptor Decryptor { get; }
    public CkksEvaluator Evaluator { get; }

    /// <summary>Uniform random complex values with real and imaginary parts in [−bound, bound].</summary>
    public Complex[] RandomComplex(Random random, double bound = 1.0)
    {
        var v = new Complex[Parameters.Slots];
        for (int i = 0; i < v.Length; i++) v[i] = new Complex((random.NextDouble() * 2 - 1) * bound, (random.NextDouble() * 2 - 1) * bound);
        return v;
    }

    /// <summary>Encrypts complex values at the top level and default scale (public key).</summary>
    public Ciphertext Encrypt(ReadOnlySpan<Complex> values, int? level = null)
    {
        var pt = new Plaintext(Parameters.Rlwe, level ?? Parameters.MaxLevel, Parameters.DefaultScale);
        Encoder.Encode(values, pt.Level, Parameters.DefaultScale, pt);
        return Encryptor.Encrypt(pt);
    }

    /// <summary>Decrypts and decodes all slots.</summary>
    public Complex[] Decrypt(Ciphertext ct)
    {
        var pt = Decryptor.Decrypt(ct);
        var values = new Complex[Parameters.Slots];
        Encoder.Decode(pt, values);
        return values;
    }

    public void Dispose()
    {
        Encryptor.Dispose();
        SymmetricEncryptor.Dispose();
        SecretKey.Dispose();
        _randomness.Dispose();
    }
}
