namespace Vault.Ring.Gpu.Tests;

/// <summary>One ILGPU CPU accelerator shared by a test class, so each kernel compiles once.</summary>
public sealed class CpuAcceleratorFixture : IDisposable
{
    /// <summary>The shared accelerator.</summary>
    public GpuAccelerator Accelerator { get; } = GpuAccelerator.Create(GpuDevice.Cpu);

    /// <inheritdoc/>
    public void Dispose() => Accelerator.Dispose();
}

/// <summary>One CUDA accelerator shared by a test class; created only when a CUDA device exists (the tests of a
/// <see cref="RequiresCudaAttribute"/> class are skipped otherwise, before the fixture is asked for it).</summary>
public sealed class CudaAcceleratorFixture : IDisposable
{
    private readonly Lazy<GpuAccelerator> _accelerator = new(() => GpuAccelerator.Create(GpuDevice.Cuda));

    /// <summary>The shared accelerator.</summary>
    public GpuAccelerator Accelerator => _accelerator.Value;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_accelerator.IsValueCreated) _accelerator.Value.Dispose();
    }
}
