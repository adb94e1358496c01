using System.CommandLine;
using Vault.Cli.Backends;

namespace Vault.Cli.Tests.Backends;

/// <summary>The <c>--backend</c> option: parsing, and resolution with and without a CUDA device (pure, so both cases
/// run on a machine without a GPU).</summary>
public class BackendOptionTests
{
    [Theory]
    [InlineData("cpu", false, "cpu")]
    [InlineData("cpu", true, "cpu")]
    [InlineData("gpu", true, "gpu")]
    [InlineData("auto", true, "gpu")]
    [InlineData("auto", false, "cpu")]
    [InlineData("ilgpu-cpu", false, "ilgpu-cpu")]
    [InlineData("ilgpu-cpu", true, "ilgpu-cpu")]
    public void Resolve_ChoiceAndCuda_PicksTheBackend(string name, bool cuda, string expected)
    {
        var choice = BackendOption.FromName(name)!.Value;

        var resolved = BackendOption.Resolve(choice, cuda);

        Assert.Equal(choice, resolved.Choice);
        Assert.Equal(expected, BackendOption.NameOf(resolved.Kind));
        Assert.Equal(expected == "ilgpu-cpu", resolved.IsSimulator);
        Assert.Equal(expected != "cpu", resolved.IsGpuBackend);
    }

    [Fact]
    public void Resolve_GpuWithoutCuda_ThrowsAClearMessage()
    {
        var e = Assert.Throws<BackendUnavailableException>(() => BackendOption.Resolve(BackendChoice.Gpu, cudaAvailable: false));

        Assert.StartsWith("--backend gpu: no CUDA device found", e.Message, StringComparison.Ordinal);
        Assert.Contains("--backend cpu", e.Message, StringComparison.Ordinal);
        Assert.Contains("--backend auto", e.Message, StringComparison.Ordinal);
        Assert.Contains("--backend ilgpu-cpu", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AutoWithoutCuda_SaysItFellBackToTheCpu()
    {
        Assert.Equal("auto: no CUDA device; using the CPU backend.", BackendOption.Resolve(BackendChoice.Auto, cudaAvailable: false).Note);
        Assert.Null(BackendOption.Resolve(BackendChoice.Cpu, cudaAvailable: false).Note);
    }

    [Fact]
    public void Resolve_Simulator_WarnsThatTimingsAreNotGpuTimings()
    {
        string? note = BackendOption.Resolve(BackendChoice.IlgpuCpu, cudaAvailable: true).Note;

        Assert.NotNull(note);
        Assert.Contains("functional simulator", note, StringComparison.Ordinal);
        Assert.Contains("say nothing about GPU speed", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "auto")]
    [InlineData(new[] { "--backend", "cpu" }, "cpu")]
    [InlineData(new[] { "--backend", "GPU" }, "gpu")]
    [InlineData(new[] { "--backend", "Auto" }, "auto")]
    [InlineData(new[] { "--backend", "ilgpu-cpu" }, "ilgpu-cpu")]
    public void Parse_KnownName_ReturnsItInLowerCase(string[] args, string expected)
    {
        var option = BackendOption.Create();
        var root = new RootCommand { option };

        var result = root.Parse(args);

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.GetValue(option));
        Assert.NotNull(BackendOption.FromName(expected));
        Assert.Equal(expected, BackendOption.NameOf(BackendOption.FromName(expected)!.Value));
    }

    [Fact]
    public void Parse_UnknownName_FailsListingTheChoices()
    {
        var root = new RootCommand { BackendOption.Create() };

        var result = root.Parse(["--backend", "tpu"]);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("--backend: 'tpu' is not a backend. Choose one of: cpu, gpu, auto, ilgpu-cpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_BenchBackendUnknownBackend_ExitsNonZeroWithTheError()
    {
        var root = new RootCommand { BackendBenchCommand.AddTo(BenchCommand.Create()) };
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = root.Parse(["bench", "backend", "--backend", "tpu"]).Invoke(new InvocationConfiguration { Output = output, Error = error });

        Assert.NotEqual(0, exit);
        Assert.Contains("'tpu' is not a backend", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BenchBackendUnsupportedN_Fails()
    {
        var root = new RootCommand { BackendBenchCommand.AddTo(BenchCommand.Create()) };

        var result = root.Parse(["bench", "backend", "--n", "12"]);

        var error = Assert.Single(result.Errors);
        Assert.Contains("--n: '12' is not supported", error.Message, StringComparison.Ordinal);
    }
}
