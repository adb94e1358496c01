namespace Vault.Cli.Backends;

/// <summary>The values of <c>--backend</c>.</summary>
internal enum BackendChoice
{
    /// <summary><c>auto</c>: CUDA when a device is present, otherwise the CPU backend.</summary>
    Auto,

    /// <summary><c>cpu</c>: the CPU reference backend.</summary>
    Cpu,

    /// <summary><c>gpu</c>: CUDA, or a clear error when there is no CUDA device.</summary>
    Gpu,

    /// <summary><c>ilgpu-cpu</c>: the GPU kernels on ILGPU's CPU accelerator, a slow functional simulator (for checking
    /// the GPU code path where there is no GPU).</summary>
    IlgpuCpu,
}
