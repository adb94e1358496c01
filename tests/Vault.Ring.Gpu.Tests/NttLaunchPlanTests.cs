namespace Vault.Ring.Gpu.Tests;

/// <summary>The NTT launch plan that <see cref="GpuRingBackend.Forward"/> and <see cref="GpuRingBackend.Inverse"/>
/// follow: log N − log Tile launches of one stage each plus one fused launch, instead of log N.</summary>
public sealed class NttLaunchPlanTests
{
    [Theory]
    [InlineData(4, 4, 1)]
    [InlineData(10, 10, 1)]
    [InlineData(11, 11, 1)]
    [InlineData(12, 11, 2)]
    [InlineData(13, 11, 3)]
    [InlineData(14, 11, 4)]
    [InlineData(15, 11, 5)]
    [InlineData(16, 11, 6)]
    public void For_LogN_FusesTheStagesInsideATile(int logN, int logTile, int launches)
    {
        var plan = NttLaunchPlan.For(logN);
        Assert.Equal(logTile, plan.LogTile);
        Assert.Equal(launches, plan.Launches);
        Assert.Equal(logN - logTile, plan.StageLaunches);
    }

    [Fact]
    public void Launches_LogN13_IsLogNMinusLogTilePlusOne()
    {
        var plan = NttLaunchPlan.For(13);
        Assert.Equal(2048, NttLaunchPlan.MaxTile);
        Assert.Equal(13 - 11 + 1, plan.Launches);
        Assert.Equal(4 * 4, plan.Tiles(4));     // 4 limbs of 2^13 = 4 tiles of 2^11 each
    }

    [Theory]
    [InlineData(13, 16, 16)]      // ILGPU's CPU accelerator: 4 warps of 4 threads
    [InlineData(13, 1024, 512)]   // CUDA: capped at MaxThreadsPerGroup
    [InlineData(13, 1000, 512)]
    [InlineData(13, 12, 8)]       // rounded down to a power of two
    [InlineData(4, 1024, 8)]      // N = 16: one butterfly per thread
    public void ThreadsPerGroup_AcceleratorLimit_PowerOfTwoWithinTile(int logN, int acceleratorMax, int threads) =>
        Assert.Equal(threads, NttLaunchPlan.For(logN).ThreadsPerGroup(acceleratorMax));
}
