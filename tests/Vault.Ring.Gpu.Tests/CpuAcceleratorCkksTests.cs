namespace Vault.Ring.Gpu.Tests;

/// <summary>The CKKS device suite on ILGPU's CPU accelerator: runs everywhere, and in <c>make test</c>.</summary>
[Trait("Backend", "GpuCpuAccelerator")]
public sealed class CpuAcceleratorCkksTests(CpuAcceleratorFixture fixture) : CkksDeviceSuite, IClassFixture<CpuAcceleratorFixture>
{
    /// <inheritdoc/>
    protected override IRingBackend CreateBackend(RingContext ring) => GpuRingBackend.Create(ring, fixture.Accelerator);
}
