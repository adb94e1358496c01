namespace Vault.Ring.Gpu.Tests;

/// <summary>The same backend suite on a CUDA device (<c>make test-gpu</c>): skipped with "no CUDA device" where there is
/// none, which <c>make test-gpu</c> reports as a failure.</summary>
[Trait("Backend", "Gpu")]
[RequiresCuda]
public sealed class CudaBackendTests(CudaAcceleratorFixture fixture) : BackendSuite, IClassFixture<CudaAcceleratorFixture>
{
    /// <inheritdoc/>
    protected override GpuAccelerator Accelerator => fixture.Accelerator;
}
