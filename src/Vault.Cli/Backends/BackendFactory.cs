using Spectre.Console;
using Vault.Ring;
using Vault.Ring.Gpu;

namespace Vault.Cli.Backends;

/// <summary>Builds <see cref="IRingBackend"/>s for a <see cref="ResolvedBackend"/>, one per ring, sharing one ILGPU
/// accelerator (so the kernels compile once) for the GPU kinds.</summary>
internal sealed class BackendFactory(ResolvedBackend resolved) : IDisposable
{
    private GpuAccelerator? _accelerator;

    /// <summary>What the factory builds.</summary>
    public ResolvedBackend Resolved { get; } = resolved;

    /// <summary>A human-readable name of the device, e.g. "CPU (reference)" or "Cuda: NVIDIA …".</summary>
    public string DeviceName => Resolved.Kind == BackendChoice.Cpu ? "CPU (reference)" : Accelerator.Name;

    /// <summary>A backend bound to <paramref name="ring"/> (the caller disposes it before this factory).</summary>
    /// <exception cref="GpuDeviceException">CUDA was resolved but the device cannot be opened.</exception>
    public IRingBackend Create(RingContext ring) =>
        Resolved.Kind == BackendChoice.Cpu ? new CpuRingBackend(ring) : GpuRingBackend.Create(ring, Accelerator);

    /// <summary>The backend maker the engine (training, scoring) is given: null for <c>cpu</c> (the host evaluator, the
    /// fastest CPU path), else <see cref="Create"/>.</summary>
    public Func<RingContext, IRingBackend>? EngineBackend => Resolved.Kind == BackendChoice.Cpu ? null : Create;

    /// <summary>Resolves the <c>--backend</c> value <paramref name="name"/> for a command that runs the engine and prints
    /// where it will run (with the resolution's note).</summary>
    /// <exception cref="BackendUnavailableException"><c>gpu</c> without a CUDA device.</exception>
    /// <exception cref="GpuDeviceException">The device cannot be opened.</exception>
    public static BackendFactory OpenForEngine(string name)
    {
        var resolved = BackendOption.Resolve(BackendOption.FromName(name) ?? BackendChoice.Auto);
        var factory = new BackendFactory(resolved);
        try
        {
            string where = resolved.Kind == BackendChoice.Cpu ? $"the host CPU ({Environment.ProcessorCount} cores)" : factory.DeviceName;
            AnsiConsole.MarkupLineInterpolated($"backend {BackendOption.NameOf(resolved.Choice)}: the engine runs on {where}.");
            if (resolved.Note is { } note) AnsiConsole.MarkupLineInterpolated($"[grey]{note}[/]");
            return factory;
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the queued device work of <paramref name="backend"/> (for timing; a no-op on the CPU).</summary>
    public static void Synchronize(IRingBackend backend)
    {
        if (backend is GpuRingBackend gpu) gpu.Synchronize();
    }

    /// <summary>Frees the shared accelerator.</summary>
    public void Dispose() => _accelerator?.Dispose();

    private GpuAccelerator Accelerator => _accelerator ??= GpuAccelerator.Create(Resolved.Kind == BackendChoice.Gpu ? GpuDevice.Cuda : GpuDevice.Cpu);
}
