using Vault.Ckks;
using Vault.Cli.Bench;

namespace Vault.Cli.Tests.Bench;

public class CkksBenchmarkTests
{
    [Theory]
    [InlineData("add", 1)]             // timed in back-to-back batches
    [InlineData("relinearize", 1)]     // timed call by call, with an untimed copy before each call
    [InlineData("rotate", 2)]          // all-core: wall-clock time
    public void Run_QuickOnInsecurePreset_ReturnsTimingStructure(string id, int threads)
    {
        var parameters = CkksParameters.CreateInsecure(CkksParameterPresets.InsecureTestOnlyLogN10);
        using var harness = new CkksBenchmark(parameters, BenchmarkSettings.Quick);
        var seen = new List<string>();
        int before = Vault.Ring.RingParallelism.ThreadCount;

        var timings = harness.Run([BenchmarkOperations.Get(id)], threads, op => seen.Add(op.Id));

        Assert.Equal(before, Vault.Ring.RingParallelism.ThreadCount);     // restored

        Assert.Equal([id], seen);
        var t = Assert.Single(timings);
        Assert.Equal(id, t.Operation);
        Assert.Equal(BenchmarkSettings.Quick.Repetitions, t.Repetitions);
        Assert.True(t.CallsPerRepetition >= 1);
        Assert.True(double.IsFinite(t.MedianMicroseconds));
        Assert.True(t.MinMicroseconds <= t.MedianMicroseconds && t.MedianMicroseconds <= t.MaxMicroseconds);
        Assert.True(t.CoefficientOfVariation >= 0);
        Assert.Contains(t.Clock, threads == 1 ? new[] { "process-cpu", "wall" } : ["wall"]);
        Assert.True(double.IsFinite(t.WallMedianMicroseconds));
        Assert.NotNull(t.AllocatedBytesPerCall);
    }

    [Fact]
    public void Operations_EveryOneHasAnAnchorFigureAtEachSupportedN()
    {
        foreach (var op in BenchmarkOperations.All)
            foreach (int logN in SealDefaultChains.SupportedLogN)
                Assert.NotNull(SealNativeAnchor.Find(op.Id, logN));
        Assert.Equal((16493.0, 6824.0), SealNativeAnchor.Find("relinearize", 14));
        Assert.Null(SealNativeAnchor.Find("relinearize", 12));
    }

    [Fact]
    public void SealDefaultChains_LogN13_HasTheBfvDefaultPrimes()
    {
        // seal.CoeffModulus.BFVDefault(8192, tc128) from node-seal 6.0.3, special prime last.
        ulong[] bfvDefault = [8796092858369, 8796092792833, 17592186028033, 17592185438209, 17592184717313];
        var parameters = CkksParameters.Create(SealDefaultChains.LogN13);

        ulong[] vault = [.. parameters.Rlwe.QPrimes, .. parameters.Rlwe.PPrimes];

        Assert.Equal(bfvDefault.Order(), vault.Order());
        Assert.Equal(4, parameters.MaxLevel + 1);
        Assert.Equal(4, parameters.Rlwe.Dnum);   // one digit per data prime, one special prime: SEAL's key switching
    }
}
