using Vault.Ring;

namespace Vault.Testing;

/// <summary>An <see cref="IRingBackend"/> that forwards every call to <paramref name="inner"/> and counts the host ↔
/// device copies, so a test can show that a chain of operations stayed on the device. Polynomials are the inner
/// backend's own handles. With <paramref name="ownsInner"/>, disposing the wrapper disposes the inner backend.</summary>
public sealed class CountingRingBackend(IRingBackend inner, bool ownsInner = false) : IRingBackend
{
    /// <summary>Calls to <see cref="Upload"/> since creation or <see cref="ResetCounts"/>.</summary>
    public int Uploads { get; private set; }

    /// <summary>Calls to <see cref="Download"/> since creation or <see cref="ResetCounts"/>.</summary>
    public int Downloads { get; private set; }

    /// <summary>Calls to <see cref="Allocate"/> since creation or <see cref="ResetCounts"/>.</summary>
    public int Allocations { get; private set; }

    /// <summary>Calls of every other operation (device-side work) since creation or <see cref="ResetCounts"/>.</summary>
    public int DeviceOperations { get; private set; }

    public RingContext Ring => inner.Ring;

    public string DeviceName => inner.DeviceName;

    /// <summary>Sets every count to zero.</summary>
    public void ResetCounts() => (Uploads, Downloads, Allocations, DeviceOperations) = (0, 0, 0, 0);

    public IDevicePoly Allocate(int capacity)
    {
        Allocations++;
        return inner.Allocate(capacity);
    }

    public void Upload(RnsPoly source, IDevicePoly destination)
    {
        Uploads++;
        inner.Upload(source, destination);
    }

    public void Download(IDevicePoly source, RnsPoly destination)
    {
        Downloads++;
        inner.Download(source, destination);
    }

    public void Copy(IDevicePoly source, int sourceLimb, IDevicePoly destination, int destinationLimb, int limbCount)
    {
        DeviceOperations++;
        inner.Copy(source, sourceLimb, destination, destinationLimb, limbCount);
    }

    public void Forward(RnsBasis basis, IDevicePoly a)
    {
        DeviceOperations++;
        inner.Forward(basis, a);
    }

    public void Inverse(RnsBasis basis, IDevicePoly a)
    {
        DeviceOperations++;
        inner.Inverse(basis, a);
    }

    public void Add(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination)
    {
        DeviceOperations++;
        inner.Add(basis, a, b, destination);
    }

    public void Subtract(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination)
    {
        DeviceOperations++;
        inner.Subtract(basis, a, b, destination);
    }

    public void Negate(RnsBasis basis, IDevicePoly a, IDevicePoly destination)
    {
        DeviceOperations++;
        inner.Negate(basis, a, destination);
    }

    public void MulCoefficients(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination)
    {
        DeviceOperations++;
        inner.MulCoefficients(basis, a, b, destination);
    }

    public void MulCoefficientsAdd(RnsBasis basis, IDevicePoly a, IDevicePoly b, IDevicePoly destination)
    {
        DeviceOperations++;
        inner.MulCoefficientsAdd(basis, a, b, destination);
    }

    public void MulScalars(RnsBasis basis, IDevicePoly a, ReadOnlySpan<ulong> scalars, IDevicePoly destination)
    {
        DeviceOperations++;
        inner.MulScalars(basis, a, scalars, destination);
    }

    public void AddScalars(RnsBasis basis, IDevicePoly a, ReadOnlySpan<ulong> scalars, IDevicePoly destination)
    {
        DeviceOperations++;
        inner.AddScalars(basis, a, scalars, destination);
    }

    public void AutomorphismNtt(RnsBasis basis, IDevicePoly a, ulong galoisElement, IDevicePoly destination)
    {
        DeviceOperations++;
        inner.AutomorphismNtt(basis, a, galoisElement, destination);
    }

    public void ConvertBasis(BasisConverter converter, IDevicePoly source, int sourceLimb, IDevicePoly destination, int destinationLimb, bool centered)
    {
        DeviceOperations++;
        inner.ConvertBasis(converter, source, sourceLimb, destination, destinationLimb, centered);
    }

    public void InnerProduct(RnsBasis basis, ReadOnlySpan<IDevicePoly> a, ReadOnlySpan<IDevicePoly> b, IDevicePoly destination)
    {
        DeviceOperations++;
        inner.InnerProduct(basis, a, b, destination);
    }

    /// <summary>True once disposed.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>Disposes the inner backend only when this wrapper owns it (<c>ownsInner</c>).</summary>
    public void Dispose()
    {
        if (IsDisposed) return;
        IsDisposed = true;
        if (ownsInner) inner.Dispose();
    }
}
