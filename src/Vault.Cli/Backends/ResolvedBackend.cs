namespace Vault.Cli.Backends;

/// <summary>What a <c>--backend</c> choice resolved to on this machine.</summary>
/// <param name="Choice">What the user asked for.</param>
/// <param name="Kind">What will run: <see cref="BackendChoice.Cpu"/>, <see cref="BackendChoice.Gpu"/> (CUDA) or
/// <see cref="BackendChoice.IlgpuCpu"/>; never <see cref="BackendChoice.Auto"/>.</param>
/// <param name="Note">One line for the user explaining the choice (e.g. that <c>auto</c> found no CUDA device, or that
/// timings on the simulator say nothing about GPU speed); null when there is nothing to say.</param>
internal sealed record ResolvedBackend(BackendChoice Choice, BackendChoice Kind, string? Note)
{
    /// <summary>True when the GPU kernels run on ILGPU's CPU accelerator (a functional simulator).</summary>
    public bool IsSimulator => Kind == BackendChoice.IlgpuCpu;

    /// <summary>True when the GPU backend (CUDA or the simulator) runs.</summary>
    public bool IsGpuBackend => Kind != BackendChoice.Cpu;
}
