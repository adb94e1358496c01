namespace Vault.Ring.Gpu.Tests;

/// <summary>The backend suite on ILGPU's CPU accelerator: runs everywhere, and in <c>make test</c>.</summary>
[Trait("Backend", "GpuCpuAccelerator")]
public sealed class CpuAcceleratorBackendTests(CpuAcceleratorFixture fixture) : BackendSuite, IClassFixture<CpuAcceleratorFixture>
{
    /// <inheritdoc/>
    protected override GpuAccelerator Accelerator => fixture.Accelerator;
}
