using System.CommandLine;
using System.CommandLine.Parsing;
using Vault.Ring.Gpu;

namespace Vault.Cli.Backends;

/// <summary>The <c>--backend cpu|gpu|auto|ilgpu-cpu</c> option and its resolution, in one place: commands parse it with
/// <see cref="Create"/>, resolve it once with <see cref="Resolve(BackendChoice)"/> and build backends with
/// <see cref="BackendFactory"/>.</summary>
internal static class BackendOption
{
    /// <summary>The accepted names, in the order the help lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["cpu", "gpu", "auto", "ilgpu-cpu"];

    /// <summary>A new <c>--backend</c> option (default <c>auto</c>); its value is a valid name (lower case), to pass to
    /// <see cref="FromName"/>.</summary>
    public static Option<string> Create() => NewOption(
        "Ring backend: cpu (the CPU reference), gpu (CUDA; fails when there is no CUDA device), auto (CUDA when present, else cpu), " +
        "ilgpu-cpu (the GPU kernels on ILGPU's CPU accelerator: a slow functional simulator, for checking).");

    /// <summary>A new <c>--backend</c> option for commands that run the engine (training, scoring): cpu is the host
    /// evaluator (vectorized, data-parallel over --threads); the GPU kinds run every step on the device with the same
    /// output bytes.</summary>
    public static Option<string> CreateForEngine() => NewOption(
        "Where the engine computes: cpu (the vectorized host evaluator, over --threads), gpu (CUDA; fails when there is no CUDA device), " +
        "auto (CUDA when present, else cpu), ilgpu-cpu (the GPU kernels on ILGPU's CPU simulator: slow, for checking). The output is bit-identical on all of them.");

    private static Option<string> NewOption(string description) => new("--backend")
    {
        HelpName = string.Join('|', Names),
        Description = description,
        Arity = ArgumentArity.ExactlyOne,
        DefaultValueFactory = _ => "auto",
        CustomParser = Parse,
    };

    /// <summary>The choice named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static BackendChoice? FromName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "cpu" => BackendChoice.Cpu,
        "gpu" => BackendChoice.Gpu,
        "auto" => BackendChoice.Auto,
        "ilgpu-cpu" => BackendChoice.IlgpuCpu,
        _ => null,
    };

    /// <summary>The option value that selects <paramref name="choice"/>.</summary>
    public static string NameOf(BackendChoice choice) => choice switch
    {
        BackendChoice.Cpu => "cpu",
        BackendChoice.Gpu => "gpu",
        BackendChoice.Auto => "auto",
        BackendChoice.IlgpuCpu => "ilgpu-cpu",
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "unknown backend choice"),
    };

    /// <summary>Resolves <paramref name="choice"/> on this machine (probes CUDA through ILGPU once per process).</summary>
    /// <exception cref="BackendUnavailableException"><c>gpu</c> without a CUDA device.</exception>
    public static ResolvedBackend Resolve(BackendChoice choice) =>
        Resolve(choice, choice is BackendChoice.Gpu or BackendChoice.Auto && GpuAccelerator.IsCudaAvailable);

    /// <summary>Resolves <paramref name="choice"/> given whether a CUDA device exists (pure; for tests).</summary>
    /// <exception cref="BackendUnavailableException"><c>gpu</c> without a CUDA device.</exception>
    public static ResolvedBackend Resolve(BackendChoice choice, bool cudaAvailable) => choice switch
    {
        BackendChoice.Cpu => new(choice, BackendChoice.Cpu, null),
        BackendChoice.Gpu when cudaAvailable => new(choice, BackendChoice.Gpu, null),
        BackendChoice.Gpu => throw new BackendUnavailableException(
            "--backend gpu: no CUDA device found (ILGPU sees none). Use --backend cpu, or --backend auto to fall back to the CPU when there is no GPU; " +
            "--backend ilgpu-cpu runs the GPU kernels on ILGPU's CPU simulator (slow, for checking only)."),
        BackendChoice.Auto when cudaAvailable => new(choice, BackendChoice.Gpu, "auto: a CUDA device is present; using the GPU backend."),
        BackendChoice.Auto => new(choice, BackendChoice.Cpu, "auto: no CUDA device; using the CPU backend."),
        BackendChoice.IlgpuCpu => new(choice, BackendChoice.IlgpuCpu,
            "ilgpu-cpu: the GPU kernels run on ILGPU's CPU accelerator, a functional simulator (each simulated GPU thread on OS threads); " +
            "its timings say nothing about GPU speed."),
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "unknown backend choice"),
    };

    private static string Parse(ArgumentResult result)
    {
        string name = result.Tokens.Count == 0 ? "auto" : result.Tokens[0].Value;
        if (FromName(name) is { } choice) return NameOf(choice);
        result.AddError($"--backend: '{name}' is not a backend. Choose one of: {string.Join(", ", Names)} " +
            "(cpu = the CPU reference, gpu = CUDA, auto = CUDA when present else cpu, ilgpu-cpu = ILGPU's CPU simulator of the GPU kernels).");
        return "auto";
    }
}
