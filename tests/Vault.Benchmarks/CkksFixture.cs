using Vault.Ckks;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Benchmarks;

/// <summary>Keys, encoder, encryptors, evaluator and inputs for one parameter set, built as the SEAL anchor builds its
/// inputs: fresh public-key encryptions of N/2 random reals in [−1, 1] at the top level, scale 2^40, Galois keys only
/// for a rotation by 1 and for conjugation.</summary>
internal sealed class CkksFixture : IDisposable
{
    public CkksFixture(CkksParameterSpec spec, int seed = 20240601)
    {
        Parameters = CkksParameters.Create(spec);
        var rlwe = Parameters.Rlwe;
        int level = Parameters.MaxLevel, n = Parameters.N;
        double scale = Parameters.DefaultScale;
        var random = new Random(seed);
        using (var generator = new KeyGenerator(rlwe))
        {
            SecretKey = generator.GenerateSecretKey();
            var publicKey = generator.GeneratePublicKey(SecretKey);
            RelinearizationKey = generator.GenerateRelinearizationKey(SecretKey);
            GaloisKeys = generator.GenerateGaloisKeys(SecretKey,
                [GaloisElements.ForRotation(Parameters.LogN, 1), GaloisElements.ForConjugation(Parameters.LogN)]);
            PublicEncryptor = new Encryptor(rlwe, publicKey);
        }
        SecretEncryptor = new Encryptor(rlwe, SecretKey);
        Decryptor = new Decryptor(rlwe, SecretKey);
        Encoder = new CkksEncoder(Parameters);
        Evaluator = new CkksEvaluator(Parameters, RelinearizationKey, GaloisKeys);
        Basis = rlwe.Ring.Q(level);

        Values = RandomReals(random, Parameters.Slots);
        Plaintext = new Plaintext(rlwe, level, scale);
        Encoder.Encode(Values, level, scale, Plaintext);
        var other = new Plaintext(rlwe, level, scale);
        Encoder.Encode(RandomReals(random, Parameters.Slots), level, scale, other);
        A = PublicEncryptor.Encrypt(Plaintext);
        B = PublicEncryptor.Encrypt(other);
        Product = Evaluator.Multiply(A, B);
        Relinearized = Evaluator.MultiplyRelinearize(A, B);
        Destination = Evaluator.NewCiphertext(level, scale);
        DecryptedPlaintext = new Plaintext(rlwe, level, scale);

        Poly = new RnsPoly(n, level + 1);
        for (int i = 0; i <= level; i++)
        {
            ulong q = Basis.Moduli[i].Value;
            Span<ulong> limb = Poly.Limb(i);
            for (int k = 0; k < n; k++) limb[k] = (ulong)random.NextInt64((long)q);
        }
        Limb = Poly.Limb(0).ToArray();
    }

    public CkksParameters Parameters { get; }
    public SecretKey SecretKey { get; }
    public RelinearizationKey RelinearizationKey { get; }
    public GaloisKeys GaloisKeys { get; }
    public Encryptor PublicEncryptor { get; }
    public Encryptor SecretEncryptor { get; }
    public Decryptor Decryptor { get; }
    public CkksEncoder Encoder { get; }
    public CkksEvaluator Evaluator { get; }
    public RnsBasis Basis { get; }
    public double[] Values { get; }
    public Plaintext Plaintext { get; }
    public Plaintext DecryptedPlaintext { get; }
    public Ciphertext A { get; }
    public Ciphertext B { get; }
    /// <summary>A · B before relinearization (3 parts).</summary>
    public Ciphertext Product { get; }
    /// <summary>Relinearize(A · B), scale 2^80, top level.</summary>
    public Ciphertext Relinearized { get; }
    public Ciphertext Destination { get; }
    /// <summary>Random residues over the data level, coefficient or NTT form alike.</summary>
    public RnsPoly Poly { get; }
    /// <summary>N random residues mod q_0.</summary>
    public ulong[] Limb { get; }

    public void Dispose()
    {
        PublicEncryptor.Dispose();
        SecretEncryptor.Dispose();
        SecretKey.Dispose();
    }

    private static double[] RandomReals(Random random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < values.Length; i++) values[i] = random.NextDouble() * 2 - 1;
        return values;
    }
}
