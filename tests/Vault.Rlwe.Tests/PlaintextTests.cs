namespace Vault.Rlwe.Tests;

public class PlaintextTests
{
    private static readonly RlweParameters Parameters = RlweTestParameters.LogN10;

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void Constructor_LevelOutOfRange_Throws(int level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Plaintext(Parameters, level, 1.0));

    [Fact]
    public void Level_Set_ChangesLimbCountWithinTopLevelStorage()
    {
        var pt = new Plaintext(Parameters, 0, 2.5);
        Assert.Equal(Parameters.MaxLevel + 1, pt.Poly.Capacity);
        Assert.Equal(1, pt.Poly.LimbCount);
        pt.Level = 4;
        Assert.Equal(5, pt.Poly.LimbCount);
        Assert.Equal(2.5, pt.Scale);
        Assert.Equal(Parameters.Id, pt.ParameterId);
        Assert.Throws<ArgumentOutOfRangeException>(() => pt.Level = 5);
    }
}
