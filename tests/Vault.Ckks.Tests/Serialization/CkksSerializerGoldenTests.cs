using System.Buffers.Binary;
using System.Security.Cryptography;
using Vault.Ckks.Serialization;

namespace Vault.Ckks.Tests;

/// <summary>Pins the wire format of parameters (lattigo's TestCKKSParamsConstSerialization).</summary>
/// <remarks>The digests are SHA-256 of <see cref="CkksSerializer.Write(CkksParameters)"/> for every preset: they cover
/// the header layout, the body layout, the prime generator and the parameter Id. Any change to the wire format or to
/// how presets turn into primes and Ids breaks this test; update the constants only on purpose, together with
/// <c>proofs/formats/ckks-binary-format.md</c> (and a new format version if old files can no longer be read).</remarks>
public class CkksSerializerGoldenTests
{
    public static TheoryData<string, string> Digests { get; } = new()
    {
        { "logn13", "278ca7ce611076c9891bc26ff7b8dda501468ca9f6947f48fd3d1d0a7aed52f1" },
        { "logn14", "ad76f144552724aa71f5e024d1453147c3bb29711240990812d6d2727c941e7e" },
        { "logn15", "ff496f6e68b2954528559511301bd55f83fb7c2df80952f2c7f749832529c686" },
        { "logn16", "2d50e99b235ff029309a40e84b3f42844daa1810d9977aaa670a04b91b404a72" },
        { "insecure-test-only-logn10", "b728e055af64e78f025ece24cba484804369166a006fc72a18c93910b053ac26" },
        { "insecure-test-only-logn12", "b318dc0a006808e8d32425b5674647f14c7e497fea34721bc7dd9e38ba048e2a" },
    };

    [Theory]
    [MemberData(nameof(Digests))]
    public void WriteParameters_Preset_MatchesGoldenDigest(string name, string expectedSha256)
    {
        var spec = CkksParameterPresets.All[name];
        var parameters = spec.Security == SecurityLevel.InsecureTestOnly ? CkksParameters.CreateInsecure(spec) : CkksParameters.Create(spec);
        byte[] bytes = CkksSerializer.Write(parameters);
        Assert.Equal(expectedSha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(parameters.Id, CkksSerializer.ReadParameters(bytes, allowInsecure: spec.Security == SecurityLevel.InsecureTestOnly).Id);
    }

    [Fact]
    public void Presets_CoverEveryNamedSet() =>
        Assert.Equal(CkksParameterPresets.All.Keys.Order(), Digests.Select(row => (string)row[0]).Order());

    /// <summary>Decodes a header with the literal offsets of the spec (not the library's constants).</summary>
    [Fact]
    public void Write_Ciphertext_HeaderMatchesSpecifiedLayout()
    {
        using var ctx = new Vault.Testing.CkksTestContext(CkksParameterPresets.InsecureTestOnlyLogN10);
        var p = ctx.Parameters;
        var ct = ctx.Encrypt(ctx.RandomComplex(Vault.Testing.TestSeed.Random(30)), level: 3);
        byte[] b = CkksSerializer.Write(ct, p);
        Assert.Equal("VLTK"u8.ToArray(), b[0..4]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(4)));
        Assert.Equal(7, b[6]);                                        // Ciphertext
        Assert.Equal(0, b[7]);                                        // not seeded
        Assert.Equal(p.Id, Vault.Rlwe.ParameterId.Read(b.AsSpan(8, 32)));
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(40)));
        Assert.Equal(ct.Scale, BinaryPrimitives.ReadDoubleLittleEndian(b.AsSpan(44)));
        ulong bodyLength = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(52));
        Assert.Equal(1UL + 2 * 4 * 1024 * 8, bodyLength);             // size byte + 2 parts × 4 limbs × N u64
        Assert.Equal(2, b[60]);
        Assert.Equal(ct[0].Limb(0)[0], BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(61)));
        Assert.Equal(ct[1].Limb(3)[1023], BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(61 + (int)bodyLength - 1 - 8)));
        Assert.Equal(SHA256.HashData(b.AsSpan(0, 60 + (int)bodyLength)), b[(60 + (int)bodyLength)..]);
        Assert.Equal(60 + (int)bodyLength + 32, b.Length);
    }
}
