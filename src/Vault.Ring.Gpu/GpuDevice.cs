namespace Vault.Ring.Gpu;

/// <summary>Which ILGPU accelerator a <see cref="GpuAccelerator"/> runs on.</summary>
public enum GpuDevice
{
    /// <summary>The first CUDA device when one is present, else ILGPU's CPU accelerator.</summary>
    Auto,

    /// <summary>ILGPU's CPU accelerator (a multi-threaded simulation of a GPU; for tests and machines without a GPU).</summary>
    Cpu,

    /// <summary>The first CUDA device; creation fails with <see cref="GpuDeviceException"/> when there is none.</summary>
    Cuda,
}
