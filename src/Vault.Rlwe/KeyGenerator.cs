using System.Security.Cryptography;
using Vault.Ring;

namespace Vault.Rlwe;

/// <summary>Generates secret, public, relinearization and Galois keys. All randomness comes from one
/// <see cref="Prng"/>: by default a fresh one seeded by the OS CSPRNG; pass a seeded one only for reproducible
/// tests and known-answer vectors. Not thread-safe.</summary>
public sealed class KeyGenerator : IDisposable
{
    private readonly RlweParameters _parameters;
    private readonly Prng _randomness;
    private readonly bool _ownsRandomness;

    /// <summary>Creates a generator drawing from a fresh CSPRNG-seeded stream.</summary>
    public KeyGenerator(RlweParameters parameters) : this(parameters, Prng.CreateFresh(), ownsRandomness: true) { }

    /// <summary>Creates a generator drawing from <paramref name="randomness"/> (reproducible; for tests and vectors).</summary>
    public KeyGenerator(RlweParameters parameters, Prng randomness) : this(parameters, randomness, ownsRandomness: false) { }

    private KeyGenerator(RlweParameters parameters, Prng randomness, bool ownsRandomness)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(randomness);
        _parameters = parameters;
        _randomness = randomness;
        _ownsRandomness = ownsRandomness;
    }

    /// <summary>A new ternary secret (uniform, or of the parameters' fixed Hamming weight).</summary>
    public SecretKey GenerateSecretKey()
    {
        int n = _parameters.N;
        var coefficients = new sbyte[n];
        try
        {
            if (_parameters.HammingWeight > 0) PolySampler.TernaryFixedWeight(_randomness, _parameters.HammingWeight, coefficients);
            else PolySampler.Ternary(_randomness, coefficients);
            var basis = _parameters.Ring.QP(_parameters.MaxLevel);
            var poly = new RnsPoly(n, basis.Count);
            basis.LiftTernary(coefficients, poly);
            basis.Forward(poly);
            return new SecretKey(_parameters, poly);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(coefficients.AsSpan()));
        }
    }

    /// <summary>The public key (−a·s + e, a) over {q_0..q_L}.</summary>
    public PublicKey GeneratePublicKey(SecretKey secretKey)
    {
        CheckKey(secretKey);
        var basis = _parameters.Ring.Q(_parameters.MaxLevel);
        byte[] seed = NewSeed();
        var a = new RnsPoly(_parameters.N, basis.Count);
        ExpandUniform(seed, basis, a);
        var b = new RnsPoly(_parameters.N, basis.Count);
        SampleError(basis, b);
        NegateMulAdd(basis, a, secretKey.Poly, b);
        return new PublicKey(_parameters.Id, b, a, seed);
    }

    /// <summary>The relinearization key (switching key from s² to s).</summary>
    public RelinearizationKey GenerateRelinearizationKey(SecretKey secretKey)
    {
        CheckKey(secretKey);
        var basis = _parameters.Ring.QP(_parameters.MaxLevel);
        var square = new RnsPoly(_parameters.N, basis.Count);
        try
        {
            basis.MulCoefficients(secretKey.Poly, secretKey.Poly, square);
            return new RelinearizationKey(GenerateSwitchingKey(square, secretKey));
        }
        finally
        {
            square.Wipe();
        }
    }

    /// <summary>Galois keys for the given elements (each odd and below 2N).</summary>
    public GaloisKeys GenerateGaloisKeys(SecretKey secretKey, IEnumerable<ulong> galoisElements)
    {
        CheckKey(secretKey);
        ArgumentNullException.ThrowIfNull(galoisElements);
        var basis = _parameters.Ring.QP(_parameters.MaxLevel);
        var keys = new Dictionary<ulong, SwitchingKey>();
        var rotated = new RnsPoly(_parameters.N, basis.Count);
        try
        {
            foreach (ulong g in galoisElements)
            {
                if (keys.ContainsKey(g)) continue;
                _parameters.Ring.AutomorphismNtt(secretKey.Poly, g, rotated, basis.Count);
                keys[g] = GenerateSwitchingKey(rotated, secretKey);
            }
        }
        finally
        {
            rotated.Wipe();
        }
        return new GaloisKeys(_parameters.Id, keys);
    }

    /// <summary>A switching key from s' (NTT form over every prime) to <paramref name="target"/>.</summary>
    public SwitchingKey GenerateSwitchingKey(RnsPoly sourceSecret, SecretKey target)
    {
        ArgumentNullException.ThrowIfNull(sourceSecret);
        CheckKey(target);
        var basis = _parameters.Ring.QP(_parameters.MaxLevel);
        int digits = _parameters.Dnum, digitSize = _parameters.DigitSize, qCount = _parameters.MaxLevel + 1;
        byte[] seed = NewSeed();
        var b = new RnsPoly[digits];
        var a = new RnsPoly[digits];
        using var expansion = new Prng(seed);
        for (int j = 0; j < digits; j++)
        {
            a[j] = new RnsPoly(_parameters.N, basis.Count);
            for (int i = 0; i < basis.Count; i++) PolySampler.Uniform(expansion, basis.Moduli[i], a[j].Limb(i));
            b[j] = new RnsPoly(_parameters.N, basis.Count);
            SampleError(basis, b[j]);
            NegateMulAdd(basis, a[j], target.Poly, b[j]);
            int end = Math.Min(qCount, (j + 1) * digitSize);
            for (int i = j * digitSize; i < end; i++)
            {
                var m = basis.Moduli[i];
                ReadOnlySpan<ulong> pModQ = _parameters.PModQ(i);
                Span<ulong> bi = b[j].Limb(i), si = sourceSecret.Limb(i);
                for (int k = 0; k < bi.Length; k++)
                    bi[k] = Modulus.Add(bi[k], Modulus.MulShoup(si[k], pModQ[0], pModQ[1], m.Value), m.Value);
            }
        }
        return new SwitchingKey(_parameters.Id, b, a, seed);
    }

    /// <summary>Regenerates the uniform polynomial a over the first <c>basis.Count</c> limbs from its seed.</summary>
    public static void ExpandUniform(ReadOnlySpan<byte> seed, RnsBasis basis, RnsPoly destination)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(destination);
        using var prng = new Prng(seed);
        for (int i = 0; i < basis.Count; i++) PolySampler.Uniform(prng, basis.Moduli[i], destination.Limb(i));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsRandomness) _randomness.Dispose();
    }

    private byte[] NewSeed()
    {
        var seed = new byte[Prng.SeedLength];
        _randomness.Fill(seed);
        return seed;
    }

    /// <summary>destination = e (fresh Gaussian error, NTT form).</summary>
    private void SampleError(RnsBasis basis, RnsPoly destination)
    {
        var e = new long[_parameters.N];
        PolySampler.Gaussian(_randomness, e);
        basis.LiftSigned(e, destination);
        basis.Forward(destination);
        Array.Clear(e);
    }

    /// <summary>destination = destination − a ⊙ s.</summary>
    private static void NegateMulAdd(RnsBasis basis, RnsPoly a, RnsPoly s, RnsPoly destination)
    {
        for (int i = 0; i < basis.Count; i++)
        {
            var m = basis.Moduli[i];
            Span<ulong> ai = a.Limb(i), si = s.Limb(i), di = destination.Limb(i);
            for (int k = 0; k < di.Length; k++) di[k] = m.Sub(di[k], m.Mul(ai[k], si[k]));
        }
    }

    private void CheckKey(SecretKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _parameters.CheckId(key.ParameterId, "KeyGenerator");
    }
}
