using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Vault.Ring;
using Vault.Rlwe;
using Vault.Testing;
using Xunit.Abstractions;

namespace Vault.Ckks.Tests;

/// <summary>
/// Every homomorphic operation against the same operation on the plaintext vectors, with the error bound in bits
/// (absolute error ≤ 2^-bits on every slot; inputs have real and imaginary parts uniform in [−1, 1]).
/// </summary>
/// <remarks>
/// Bounds for the insecure N = 2^10, Δ = 2^45 preset (σ = 3.2):
/// <list type="bullet">
/// <item>Fresh public-key encryption: the noise e·u + e_0 + e_1·s has coefficient std σ·√(2N/3 + 2N/3 + 1) ≈ 118. A slot is
/// Σ_t e_t·ζ^(t·g), N terms of unit modulus, so its error has std ≈ 118·√N ≈ 2^11.9, and the largest of 512 slots is
/// ≈ 2.5 std ≈ 2^13.2: ≈ 2^-31.8 after dividing by Δ. Expect ~31.5 bits; require <see cref="FreshBits"/>.</item>
/// <item>Secret-key encryption has only e (std σ): ~6 bits better; the same bound is required.</item>
/// <item>Key switching (relinearization, rotation) adds ≲ 2^9 per coefficient (<see cref="NoiseBounds.KeySwitch"/>),
/// i.e. ≲ 2^-31 in slots, the same order as the fresh noise: require <see cref="KeySwitchedBits"/>.</item>
/// <item>Products: the error is ≈ |x|·e_y + |y|·e_x with |x|, |y| ≤ √2, i.e. ≈ 2.8× the fresh error (≈ 2^-30.3);
/// rescale rounding (τ_0 + τ_1·s with τ uniform in ±1/2: coefficient std ≈ √(N/18) ≈ 7.5 → ≈ 2^-37) and
/// relinearization add less. Require <see cref="ProductBits"/>.</item>
/// </list>
/// </remarks>
public sealed partial class CkksEvaluatorTests : IClassFixture<LogN10Fixture>, IClassFixture<DnumFixture>
{
    private const double FreshBits = 28;
    private const double KeySwitchedBits = 27;
    private const double ProductBits = 26;

    private readonly CkksTestContext _ctx;
    private readonly DnumFixture _dnum;
    private readonly ITestOutputHelper _output;

    public CkksEvaluatorTests(LogN10Fixture fixture, DnumFixture dnum, ITestOutputHelper output)
    {
        _ctx = fixture.Context;
        _dnum = dnum;
        _output = output;
    }

    private CkksEvaluator Evaluator => _ctx.Evaluator;

    private CkksParameters Parameters => _ctx.Parameters;

    private Complex[] RandomValues(int salt) => SlotReference.RandomComplex(TestSeed.Random(salt), Parameters.Slots);

    private Plaintext EncodePlain(Complex[] values, int level, double? scale = null, CkksTestContext? ctx = null)
    {
        ctx ??= _ctx;
        var pt = new Plaintext(ctx.Parameters.Rlwe, level, scale ?? ctx.Parameters.DefaultScale);
        ctx.Encoder.Encode(values, level, pt.Scale, pt);
        return pt;
    }

    /// <summary>Public-key encryption whose randomness is derived from the message and <see cref="TestSeed"/>, so every
    /// result is reproducible whatever order the tests run in (the fixtures' shared encryptor stream is not).</summary>
    private Ciphertext Encrypt(Complex[] values, int? level = null, double? scale = null, CkksTestContext? ctx = null)
    {
        ctx ??= _ctx;
        var pt = EncodePlain(values, level ?? ctx.Parameters.MaxLevel, scale, ctx);
        var material = new byte[pt.Poly.N * sizeof(ulong) + 16];
        MemoryMarshal.AsBytes(pt.Poly.Limb(0)).CopyTo(material);
        BinaryPrimitives.WriteInt32LittleEndian(material.AsSpan(material.Length - 16), TestSeed.Value);
        BinaryPrimitives.WriteInt32LittleEndian(material.AsSpan(material.Length - 12), pt.Level);
        BinaryPrimitives.WriteDoubleLittleEndian(material.AsSpan(material.Length - 8), pt.Scale);
        using var prng = new Prng(SHA256.HashData(material));
        using var encryptor = new Encryptor(ctx.Parameters.Rlwe, ctx.PublicKey, null, prng);
        return encryptor.Encrypt(pt);
    }

    /// <summary>Decrypts, logs the precision, and asserts it is at least <paramref name="minBits"/>.</summary>
    private double AssertPrecision(Complex[] expected, Ciphertext ct, double minBits, string what, CkksTestContext? ctx = null)
    {
        var actual = (ctx ?? _ctx).Decrypt(ct);
        double bits = Precision.Bits(expected, actual);
        _output.WriteLine($"{what}: {bits:F2} bits (required {minBits})");
        Precision.AssertBits(expected, actual, minBits, what);
        return bits;
    }

    private Ciphertext Clone(Ciphertext ct)
    {
        var copy = Evaluator.NewCiphertext(Parameters.MaxLevel, 1.0);
        ct.CopyTo(copy);
        return copy;
    }

    private static void AssertSameCiphertext(Ciphertext expected, Ciphertext actual, string what)
    {
        Assert.True(expected.Size == actual.Size, $"{what}: size {actual.Size}, expected {expected.Size}");
        Assert.True(expected.Level == actual.Level, $"{what}: level {actual.Level}, expected {expected.Level}");
        Assert.True(expected.Scale == actual.Scale, $"{what}: scale {actual.Scale}, expected {expected.Scale}");
        for (int i = 0; i < expected.Size; i++)
            Assert.True(expected[i].Coefficients.SequenceEqual(actual[i].Coefficients), $"{what}: part {i} differs");
    }
}
