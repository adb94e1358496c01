using Vault.Ring.Gpu;

namespace Vault.Cli.Tests.Backends;

/// <summary><c>vault bench backend</c> in process, with the console captured.</summary>
[Collection(ConsoleGroup.Name)]
public sealed class BenchBackendCommandTests
{
    [Fact]
    public async Task Run_GpuWithoutCuda_ExitsTwoWithTheResolutionError()
    {
        if (GpuAccelerator.IsCudaAvailable) return;   // the message is about machines without a CUDA device

        var (exit, output) = await CliRunner.RunAsync("bench", "backend", "--backend", "gpu", "--n", "13", "--quick");

        Assert.Equal(CliErrors.BadInput, exit);
        Assert.Contains("error: --backend gpu: no CUDA device found", output, StringComparison.Ordinal);
        Assert.DoesNotContain("N = 2^13", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CpuQuick_PrintsTheTableAllBitExact()
    {
        var (exit, output) = await CliRunner.RunAsync("bench", "backend", "--backend", "cpu", "--n", "13", "--quick");

        Assert.Equal(0, exit);
        Assert.Contains("--backend cpu → CPU (reference)", output, StringComparison.Ordinal);
        Assert.Contains("N = 2^13", output, StringComparison.Ordinal);
        foreach (string op in (string[])["NTT, all limbs", "multiply + relinearize", "rotate by 1"])
        {
            string row = output.Split('\n').Single(l => l.Contains(op, StringComparison.Ordinal) && l.Contains('│'));
            Assert.Contains("yes", row, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("simulator of the kernels", output, StringComparison.Ordinal);
    }
}
