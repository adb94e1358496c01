using System.Numerics;

namespace Vault.Ckks.Tests;

public class GaloisElementsTests
{
    [Theory]
    [InlineData(6)]
    [InlineData(10)]
    [InlineData(13)]
    public void ForRotation_EveryStep_IsThreeToTheStepMod2N(int logN)
    {
        int slots = 1 << (logN - 1);
        BigInteger twoN = 2 << logN;
        for (int step = 0; step < slots; step++)
            Assert.Equal((ulong)BigInteger.ModPow(3, step, twoN), GaloisElements.ForRotation(logN, step));
    }

    [Theory]
    [InlineData(10, -1, 511)]
    [InlineData(10, -512, 0)]
    [InlineData(10, 512, 0)]
    [InlineData(10, 515, 3)]
    [InlineData(13, -4095, 1)]
    public void ForRotation_StepOutsideRange_ReducedModSlots(int logN, int step, int equivalent) =>
        Assert.Equal(GaloisElements.ForRotation(logN, equivalent), GaloisElements.ForRotation(logN, step));

    [Fact]
    public void ForRotation_ThreeHasOrderNOver2_SoDistinctStepsHaveDistinctElements()
    {
        const int logN = 10;
        var elements = Enumerable.Range(0, 512).Select(k => GaloisElements.ForRotation(logN, k)).ToHashSet();
        Assert.Equal(512, elements.Count);
        Assert.DoesNotContain(GaloisElements.ForConjugation(logN), elements);
    }

    [Fact]
    public void ForConjugation_Is2NMinus1() => Assert.Equal(2047UL, GaloisElements.ForConjugation(10));

    [Fact]
    public void ForPowerOfTwoRotations_StepsOneToNOver4()
    {
        var elements = GaloisElements.ForPowerOfTwoRotations(10);
        Assert.Equal(9, elements.Count);
        for (int i = 0; i < 9; i++) Assert.Equal(GaloisElements.ForRotation(10, 1 << i), elements[i]);
    }
}
