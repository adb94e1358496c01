namespace Vault.Ring.Gpu.Tests;

/// <summary>The CKKS device suite on the CPU reference backend (<see cref="CpuRingBackend"/>).</summary>
public sealed class CpuBackendCkksTests : CkksDeviceSuite
{
    /// <inheritdoc/>
    protected override IRingBackend CreateBackend(RingContext ring) => new CpuRingBackend(ring);
}
