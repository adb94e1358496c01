using System.Buffers.Binary;
using System.Security.Cryptography;
using Vault.Testing;

namespace Vault.Ring.Tests;

public class PrngTests
{
    [Fact]
    public void Fill_AllZeroSeed_FirstTwoBlocksAreAes256OfCounters0And1()
    {
        // AES-256, key = 0^32: E(0^16) = dc95c078… (FIPS-197-style zero vector), E(01 00…00) computed with
        // `openssl enc -aes-256-ecb -nopad -K 00…00`: the counter is 64-bit little-endian in bytes 0..7.
        using var prng = new Prng(new byte[32]);
        var bytes = new byte[32];
        prng.Fill(bytes);
        Assert.Equal("dc95c078a2408989ad48a214928420875275f3d86b4fb8684593133ebfa53cd3", Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void Fill_AnySeed_IsAesEcbOfLittleEndianCounterBlocks()
    {
        byte[] seed = TestSeed.PrngSeed(1);
        const int Blocks = 700;                      // crosses the 4096-byte refill boundary twice
        var counters = new byte[Blocks * 16];
        for (int i = 0; i < Blocks; i++) BinaryPrimitives.WriteUInt64LittleEndian(counters.AsSpan(i * 16), (ulong)i);
        using var aes = Aes.Create();
        aes.Key = seed;
        byte[] expected = aes.EncryptEcb(counters, PaddingMode.None);

        using var prng = new Prng(seed);
        var actual = new byte[Blocks * 16];
        prng.Fill(actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Fill_SameSeed_SameStream()
    {
        byte[] seed = TestSeed.PrngSeed(2);
        using Prng a = new(seed), b = new(seed);
        var x = new byte[10_000];
        var y = new byte[10_000];
        a.Fill(x);
        b.Fill(y);
        Assert.Equal(x, y);
    }

    [Fact]
    public void Fill_DifferentSeed_DifferentStream()
    {
        byte[] seed = TestSeed.PrngSeed(3);
        byte[] other = (byte[])seed.Clone();
        other[31] ^= 1;
        using Prng a = new(seed), b = new(other);
        var x = new byte[64];
        var y = new byte[64];
        a.Fill(x);
        b.Fill(y);
        Assert.NotEqual(x, y);
        Assert.True(x.Zip(y).Count(p => p.First == p.Second) < 8);
    }

    [Fact]
    public void Fill_ArbitraryChunks_EqualsOneLargeFill()
    {
        byte[] seed = TestSeed.PrngSeed(4);
        using Prng whole = new(seed), pieces = new(seed);
        var expected = new byte[20_000];
        whole.Fill(expected);
        var actual = new byte[20_000];
        var rng = TestSeed.Random(4);
        int offset = 0;
        while (offset < actual.Length)
        {
            int take = Math.Min(actual.Length - offset, rng.Next(0, 5000));
            pieces.Fill(actual.AsSpan(offset, take));
            offset += take;
        }
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void NextUInt64_FreshStream_IsLittleEndianReadOfFill()
    {
        byte[] seed = TestSeed.PrngSeed(5);
        using Prng bytes = new(seed), words = new(seed);
        var buffer = new byte[8 * 1500];
        bytes.Fill(buffer);
        for (int i = 0; i < 1500; i++)
            Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(8 * i)), words.NextUInt64());
    }

    [Fact]
    public void NextByte_FreshStream_EqualsFill()
    {
        byte[] seed = TestSeed.PrngSeed(6);
        using Prng bytes = new(seed), single = new(seed);
        var buffer = new byte[9000];
        bytes.Fill(buffer);
        for (int i = 0; i < buffer.Length; i++) Assert.Equal(buffer[i], single.NextByte());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void NextUInt64_AfterUnalignedBytes_ContinuesTheByteStream(int leadingBytes)
    {
        // NextUInt64 is documented as "the next 64 bits of the stream": after an odd number of NextByte calls the
        // words must still be the next 8 bytes that Fill would have produced, also across the refill boundary.
        byte[] seed = TestSeed.PrngSeed(7);
        using Prng reference = new(seed), mixed = new(seed);
        var buffer = new byte[leadingBytes + 8 * 1100];
        reference.Fill(buffer);
        for (int i = 0; i < leadingBytes; i++) Assert.Equal(buffer[i], mixed.NextByte());
        for (int i = 0; i < 1100; i++)
        {
            ulong expected = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(leadingBytes + 8 * i));
            ulong actual = mixed.NextUInt64();
            Assert.True(expected == actual, $"word {i} (stream offset {leadingBytes + 8 * i}): expected {expected:x16}, got {actual:x16}");
        }
    }

    [Fact]
    public void Fill_AfterNextUInt64_ContinuesTheByteStream()
    {
        byte[] seed = TestSeed.PrngSeed(8);
        using Prng reference = new(seed), mixed = new(seed);
        var buffer = new byte[8 * 600 + 100];
        reference.Fill(buffer);
        for (int i = 0; i < 600; i++) mixed.NextUInt64();
        var rest = new byte[100];
        mixed.Fill(rest);
        Assert.Equal(buffer.AsSpan(8 * 600).ToArray(), rest);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    public void Constructor_SeedNot32Bytes_Throws(int length) =>
        Assert.Throws<ArgumentException>(() => new Prng(new byte[length]));

    [Fact]
    public void Methods_AfterDispose_Throw()
    {
        var prng = new Prng(new byte[32]);
        prng.Dispose();
        prng.Dispose();   // idempotent
        Assert.Throws<ObjectDisposedException>(() => prng.NextUInt64());
        Assert.Throws<ObjectDisposedException>(() => prng.NextByte());
        Assert.Throws<ObjectDisposedException>(() => prng.Fill(new byte[4]));
    }

    [Fact]
    public void CreateFresh_TwoInstances_DifferentStreams()
    {
        using Prng a = Prng.CreateFresh(), b = Prng.CreateFresh();
        var x = new byte[32];
        var y = new byte[32];
        a.Fill(x);
        b.Fill(y);
        Assert.NotEqual(x, y);
    }

    [Fact]
    public void Fill_LongStream_BytesLookUniform()
    {
        using var prng = new Prng(TestSeed.PrngSeed(9));
        var bytes = new byte[256 * 1000];
        prng.Fill(bytes);
        var counts = new int[256];
        foreach (byte b in bytes) counts[b]++;
        double expected = bytes.Length / 256.0, chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.InRange(chi2, 150, 400);   // df = 255: mean 255, sd ≈ 22.6
    }
}
