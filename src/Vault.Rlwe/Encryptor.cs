using Vault.Ring;

namespace Vault.Rlwe;

/// <summary>Encrypts plaintexts under a public key, or under a secret key with a seeded c_1 (half-size on the wire).
/// Randomness: fresh CSPRNG-seeded stream by default. Not thread-safe: it owns its scratch buffers.</summary>
public sealed class Encryptor : IDisposable
{
    private readonly RlweParameters _parameters;
    private readonly PublicKey? _publicKey;
    private readonly SecretKey? _secretKey;
    private readonly Prng _randomness;
    private readonly bool _ownsRandomness;
    private readonly long[] _small;
    private readonly sbyte[] _ternary;
    private readonly RnsPoly _u;

    /// <summary>A public-key encryptor.</summary>
    public Encryptor(RlweParameters parameters, PublicKey publicKey) : this(parameters, publicKey, null, null) { }

    /// <summary>A secret-key (symmetric) encryptor; its ciphertexts carry the seed of c_1.</summary>
    public Encryptor(RlweParameters parameters, SecretKey secretKey) : this(parameters, null, secretKey, null) { }

    /// <summary>A public-key encryptor with caller-supplied randomness (reproducible; for tests and vectors).</summary>
    public Encryptor(RlweParameters parameters, PublicKey publicKey, Prng randomness) : this(parameters, publicKey, null, randomness) { }

    /// <summary>An encryptor with caller-supplied randomness (reproducible; for tests and vectors).</summary>
    public Encryptor(RlweParameters parameters, PublicKey? publicKey, SecretKey? secretKey, Prng? randomness)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if ((publicKey is null) == (secretKey is null))
            throw new ArgumentException("Encryptor: give exactly one of a public key and a secret key.");
        if (publicKey is not null) parameters.CheckId(publicKey.ParameterId, "Encryptor");
        if (secretKey is not null) parameters.CheckId(secretKey.ParameterId, "Encryptor");
        _parameters = parameters;
        _publicKey = publicKey;
        _secretKey = secretKey;
        _ownsRandomness = randomness is null;
        _randomness = randomness ?? Prng.CreateFresh();
        _small = new long[parameters.N];
        _ternary = new sbyte[parameters.N];
        _u = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
    }

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="destination"/> at the plaintext's level and scale.</summary>
    public void Encrypt(Plaintext plaintext, Ciphertext destination)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(destination);
        _parameters.CheckId(plaintext.ParameterId, "Encrypt");
        _parameters.CheckId(destination.ParameterId, "Encrypt");
        int level = plaintext.Level;
        var basis = _parameters.Ring.Q(level);
        destination.Size = 2;
        destination.Level = level;
        destination.Scale = plaintext.Scale;
        RnsPoly c0 = destination[0], c1 = destination[1];
        if (_publicKey is not null)
        {
            // (c0, c1) = (b·u + e0 + m, a·u + e1)
            destination.Seed = null;
            PolySampler.Ternary(_randomness, _ternary);
            basis.LiftTernary(_ternary, _u);
            basis.Forward(_u);
            SampleError(basis, c0);
            basis.MulCoefficientsAdd(_publicKey.B, _u, c0);
            basis.Add(c0, plaintext.Poly, c0);
            SampleError(basis, c1);
            basis.MulCoefficientsAdd(_publicKey.A, _u, c1);
            _u.Wipe();
            Array.Clear(_ternary);
        }
        else
        {
            // (c0, c1) = (−a·s + e + m, a) with a expanded from a fresh seed
            var seed = new byte[Prng.SeedLength];
            _randomness.Fill(seed);
            KeyGenerator.ExpandUniform(seed, basis, c1);
            SampleError(basis, c0);
            basis.Add(c0, plaintext.Poly, c0);
            var s = _secretKey!.Poly;
            for (int i = 0; i < basis.Count; i++)
            {
                var m = basis.Moduli[i];
                ulong q = m.Value, bh = m.BarrettHi, bl = m.BarrettLo;
                Span<ulong> ai = c1.Limb(i), si = s.Limb(i), di = c0.Limb(i);
                for (int k = 0; k < di.Length; k++) di[k] = Modulus.Sub(di[k], Modulus.Mul(ai[k], si[k], q, bh, bl), q);
            }
            destination.Seed = seed;
        }
    }

    /// <summary>Encrypts into a new ciphertext.</summary>
    public Ciphertext Encrypt(Plaintext plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var ct = new Ciphertext(_parameters, plaintext.Level, plaintext.Scale);
        Encrypt(plaintext, ct);
        return ct;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _u.Wipe();
        if (_ownsRandomness) _randomness.Dispose();
    }

    private void SampleError(RnsBasis basis, RnsPoly destination)
    {
        PolySampler.Gaussian(_randomness, _small);
        basis.LiftSigned(_small, destination);
        basis.Forward(destination);
        Array.Clear(_small);
    }
}
