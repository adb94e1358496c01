using ILGPU.Runtime;
using Vault.Cli.Learning;

namespace Vault.Cli.Tests.Backends;

/// <summary>A device that fails mid-run (ILGPU raises an <see cref="AcceleratorException"/>: out of device memory, a
/// lost device) ends a command with one line telling the user what to do, not a stack trace.</summary>
[Collection(ConsoleGroup.Name)]
public sealed class DeviceFailureTests
{
    private static readonly DeviceOutOfMemory OutOfMemory = new();

    [Fact]
    public async Task RunAsync_DeviceFailure_ExitsThreeWithTheAdvice()
    {
        var (exit, output) = await CliRunner.CaptureAsync(() => CliErrors.RunAsync(() => throw OutOfMemory));
        Assert.Equal(CliErrors.StoreFailed, exit);
        Assert.Contains("error: the GPU failed (out of memory); free device memory or rerun with --backend cpu", OneLine(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guard_DeviceFailure_ExitsThreeWithTheAdvice()
    {
        var (exit, output) = await CliRunner.CaptureAsync(() => Task.FromResult(TrainCommand.Guard(() => throw OutOfMemory)));
        Assert.Equal(CliErrors.StoreFailed, exit);
        Assert.Contains("error: the GPU failed (out of memory); free device memory or rerun with --backend cpu", OneLine(output), StringComparison.Ordinal);
    }

    /// <summary>The output with the console's line wrapping undone.</summary>
    private static string OneLine(string output) => string.Join(' ', output.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>What ILGPU's CUDA backend raises on an allocation failure (its own type needs a CUDA driver to build its message).</summary>
    private sealed class DeviceOutOfMemory() : AcceleratorException("out of memory.")
    {
        public override AcceleratorType AcceleratorType => AcceleratorType.Cuda;
    }
}
