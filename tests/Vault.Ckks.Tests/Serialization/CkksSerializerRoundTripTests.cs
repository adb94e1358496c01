using System.Numerics;
using Vault.Ckks.Serialization;
using Vault.Rlwe;
using Vault.Testing;

namespace Vault.Ckks.Tests;

public class CkksSerializerRoundTripTests(SerializationFixture fixture) : IClassFixture<SerializationFixture>
{
    private CkksTestContext Ctx => fixture.Context;
    private CkksParameters P => fixture.Parameters;

    [Fact]
    public void Parameters_WriteReadWrite_SameBytesAndId()
    {
        byte[] bytes = CkksSerializer.Write(P);
        var back = CkksSerializer.ReadParameters(bytes, allowInsecure: true);
        Assert.Equal(P.Id, back.Id);
        Assert.Equal(P.Rlwe.QPrimes.ToArray(), back.Rlwe.QPrimes.ToArray());
        Assert.Equal(P.Rlwe.PPrimes.ToArray(), back.Rlwe.PPrimes.ToArray());
        Assert.Equal(P.Rlwe.Dnum, back.Rlwe.Dnum);
        Assert.Equal(bytes, CkksSerializer.Write(back));
    }

    [Fact]
    public void Parameters_SecurePreset_ReadsWithoutAllowInsecure()
    {
        var secure = CkksParameters.Create(CkksParameterPresets.LogN13);
        var back = CkksSerializer.ReadParameters(CkksSerializer.Write(secure));
        Assert.Equal(secure.Id, back.Id);
        Assert.True(back.IsSecure);
    }

    [Fact]
    public void ReadParameters_InsecurePresetWithoutAllowInsecure_ThrowsParameterException()
    {
        byte[] bytes = CkksSerializer.Write(P);
        var e = Assert.Throws<ParameterException>(() => CkksSerializer.ReadParameters(bytes));
        Assert.StartsWith("Read parameters:", e.Message);
    }

    [Fact]
    public void SecretKey_WriteReadWrite_SameBytesAndDecrypts()
    {
        byte[] bytes = CkksSerializer.Write(Ctx.SecretKey, P);
        using var back = CkksSerializer.ReadSecretKey(bytes, P);
        Assert.Equal(Ctx.SecretKey.Poly.Coefficients.ToArray(), back.Poly.Coefficients.ToArray());
        Assert.Equal(bytes, CkksSerializer.Write(back, P));

        var x = Ctx.RandomComplex(TestSeed.Random(1));
        var ct = Ctx.Encrypt(x);
        var decryptor = new Decryptor(P.Rlwe, back);
        var values = new Complex[P.Slots];
        Ctx.Encoder.Decode(decryptor.Decrypt(ct), values);
        Precision.AssertBits(x, values, 25, "decrypt with deserialized secret key");
    }

    [Fact]
    public void PublicKey_WriteReadWrite_SameBytesSameAAndEncrypts()
    {
        byte[] bytes = CkksSerializer.Write(Ctx.PublicKey, P);
        var back = CkksSerializer.ReadPublicKey(bytes, P);
        Assert.Equal(Ctx.PublicKey.B.Coefficients.ToArray(), back.B.Coefficients.ToArray());
        Assert.Equal(Ctx.PublicKey.A.Coefficients.ToArray(), back.A.Coefficients.ToArray());
        Assert.Equal(bytes, CkksSerializer.Write(back, P));

        var x = Ctx.RandomComplex(TestSeed.Random(2));
        using var encryptor = new Encryptor(P.Rlwe, back);
        var ct = encryptor.Encrypt(Ctx.Encoder.Encode(x.Select(v => v.Real).ToArray()));
        Precision.AssertBits(x.Select(v => new Complex(v.Real, 0)).ToArray(), Ctx.Decrypt(ct), 25, "encrypt with deserialized public key");
    }

    [Fact]
    public void PublicKey_SeededForm_IsAboutHalfOfBAndA()
    {
        byte[] bytes = CkksSerializer.Write(Ctx.PublicKey, P);
        long onePoly = (long)(P.MaxLevel + 1) * P.N * sizeof(ulong);
        Assert.Equal(CkksSerializer.HeaderLength + 32 + onePoly + CkksSerializer.ChecksumLength, bytes.Length);
    }

    [Fact]
    public void RelinearizationKey_WriteReadWrite_SameBytesSameAjAndRelinearizes()
    {
        byte[] bytes = CkksSerializer.Write(Ctx.RelinearizationKey, P);
        var back = CkksSerializer.ReadRelinearizationKey(bytes, P);
        AssertSameSwitchingKey(Ctx.RelinearizationKey.Key, back.Key);
        Assert.Equal(bytes, CkksSerializer.Write(back, P));

        var rng = TestSeed.Random(3);
        var x = Ctx.RandomComplex(rng);
        var y = Ctx.RandomComplex(rng);
        var evaluator = new CkksEvaluator(P, back);
        var product = evaluator.MultiplyRelinearize(Ctx.Encrypt(x), Ctx.Encrypt(y));
        evaluator.Rescale(product, product);
        Precision.AssertBits(x.Zip(y, (a, b) => a * b).ToArray(), Ctx.Decrypt(product), 20, "multiply with deserialized relinearization key");
    }

    [Fact]
    public void GaloisKeys_WriteReadWrite_SameBytesSameKeysAndRotates()
    {
        byte[] bytes = CkksSerializer.Write(Ctx.GaloisKeys, P);
        var back = CkksSerializer.ReadGaloisKeys(bytes, P);
        Assert.Equal(Ctx.GaloisKeys.Elements, back.Elements);
        foreach (ulong g in back.Elements) AssertSameSwitchingKey(Ctx.GaloisKeys[g], back[g]);
        Assert.Equal(bytes, CkksSerializer.Write(back, P));

        var x = Ctx.RandomComplex(TestSeed.Random(4));
        var evaluator = new CkksEvaluator(P, galoisKeys: back);
        var rotated = evaluator.Rotate(Ctx.Encrypt(x), 5);
        var expected = Enumerable.Range(0, x.Length).Select(i => x[(i + 5) % x.Length]).ToArray();
        Precision.AssertBits(expected, Ctx.Decrypt(rotated), 20, "rotate with deserialized Galois keys");
        var conjugated = evaluator.NewCiphertext(P.MaxLevel, P.DefaultScale);
        evaluator.Conjugate(Ctx.Encrypt(x), conjugated);
        Precision.AssertBits(x.Select(Complex.Conjugate).ToArray(), Ctx.Decrypt(conjugated), 20, "conjugate with deserialized Galois keys");
    }

    [Fact]
    public void GaloisKeys_Empty_RoundTrips()
    {
        var empty = GaloisKeys.FromKeys(P.Rlwe, []);
        var back = CkksSerializer.ReadGaloisKeys(CkksSerializer.Write(empty, P), P);
        Assert.Empty(back.Elements);
    }

    [Fact]
    public void Plaintext_AtLowerLevel_RoundTripsExactly()
    {
        var x = Ctx.RandomComplex(TestSeed.Random(5));
        var pt = new Plaintext(P.Rlwe, 2, Math.ScaleB(1.0, 30));
        Ctx.Encoder.Encode(x, pt.Level, pt.Scale, pt);
        byte[] bytes = CkksSerializer.Write(pt, P);
        var back = CkksSerializer.ReadPlaintext(bytes, P);
        Assert.Equal(2, back.Level);
        Assert.Equal(pt.Scale, back.Scale);
        Assert.Equal(pt.Poly.Coefficients.ToArray(), back.Poly.Coefficients.ToArray());
        Assert.Equal(bytes, CkksSerializer.Write(back, P));
    }

    [Fact]
    public void Ciphertext_PublicKeyEncryption_DecryptsToSameValues()
    {
        var x = Ctx.RandomComplex(TestSeed.Random(6));
        var ct = Ctx.Encrypt(x);
        Assert.Null(ct.Seed);
        byte[] bytes = CkksSerializer.Write(ct, P);
        var back = CkksSerializer.ReadCiphertext(bytes, P);
        Assert.Null(back.Seed);
        AssertSameCiphertext(ct, back);
        Assert.Equal(Ctx.Decrypt(ct), Ctx.Decrypt(back));
        Assert.Equal(bytes, CkksSerializer.Write(back, P));
    }

    [Fact]
    public void Ciphertext_SymmetricSeeded_IsAboutHalfSizeAndDecryptsIdentically()
    {
        var x = Ctx.RandomComplex(TestSeed.Random(7));
        var ct = Ctx.SymmetricEncryptor.Encrypt(EncodeTop(x));
        Assert.NotNull(ct.Seed);
        var unseeded = new Ciphertext(P.Rlwe, ct.Level, ct.Scale);
        ct.CopyTo(unseeded);
        unseeded.Seed = null;

        byte[] seededBytes = CkksSerializer.Write(ct, P);
        byte[] fullBytes = CkksSerializer.Write(unseeded, P);
        Assert.InRange(seededBytes.Length / (double)fullBytes.Length, 0.49, 0.51);

        var back = CkksSerializer.ReadCiphertext(seededBytes, P);
        Assert.Equal(ct.Seed, back.Seed);
        AssertSameCiphertext(ct, back);
        Assert.Equal(Ctx.Decrypt(ct), Ctx.Decrypt(back));
        Precision.AssertBits(x, Ctx.Decrypt(back), 25, "seeded ciphertext");
        Assert.Equal(seededBytes, CkksSerializer.Write(back, P));
        Assert.Equal(fullBytes, CkksSerializer.Write(CkksSerializer.ReadCiphertext(fullBytes, P), P));
    }

    [Fact]
    public void Ciphertext_StaleSeed_IsWrittenInFull()
    {
        var ct = Ctx.SymmetricEncryptor.Encrypt(EncodeTop(Ctx.RandomComplex(TestSeed.Random(8))));
        ct[1].Limb(0)[0] = (ct[1].Limb(0)[0] + 1) % P.Rlwe.QPrimes[0];   // c_1 no longer matches its seed
        var back = CkksSerializer.ReadCiphertext(CkksSerializer.Write(ct, P), P);
        Assert.Null(back.Seed);
        AssertSameCiphertext(ct, back);
    }

    [Fact]
    public void Ciphertext_ThreePartsAfterRescaleLevels_RoundTrips()
    {
        var rng = TestSeed.Random(9);
        var x = Ctx.RandomComplex(rng);
        var product = Ctx.Evaluator.Multiply(Ctx.Encrypt(x), Ctx.Encrypt(x));
        Ctx.Evaluator.Rescale(product, product);
        Assert.Equal(3, product.Size);
        byte[] bytes = CkksSerializer.Write(product, P);
        var back = CkksSerializer.ReadCiphertext(bytes, P);
        Assert.Equal(3, back.Size);
        Assert.Equal(P.MaxLevel - 1, back.Level);
        AssertSameCiphertext(product, back);
        Assert.Equal(Ctx.Decrypt(product), Ctx.Decrypt(back));
    }

    [Fact]
    public void Stream_SeveralObjectsInOneStream_ReadBackInOrder()
    {
        var ct = Ctx.Encrypt(Ctx.RandomComplex(TestSeed.Random(10)));
        using var stream = new MemoryStream();
        CkksSerializer.Write(P, stream);
        CkksSerializer.Write(Ctx.PublicKey, P, stream);
        CkksSerializer.Write(ct, P, stream);
        stream.Position = 0;
        var parameters = CkksSerializer.ReadParameters(stream, allowInsecure: true);
        _ = CkksSerializer.ReadPublicKey(stream, parameters);
        var back = CkksSerializer.ReadCiphertext(stream, parameters);
        Assert.Equal(stream.Length, stream.Position);
        AssertSameCiphertext(ct, back);
    }

    [Fact]
    public void Write_ObjectOfOtherParameters_ThrowsParameterMismatch()
    {
        var other = CkksParameters.CreateInsecure(CkksParameterPresets.InsecureTestOnlyLogN10 with { LogDefaultScale = 40 });
        var ct = Ctx.Encrypt(Ctx.RandomComplex(TestSeed.Random(11)));
        Assert.Throws<ParameterMismatchException>(() => CkksSerializer.Write(ct, other));
    }

    private Plaintext EncodeTop(Complex[] x)
    {
        var pt = new Plaintext(P.Rlwe, P.MaxLevel, P.DefaultScale);
        Ctx.Encoder.Encode(x, pt.Level, pt.Scale, pt);
        return pt;
    }

    private static void AssertSameCiphertext(Ciphertext expected, Ciphertext actual)
    {
        Assert.Equal(expected.ParameterId, actual.ParameterId);
        Assert.Equal(expected.Size, actual.Size);
        Assert.Equal(expected.Level, actual.Level);
        Assert.Equal(expected.Scale, actual.Scale);
        for (int i = 0; i < expected.Size; i++)
            Assert.Equal(expected[i].Coefficients.ToArray(), actual[i].Coefficients.ToArray());
    }

    private static void AssertSameSwitchingKey(SwitchingKey expected, SwitchingKey actual)
    {
        Assert.Equal(expected.Seed, actual.Seed);
        Assert.Equal(expected.DigitCount, actual.DigitCount);
        for (int j = 0; j < expected.DigitCount; j++)
        {
            Assert.Equal(expected.B[j].Coefficients.ToArray(), actual.B[j].Coefficients.ToArray());
            Assert.Equal(expected.A[j].Coefficients.ToArray(), actual.A[j].Coefficients.ToArray());
        }
    }
}
