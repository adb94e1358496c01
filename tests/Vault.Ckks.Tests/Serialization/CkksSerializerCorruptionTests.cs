using System.Buffers.Binary;
using Vault.Ckks.Serialization;
using Vault.Rlwe;
using Vault.Testing;

namespace Vault.Ckks.Tests;

public class CkksSerializerCorruptionTests(SerializationFixture fixture) : IClassFixture<SerializationFixture>
{
    private CkksTestContext Ctx => fixture.Context;
    private CkksParameters P => fixture.Parameters;

    private byte[] CiphertextBytes() => CkksSerializer.Write(Ctx.Encrypt(Ctx.RandomComplex(TestSeed.Random(20))), P);

    private CkksFormatException ReadCiphertextFails(byte[] data, CkksFormatProblem problem)
    {
        var e = Assert.Throws<CkksFormatException>(() => CkksSerializer.ReadCiphertext(data, P));
        Assert.Equal(problem, e.Problem);
        Assert.StartsWith("Read ciphertext: ", e.Message);
        return e;
    }

    [Theory]
    [InlineData(Wire.BodyOffset)]            // the size byte
    [InlineData(Wire.BodyOffset + 1)]        // first coefficient of c_0
    [InlineData(Wire.BodyOffset + 7)]        // its top byte: the value goes ≥ q, still reported as a checksum mismatch
    [InlineData(-CkksSerializer.ChecksumLength - 1)]   // last body byte
    public void Read_FlippedBodyByte_ChecksumMismatch(int offset)
    {
        byte[] bytes = CiphertextBytes();
        if (offset < 0) offset += bytes.Length;
        ReadCiphertextFails(Wire.Flip(bytes, offset, 0x80), CkksFormatProblem.ChecksumMismatch);
    }

    [Fact]
    public void Read_FlippedChecksumByte_ChecksumMismatch()
    {
        byte[] bytes = CiphertextBytes();
        ReadCiphertextFails(Wire.Flip(bytes, bytes.Length - 5), CkksFormatProblem.ChecksumMismatch);
    }

    [Fact]
    public void Read_FlippedScaleMantissaBit_ChecksumMismatch()
    {
        byte[] bytes = CiphertextBytes();
        ReadCiphertextFails(Wire.Flip(bytes, FormatLayout.ScaleOffset), CkksFormatProblem.ChecksumMismatch);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(30)]                         // mid-header
    [InlineData(CkksSerializer.HeaderLength - 1)]
    [InlineData(CkksSerializer.HeaderLength)]          // header only
    [InlineData(CkksSerializer.HeaderLength + 1)]
    [InlineData(5000)]                       // inside c_0
    [InlineData(-CkksSerializer.ChecksumLength)]       // body complete, checksum missing
    [InlineData(-1)]                         // one checksum byte missing
    public void Read_Truncated_Truncated(int length)
    {
        byte[] bytes = CiphertextBytes();
        if (length < 0) length += bytes.Length;
        ReadCiphertextFails(bytes[..length], CkksFormatProblem.Truncated);
    }

    [Fact]
    public void Read_TruncatedSecretKeyStream_TruncatedAndNoKey()
    {
        byte[] bytes = CkksSerializer.Write(Ctx.SecretKey, P);
        using var stream = new MemoryStream(bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<CkksFormatException>(() => CkksSerializer.ReadSecretKey(stream, P));
        Assert.Equal(CkksFormatProblem.Truncated, e.Problem);
        Assert.StartsWith("Read secret key: ", e.Message);
    }

    [Fact]
    public void Read_WrongMagic_BadMagic()
    {
        var e = ReadCiphertextFails(Wire.Edit(CiphertextBytes(), b => "SEAL"u8.CopyTo(b), rechecksum: false), CkksFormatProblem.BadMagic);
        Assert.Contains("VLTK", e.Message);
    }

    [Fact]
    public void Read_NotAVaultObject_BadMagic() =>
        ReadCiphertextFails(new byte[200], CkksFormatProblem.BadMagic);

    [Fact]
    public void Read_WrongVersion_UnsupportedVersion()
    {
        byte[] bytes = Wire.Edit(CiphertextBytes(), b => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(FormatLayout.VersionOffset), 2));
        var e = ReadCiphertextFails(bytes, CkksFormatProblem.UnsupportedVersion);
        Assert.Contains("version 2", e.Message);
    }

    [Fact]
    public void Read_PlaintextAsCiphertext_WrongKind()
    {
        var pt = new Plaintext(P.Rlwe, P.MaxLevel, P.DefaultScale);
        Ctx.Encoder.Encode(Ctx.RandomComplex(TestSeed.Random(21)), pt.Level, pt.Scale, pt);
        var e = ReadCiphertextFails(CkksSerializer.Write(pt, P), CkksFormatProblem.WrongKind);
        Assert.Contains("plaintext", e.Message);
    }

    [Fact]
    public void Read_ParametersAsSecretKey_WrongKind()
    {
        var e = Assert.Throws<CkksFormatException>(() => CkksSerializer.ReadSecretKey(CkksSerializer.Write(P), P));
        Assert.Equal(CkksFormatProblem.WrongKind, e.Problem);
    }

    [Fact]
    public void Read_ObjectOfOtherParameterSet_ParameterMismatchNamingBothIds()
    {
        var other = CkksParameters.CreateInsecure(CkksParameterPresets.InsecureTestOnlyLogN10 with { LogDefaultScale = 40 });
        byte[] bytes = CiphertextBytes();
        var e = Assert.Throws<ParameterMismatchException>(() => CkksSerializer.ReadCiphertext(bytes, other));
        Assert.StartsWith("Read ciphertext: ", e.Message);
        Assert.Contains(P.Id.ToString(), e.Message);
        Assert.Contains(other.Id.ToString(), e.Message);
        Assert.Throws<ParameterMismatchException>(() => CkksSerializer.ReadGaloisKeys(CkksSerializer.Write(Ctx.GaloisKeys, P), other));
    }

    [Fact]
    public void Read_CoefficientNotBelowPrime_CoefficientOutOfRange()
    {
        ulong q0 = P.Rlwe.QPrimes[0];
        byte[] bytes = Wire.Edit(CiphertextBytes(), b => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(Wire.BodyOffset + 1 + 8 * 3), q0));
        var e = ReadCiphertextFails(bytes, CkksFormatProblem.CoefficientOutOfRange);
        Assert.Contains("coefficient 3 of limb 0 of c_0", e.Message);
    }

    [Fact]
    public void Read_SecretCoefficientOutOfRange_ReportedWithoutValue()
    {
        byte[] bytes = Wire.Edit(CkksSerializer.Write(Ctx.SecretKey, P),
            b => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(Wire.BodyOffset + 8 * 10), ulong.MaxValue));
        var e = Assert.Throws<CkksFormatException>(() => CkksSerializer.ReadSecretKey(bytes, P));
        Assert.Equal(CkksFormatProblem.CoefficientOutOfRange, e.Problem);
        Assert.DoesNotContain(ulong.MaxValue.ToString(), e.Message);
    }

    [Fact]
    public void Read_KeyCoefficientInPSpecialLimbOutOfRange_CoefficientOutOfRange()
    {
        // Last limb of b_0 of the relinearization key is over p_1.
        int limbs = P.MaxLevel + 1 + P.Rlwe.PPrimes.Length;
        int offset = Wire.BodyOffset + 4 + 32 + (limbs - 1) * P.N * 8;
        ulong p1 = P.Rlwe.PPrimes[^1];
        byte[] bytes = Wire.Edit(CkksSerializer.Write(Ctx.RelinearizationKey, P), b => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(offset), p1));
        var e = Assert.Throws<CkksFormatException>(() => CkksSerializer.ReadRelinearizationKey(bytes, P));
        Assert.Equal(CkksFormatProblem.CoefficientOutOfRange, e.Problem);
        Assert.Contains($"limb {limbs - 1} of b_0", e.Message);
    }

    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData(1UL << 40)]
    [InlineData(0UL)]
    [InlineData(100UL)]
    public void Read_AbsurdBodyLength_LengthMismatch(ulong length)
    {
        byte[] bytes = Wire.Edit(CiphertextBytes(), b => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(FormatLayout.BodyLengthOffset), length));
        ReadCiphertextFails(bytes, CkksFormatProblem.LengthMismatch);
    }

    [Fact]
    public void ReadGaloisKeys_AbsurdBodyLength_LengthMismatch()
    {
        byte[] bytes = Wire.Edit(CkksSerializer.Write(Ctx.GaloisKeys, P),
            b => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(FormatLayout.BodyLengthOffset), ulong.MaxValue - 3));
        var e = Assert.Throws<CkksFormatException>(() => CkksSerializer.ReadGaloisKeys(bytes, P));
        Assert.Equal(CkksFormatProblem.LengthMismatch, e.Problem);
    }

    [Fact]
    public void ReadParameters_AbsurdBodyLength_LengthMismatch()
    {
        byte[] bytes = Wire.Edit(CkksSerializer.Write(P), b => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(FormatLayout.BodyLengthOffset), 1UL << 50));
        var e = Assert.Throws<CkksFormatException>(() => CkksSerializer.ReadParameters(bytes, allowInsecure: true));
        Assert.Equal(CkksFormatProblem.LengthMismatch, e.Problem);
    }

    [Fact]
    public void Read_TrailingBytes_LengthMismatch()
    {
        byte[] bytes = [.. CiphertextBytes(), 0];
        var e = ReadCiphertextFails(bytes, CkksFormatProblem.LengthMismatch);
        Assert.Contains("1 bytes follow", e.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]                          // MaxLevel is 4
    [InlineData(int.MaxValue)]
    public void Read_LevelOutOfRange_InvalidField(int level)
    {
        byte[] bytes = Wire.Edit(CiphertextBytes(), b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(FormatLayout.LevelOffset), level));
        ReadCiphertextFails(bytes, CkksFormatProblem.InvalidField);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(0.0)]
    [InlineData(-1024.0)]
    public void Read_BadScale_InvalidField(double scale)
    {
        byte[] bytes = Wire.Edit(CiphertextBytes(), b => BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(FormatLayout.ScaleOffset), scale));
        ReadCiphertextFails(bytes, CkksFormatProblem.InvalidField);
    }

    [Fact]
    public void Read_KeyWithScale_InvalidField()
    {
        byte[] bytes = Wire.Edit(CkksSerializer.Write(Ctx.PublicKey, P), b => BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(FormatLayout.ScaleOffset), 1.0));
        var e = Assert.Throws<CkksFormatException>(() => CkksSerializer.ReadPublicKey(bytes, P));
        Assert.Equal(CkksFormatProblem.InvalidField, e.Problem);
    }

    [Theory]
    [InlineData(0x02)]                       // undefined bit
    [InlineData(0x81)]
    public void Read_UnknownFlag_InvalidField(byte flags)
    {
        byte[] bytes = Wire.Edit(CiphertextBytes(), b => b[FormatLayout.FlagsOffset] = flags);
        ReadCiphertextFails(bytes, CkksFormatProblem.InvalidField);
    }

    [Fact]
    public void Read_SeededFlagOnPlaintext_InvalidField()
    {
        var pt = new Plaintext(P.Rlwe, 0, P.DefaultScale);
        byte[] bytes = Wire.Edit(CkksSerializer.Write(pt, P), b => b[FormatLayout.FlagsOffset] = 1);
        var e = Assert.Throws<CkksFormatException>(() => CkksSerializer.ReadPlaintext(bytes, P));
        Assert.Equal(CkksFormatProblem.InvalidField, e.Problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(255)]
    public void Read_SizeNotTwoOrThree_InvalidField(byte size)
    {
        byte[] bytes = Wire.Edit(CiphertextBytes(), b => b[Wire.BodyOffset] = size);
        ReadCiphertextFails(bytes, CkksFormatProblem.InvalidField);
    }

    [Fact]
    public void Read_SizeThreeInTwoPartBody_InvalidField()
    {
        byte[] bytes = Wire.Edit(CiphertextBytes(), b => b[Wire.BodyOffset] = 3);
        var e = ReadCiphertextFails(bytes, CkksFormatProblem.InvalidField);
        Assert.Contains("size 3", e.Message);
    }

    [Theory]
    [InlineData(2UL)]                        // even
    [InlineData(2049UL)]                     // ≥ 2N
    public void ReadGaloisKeys_BadElement_InvalidField(ulong element)
    {
        byte[] bytes = Wire.Edit(CkksSerializer.Write(Ctx.GaloisKeys, P), b => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(Wire.BodyOffset + 4), element));
        var e = Assert.Throws<CkksFormatException>(() => CkksSerializer.ReadGaloisKeys(bytes, P));
        Assert.Equal(CkksFormatProblem.InvalidField, e.Problem);
        Assert.Contains($"Galois element {element}", e.Message);
    }

    [Fact]
    public void ReadGaloisKeys_ElementsNotAscending_InvalidField()
    {
        byte[] original = CkksSerializer.Write(Ctx.GaloisKeys, P);
        int perKey = 8 + 4 + 32 + P.Rlwe.Dnum * (P.MaxLevel + 1 + P.Rlwe.PPrimes.Length) * P.N * 8;
        ulong first = BinaryPrimitives.ReadUInt64LittleEndian(original.AsSpan(Wire.BodyOffset + 4));
        byte[] bytes = Wire.Edit(original, b => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(Wire.BodyOffset + 4 + perKey), first));
        var e = Assert.Throws<CkksFormatException>(() => CkksSerializer.ReadGaloisKeys(bytes, P));
        Assert.Equal(CkksFormatProblem.InvalidField, e.Problem);
        Assert.Contains("ascending", e.Message);
    }

    [Fact]
    public void ReadRelinearizationKey_WrongDigitCount_InvalidField()
    {
        byte[] bytes = Wire.Edit(CkksSerializer.Write(Ctx.RelinearizationKey, P), b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(Wire.BodyOffset), 2));
        var e = Assert.Throws<CkksFormatException>(() => CkksSerializer.ReadRelinearizationKey(bytes, P));
        Assert.Equal(CkksFormatProblem.InvalidField, e.Problem);
        Assert.Contains("Dnum = 3", e.Message);
    }

    [Fact]
    public void ReadParameters_TamperedPrimeWithValidChecksum_InconsistentParameters()
    {
        byte[] original = CkksSerializer.Write(P);
        int qCount = P.MaxLevel + 1, pCount = P.Rlwe.PPrimes.Length;
        int firstPrime = Wire.BodyOffset + 7 * 4 + 4 * (qCount + pCount);
        byte[] bytes = Wire.Edit(original, b => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(firstPrime), P.Rlwe.QPrimes[0] - 2 * (ulong)P.N));
        var e = Assert.Throws<CkksFormatException>(() => CkksSerializer.ReadParameters(bytes, allowInsecure: true));
        Assert.Equal(CkksFormatProblem.InconsistentParameters, e.Problem);
    }

    [Fact]
    public void ReadParameters_TamperedIdWithValidChecksum_InconsistentParameters()
    {
        byte[] bytes = Wire.Edit(CkksSerializer.Write(P), b => b[FormatLayout.IdOffset + 3] ^= 0xff);
        var e = Assert.Throws<CkksFormatException>(() => CkksSerializer.ReadParameters(bytes, allowInsecure: true));
        Assert.Equal(CkksFormatProblem.InconsistentParameters, e.Problem);
        Assert.Contains(P.Id.ToString(), e.Message);
    }

    [Fact]
    public void ReadParameters_UnknownSecurityLevel_InvalidField()
    {
        byte[] bytes = Wire.Edit(CkksSerializer.Write(P), b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(Wire.BodyOffset + 16), 7));
        var e = Assert.Throws<CkksFormatException>(() => CkksSerializer.ReadParameters(bytes, allowInsecure: true));
        Assert.Equal(CkksFormatProblem.InvalidField, e.Problem);
    }

    [Fact]
    public void Read_EveryKind_FlippedBodyByteIsChecksumMismatch()
    {
        var pt = new Plaintext(P.Rlwe, 1, P.DefaultScale);
        var cases = new (byte[] Bytes, Action<byte[]> Read)[]
        {
            (CkksSerializer.Write(P), b => CkksSerializer.ReadParameters(b, allowInsecure: true)),
            (CkksSerializer.Write(Ctx.SecretKey, P), b => CkksSerializer.ReadSecretKey(b, P).Dispose()),
            (CkksSerializer.Write(Ctx.PublicKey, P), b => CkksSerializer.ReadPublicKey(b, P)),
            (CkksSerializer.Write(Ctx.RelinearizationKey, P), b => CkksSerializer.ReadRelinearizationKey(b, P)),
            (CkksSerializer.Write(Ctx.GaloisKeys, P), b => CkksSerializer.ReadGaloisKeys(b, P)),
            (CkksSerializer.Write(pt, P), b => CkksSerializer.ReadPlaintext(b, P)),
        };
        foreach (var (bytes, read) in cases)
        {
            var e = Assert.Throws<CkksFormatException>(() => read(Wire.Flip(bytes, Wire.BodyOffset + 2, 0x40)));
            Assert.Equal(CkksFormatProblem.ChecksumMismatch, e.Problem);
        }
    }
}
