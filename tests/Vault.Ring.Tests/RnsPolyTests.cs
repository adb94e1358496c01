namespace Vault.Ring.Tests;

public class RnsPolyTests
{
    private const int N = 8;

    [Fact]
    public void Constructor_ValidSizes_AllocatesZeroPolyWithAllLimbsInUse()
    {
        var p = new RnsPoly(N, 3);
        Assert.Equal(N, p.N);
        Assert.Equal(3, p.Capacity);
        Assert.Equal(3, p.LimbCount);
        Assert.Equal(3 * N, p.Coefficients.Length);
        Assert.All(p.Coefficients.ToArray(), v => Assert.Equal(0UL, v));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(8, 0)]
    [InlineData(8, -2)]
    public void Constructor_NonPositiveSize_Throws(int n, int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RnsPoly(n, capacity));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(int.MaxValue)]
    public void LimbCount_OutsideOneToCapacity_Throws(int value)
    {
        var p = new RnsPoly(N, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => p.LimbCount = value);
        Assert.Equal(3, p.LimbCount);
    }

    [Fact]
    public void LimbCount_ShrinkAndGrow_KeepsDataAndResizesCoefficients()
    {
        var p = Filled(3);
        p.LimbCount = 1;
        Assert.Equal(N, p.Coefficients.Length);
        p.LimbCount = 3;
        Assert.Equal(3 * N, p.Coefficients.Length);
        Assert.Equal(Pattern(2), p.Limb(2).ToArray());    // shrinking never drops data
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(int.MinValue)]
    public void Limb_IndexOutsideCapacity_Throws(int index)
    {
        var p = new RnsPoly(N, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Limb(index));
    }

    [Fact]
    public void Limb_IndexBeyondLimbCountWithinCapacity_IsAccessibleScratch()
    {
        var p = new RnsPoly(N, 3) { LimbCount = 1 };
        p.Limb(2)[0] = 42;
        Assert.Equal(42UL, p.Limb(2)[0]);
        Assert.Equal(N, p.Limb(2).Length);
    }

    [Fact]
    public void Coefficients_AreLimbMajor()
    {
        var p = Filled(3);
        var all = p.Coefficients.ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(Pattern(i), all.AsSpan(i * N, N).ToArray());
    }

    [Fact]
    public void Clone_ThenModify_IsIndependentAndKeepsShape()
    {
        var p = Filled(3);
        p.LimbCount = 2;
        var c = p.Clone();
        Assert.Equal(p.N, c.N);
        Assert.Equal(p.Capacity, c.Capacity);
        Assert.Equal(2, c.LimbCount);
        Assert.Equal(Pattern(2), c.Limb(2).ToArray());     // scratch limbs are copied too
        c.Limb(0)[0] = 999;
        p.Limb(1)[1] = 777;
        Assert.Equal(Pattern(0)[0], p.Limb(0)[0]);
        Assert.Equal(Pattern(1)[1], c.Limb(1)[1]);
        c.LimbCount = 3;
        Assert.Equal(2, p.LimbCount);
    }

    [Fact]
    public void CopyTo_LargerDestination_CopiesLimbsInUseAndSetsLimbCount()
    {
        var p = Filled(3);
        p.LimbCount = 2;
        var d = new RnsPoly(N, 4);
        d.Limb(2).Fill(5);
        p.CopyTo(d);
        Assert.Equal(2, d.LimbCount);
        Assert.Equal(Pattern(0), d.Limb(0).ToArray());
        Assert.Equal(Pattern(1), d.Limb(1).ToArray());
        Assert.All(d.Limb(2).ToArray(), v => Assert.Equal(5UL, v));   // beyond the source's limb count: untouched
        d.Limb(0)[0] = 1234;
        Assert.Equal(Pattern(0)[0], p.Limb(0)[0]);
    }

    [Fact]
    public void CopyTo_DestinationTooSmallOrWrongDegree_Throws()
    {
        var p = Filled(3);
        Assert.ThrowsAny<ArgumentException>(() => p.CopyTo(new RnsPoly(N, 2)));
        Assert.Throws<ArgumentException>(() => p.CopyTo(new RnsPoly(2 * N, 3)));
        Assert.Throws<ArgumentNullException>(() => p.CopyTo(null!));
    }

    [Fact]
    public void Clear_ZeroesOnlyLimbsInUse()
    {
        var p = Filled(3);
        p.LimbCount = 2;
        p.Clear();
        Assert.All(p.Coefficients.ToArray(), v => Assert.Equal(0UL, v));
        Assert.Equal(Pattern(2), p.Limb(2).ToArray());
    }

    [Fact]
    public void Wipe_ZeroesWholeStorageIncludingScratchLimbs()
    {
        var p = Filled(3);
        p.LimbCount = 1;
        p.Wipe();
        for (int i = 0; i < 3; i++) Assert.All(p.Limb(i).ToArray(), v => Assert.Equal(0UL, v));
        Assert.Equal(1, p.LimbCount);
    }

    private static ulong[] Pattern(int limb) => [.. Enumerable.Range(0, N).Select(k => (ulong)(limb * 1000 + k + 1))];

    private static RnsPoly Filled(int capacity)
    {
        var p = new RnsPoly(N, capacity);
        for (int i = 0; i < capacity; i++) Pattern(i).CopyTo(p.Limb(i));
        return p;
    }
}
