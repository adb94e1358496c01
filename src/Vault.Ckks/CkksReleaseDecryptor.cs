using System.Numerics;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks;

/// <summary>Decrypts CKKS ciphertexts for release to anyone but the key owner: the exact decryption m' = c_0 + c_1·s
/// gets fresh Gaussian noise on every coefficient before decoding, and the values are rounded to the released
/// precision. Without it, a decryption and its ciphertext give the secret key: s = c_1^-1·(m' − c_0) in R_q (Li and
/// Micciancio, EUROCRYPT 2021, eprint 2020/1533), since re-encoding released values at the ciphertext's scale gives
/// m' back exactly.</summary>
/// <remarks>
/// <para>Sizing (<see cref="NoiseFloodingPlan"/>): σ_flood = Δ·2^-(p+1)/(8·√(N/2)), the largest noise that keeps every
/// released value within 2^-p of the exact decryption, and refused (<see cref="NoiseFloodingException"/>) unless
/// σ_flood ≥ √(24·τ)·2^(λ_s/2)·B for the caller's bound B on the ciphertext noise's Euclidean norm ‖e‖₂.</para>
/// <para>Noise comes from <see cref="PolySampler.RoundedGaussian"/> over a <see cref="Prng"/> seeded from the
/// operating system's CSPRNG (<see cref="Prng.CreateFresh"/>) unless the caller injects the stream. Each call draws new
/// noise, so two releases of one ciphertext differ; they are also two queries (τ): the caller that lets the same or a
/// noise-correlated ciphertext be released more than once must say so in <see cref="Queries"/>, or averaging the
/// releases removes the flooding.</para>
/// <para>Not thread-safe. The exact decryption and the noise are wiped after every call; dispose to wipe the stream.</para>
/// </remarks>
public sealed class CkksReleaseDecryptor : IDisposable
{
    private readonly CkksParameters _parameters;
    private readonly Decryptor _decryptor;
    private readonly CkksEncoder _encoder;
    private readonly Prng _randomness;
    private readonly bool _ownsRandomness;
    private readonly Plaintext _plaintext;
    private readonly RnsPoly _noisePoly;
    private readonly long[] _noise;
    private readonly Complex[] _slots;

    /// <summary>A release decryptor whose noise stream is seeded from the operating system's CSPRNG.</summary>
    /// <param name="parameters">The parameters the key and the ciphertexts belong to.</param>
    /// <param name="secretKey">The provider's secret key (not owned: the caller disposes it).</param>
    /// <param name="statisticalSecurity">λ_s in bits, in [1, 128]; 30 by default (OpenFHE's default).</param>
    /// <param name="queries">τ ≥ 1: releases of the same or noise-correlated ciphertexts the flooding must survive.</param>
    public CkksReleaseDecryptor(CkksParameters parameters, SecretKey secretKey,
        int statisticalSecurity = NoiseFloodingPlan.DefaultStatisticalSecurity, int queries = 1)
        : this(parameters, secretKey, Prng.CreateFresh(), ownsRandomness: true, statisticalSecurity, queries) { }

    /// <summary>A release decryptor drawing its noise from <paramref name="randomness"/> (not owned), for callers that
    /// manage their own CSPRNG-seeded stream and for reproducible tests.</summary>
    /// <param name="parameters">The parameters the key and the ciphertexts belong to.</param>
    /// <param name="secretKey">The provider's secret key (not owned: the caller disposes it).</param>
    /// <param name="randomness">The noise stream; it must be seeded from a CSPRNG and never reused elsewhere.</param>
    /// <param name="statisticalSecurity">λ_s in bits, in [1, 128]; 30 by default (OpenFHE's default).</param>
    /// <param name="queries">τ ≥ 1: releases of the same or noise-correlated ciphertexts the flooding must survive.</param>
    public CkksReleaseDecryptor(CkksParameters parameters, SecretKey secretKey, Prng randomness,
        int statisticalSecurity = NoiseFloodingPlan.DefaultStatisticalSecurity, int queries = 1)
        : this(parameters, secretKey, randomness, ownsRandomness: false, statisticalSecurity, queries) { }

    private CkksReleaseDecryptor(CkksParameters parameters, SecretKey secretKey, Prng randomness, bool ownsRandomness,
        int statisticalSecurity, int queries)
    {
        ArgumentNullException.ThrowIfNull(randomness);
        try
        {
            ArgumentNullException.ThrowIfNull(parameters);
            ArgumentOutOfRangeException.ThrowIfLessThan(statisticalSecurity, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(statisticalSecurity, 128);
            ArgumentOutOfRangeException.ThrowIfLessThan(queries, 1);
            _decryptor = new Decryptor(parameters.Rlwe, secretKey);
        }
        catch
        {
            if (ownsRandomness) randomness.Dispose();
            throw;
        }
        _parameters = parameters;
        _randomness = randomness;
        _ownsRandomness = ownsRandomness;
        StatisticalSecurity = statisticalSecurity;
        Queries = queries;
        _encoder = new CkksEncoder(parameters);
        _plaintext = new Plaintext(parameters.Rlwe, parameters.MaxLevel, parameters.DefaultScale);
        _noisePoly = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
        _noise = new long[parameters.N];
        _slots = new Complex[parameters.Slots];
    }

    /// <summary>λ_s: the statistical security every release is sized for.</summary>
    public int StatisticalSecurity { get; }

    /// <summary>τ: how many releases of one ciphertext (or of noise-correlated ones) the sizing allows for.</summary>
    public int Queries { get; }

    /// <summary>The flooding <see cref="Decrypt"/> would use for <paramref name="ciphertext"/>, without decrypting.</summary>
    /// <param name="ciphertext">The ciphertext to release (its scale and the ring degree size the noise).</param>
    /// <param name="precisionBits">p in [0, 52]: released values are multiples of 2^-p within 2^-p of the exact decryption.</param>
    /// <param name="noiseBound">B ≥ 1: a bound on ‖e‖₂, the Euclidean norm of the coefficients of the ciphertext's noise
    /// (m' − Δ·m). With only a coefficient bound b, pass √N·b; with a bound ε on the slots' error, √2·Δ·ε.</param>
    /// <exception cref="NoiseFloodingException">p is too fine to flood securely; the exception says how many bits can be released.</exception>
    public NoiseFloodingPlan Plan(Ciphertext ciphertext, int precisionBits, double noiseBound)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return NoiseFloodingPlan.Create(_parameters.LogN, ciphertext.Scale, precisionBits, noiseBound, StatisticalSecurity, Queries);
    }

    /// <summary>Decrypts, floods and decodes all N/2 slots, each real and imaginary part rounded to a multiple of 2^-p.</summary>
    /// <param name="ciphertext">The ciphertext to release (2 or 3 parts, any level).</param>
    /// <param name="precisionBits">p in [0, 52]: the released precision in bits.</param>
    /// <param name="noiseBound">B ≥ 1: a bound on ‖e‖₂ of the ciphertext's noise; see <see cref="Plan"/>.</param>
    /// <exception cref="NoiseFloodingException">p is too fine to flood securely; nothing is decrypted.</exception>
    /// <exception cref="ParameterMismatchException">The ciphertext belongs to other parameters.</exception>
    public Complex[] Decrypt(Ciphertext ciphertext, int precisionBits, double noiseBound)
    {
        var plan = Plan(ciphertext, precisionBits, noiseBound);
        var values = new Complex[_parameters.Slots];
        DecodeFlooded(ciphertext, plan);
        for (int j = 0; j < values.Length; j++)
            values[j] = new Complex(Round(_slots[j].Real, precisionBits), Round(_slots[j].Imaginary, precisionBits));
        Array.Clear(_slots);
        return values;
    }

    /// <summary>As <see cref="Decrypt"/>, releasing only the real parts of the N/2 slots.</summary>
    /// <param name="ciphertext">The ciphertext to release (2 or 3 parts, any level).</param>
    /// <param name="precisionBits">p in [0, 52]: the released precision in bits.</param>
    /// <param name="noiseBound">B ≥ 1: a bound on ‖e‖₂ of the ciphertext's noise; see <see cref="Plan"/>.</param>
    /// <exception cref="NoiseFloodingException">p is too fine to flood securely; nothing is decrypted.</exception>
    /// <exception cref="ParameterMismatchException">The ciphertext belongs to other parameters.</exception>
    public double[] DecryptReal(Ciphertext ciphertext, int precisionBits, double noiseBound)
    {
        var plan = Plan(ciphertext, precisionBits, noiseBound);
        var values = new double[_parameters.Slots];
        DecodeFlooded(ciphertext, plan);
        for (int j = 0; j < values.Length; j++) values[j] = Round(_slots[j].Real, precisionBits);
        Array.Clear(_slots);
        return values;
    }

    /// <summary>Writes m' + f into <paramref name="destination"/>: the exact decryption plus fresh flooding noise f
    /// with σ = <paramref name="plan"/>.Sigma on every coefficient (NTT form, the ciphertext's level and scale).</summary>
    internal void DecryptFlooded(Ciphertext ciphertext, NoiseFloodingPlan plan, Plaintext destination)
    {
        _decryptor.Decrypt(ciphertext, destination);
        var basis = _parameters.Rlwe.Ring.Q(destination.Level);
        try
        {
            PolySampler.RoundedGaussian(_randomness, plan.Sigma, _noise);
            _noisePoly.LimbCount = basis.Count;
            basis.LiftSigned(_noise, _noisePoly);
            basis.Forward(_noisePoly);
            basis.Add(destination.Poly, _noisePoly, destination.Poly);
        }
        finally
        {
            Array.Clear(_noise);
            _noisePoly.Wipe();
        }
    }

    private void DecodeFlooded(Ciphertext ciphertext, NoiseFloodingPlan plan)
    {
        try
        {
            DecryptFlooded(ciphertext, plan, _plaintext);
            _encoder.Decode(_plaintext, _slots);
        }
        finally
        {
            _plaintext.Poly.Wipe();
        }
    }

    private static double Round(double value, int precisionBits) => Math.ScaleB(Math.Round(Math.ScaleB(value, precisionBits)), -precisionBits);

    /// <summary>Wipes the buffers and, when this object created it, the noise stream.</summary>
    public void Dispose()
    {
        _plaintext.Poly.Wipe();
        _noisePoly.Wipe();
        Array.Clear(_noise);
        Array.Clear(_slots);
        if (_ownsRandomness) _randomness.Dispose();
    }
}
