namespace Vault.Rlwe.Tests;

public class CiphertextTests
{
    private static readonly RlweParameters Parameters = RlweTestParameters.LogN10;

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(5, 2)]
    [InlineData(0, 1)]
    [InlineData(0, 4)]
    public void Constructor_LevelOrSizeOutOfRange_Throws(int level, int size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ciphertext(Parameters, level, 1.0, size));

    [Fact]
    public void Indexer_PastSize_Throws()
    {
        var ct = new Ciphertext(Parameters, 2, 1.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => ct[2]);
        ct.Size = 3;
        Assert.Equal(3, ct[2].LimbCount);
    }

    [Fact]
    public void Level_Set_ChangesEveryPart()
    {
        var ct = new Ciphertext(Parameters, 4, 1.0, 3);
        ct.Level = 1;
        Assert.Equal(1, ct.Level);
        for (int i = 0; i < 3; i++) Assert.Equal(2, ct[i].LimbCount);
    }

    [Fact]
    public void CopyTo_CopiesPartsLevelScaleAndClonesSeed()
    {
        var source = new Ciphertext(Parameters, 3, 1234.0, 3) { Seed = new byte[32] };
        for (int i = 0; i < 3; i++) source[i].Limb(3)[7] = (ulong)(i + 1);
        var destination = new Ciphertext(Parameters, 0, 1.0);

        source.CopyTo(destination);

        Assert.Equal(3, destination.Size);
        Assert.Equal(3, destination.Level);
        Assert.Equal(1234.0, destination.Scale);
        for (int i = 0; i < 3; i++) Assert.Equal((ulong)(i + 1), destination[i].Limb(3)[7]);
        Assert.NotSame(source.Seed, destination.Seed);
        Assert.Equal(source.Seed, destination.Seed);
    }
}
