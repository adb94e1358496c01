namespace Vault.Ring.Gpu.Tests;

/// <summary>The CKKS device suite on CUDA (<c>make test-gpu</c>): skipped with "no CUDA device" where there is none.</summary>
[Trait("Backend", "Gpu")]
[RequiresCuda]
public sealed class CudaCkksTests(CudaAcceleratorFixture fixture) : CkksDeviceSuite, IClassFixture<CudaAcceleratorFixture>
{
    /// <inheritdoc/>
    protected override IRingBackend CreateBackend(RingContext ring) => GpuRingBackend.Create(ring, fixture.Accelerator);
}
