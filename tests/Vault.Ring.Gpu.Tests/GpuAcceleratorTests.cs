namespace Vault.Ring.Gpu.Tests;

/// <summary>Accelerator selection and lifetime (no kernels: runs everywhere).</summary>
[Trait("Backend", "GpuCpuAccelerator")]
public class GpuAcceleratorTests
{
    [Fact]
    public void Create_Cuda_WithoutCudaDevice_ThrowsNoCudaDevice()
    {
        if (GpuAccelerator.IsCudaAvailable) return;   // the CUDA suite covers the other case
        var e = Assert.Throws<GpuDeviceException>(() => GpuAccelerator.Create(GpuDevice.Cuda));
        Assert.Contains("no CUDA device", e.Message, StringComparison.Ordinal);
        var ring = RingShapes.Ring(4, [60], []);
        Assert.Throws<GpuDeviceException>(() => GpuRingBackend.Create(ring, GpuDevice.Cuda));
    }

    [Fact]
    public void Create_Auto_PicksCudaWhenPresentElseCpu()
    {
        using var accelerator = GpuAccelerator.Create(GpuDevice.Auto);
        Assert.Equal(GpuAccelerator.IsCudaAvailable ? GpuDevice.Cuda : GpuDevice.Cpu, accelerator.Device);
        Assert.False(string.IsNullOrWhiteSpace(accelerator.Name));
    }

    [Fact]
    public void Create_UnknownDevice_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GpuAccelerator.Create((GpuDevice)42));

    [Fact]
    public void Dispose_OwnedAccelerator_ReleasesAndRejectsFurtherUse()
    {
        var ring = RingShapes.Ring(4, [60, 40], [61]);
        var backend = GpuRingBackend.Create(ring, GpuDevice.Cpu);
        var poly = backend.Allocate(2);
        var host = new RnsPoly(ring.N, 2);
        host.Limb(0)[0] = 7;
        backend.Upload(host, poly);
        poly.Dispose();
        poly.Dispose();   // idempotent
        backend.Dispose();
        backend.Dispose();
        Assert.Throws<ObjectDisposedException>(() => backend.Allocate(1));
    }

    [Fact]
    public void Dispose_PolynomialAfterItsBackend_DoesNotThrow()
    {
        var ring = RingShapes.Ring(4, [60, 40], [61]);
        var backend = GpuRingBackend.Create(ring, GpuDevice.Cpu);
        var poly = backend.Allocate(2);
        backend.InnerProduct(ring.Q(1), [poly], [poly], backend.Allocate(2));   // allocates scratch
        backend.Dispose();
        poly.Dispose();
    }

    [Fact]
    public void Dispose_SharedAccelerator_StaysUsable()
    {
        var ring = RingShapes.Ring(4, [60, 40], [61]);
        using var accelerator = GpuAccelerator.Create(GpuDevice.Cpu);
        GpuRingBackend.Create(ring, accelerator).Dispose();
        using var second = GpuRingBackend.Create(ring, accelerator);
        using var poly = second.Allocate(1);
        var host = new RnsPoly(ring.N, 1);
        host.Limb(0)[3] = 11;
        second.Upload(host, poly);
        var back = new RnsPoly(ring.N, 1);
        second.Download(poly, back);
        Assert.Equal(11UL, back.Limb(0)[3]);
    }
}
