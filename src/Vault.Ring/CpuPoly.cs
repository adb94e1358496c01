namespace Vault.Ring;

/// <summary>The CPU backend's polynomial: an <see cref="RnsPoly"/> in host memory.</summary>
internal sealed class CpuPoly(CpuRingBackend owner, RnsPoly poly) : IDevicePoly
{
    /// <summary>The backend that allocated this polynomial.</summary>
    public CpuRingBackend Owner { get; } = owner;

    /// <summary>The host storage.</summary>
    public RnsPoly Poly { get; } = poly;

    /// <inheritdoc/>
    public int N => Poly.N;

    /// <inheritdoc/>
    public int Capacity => Poly.Capacity;

    /// <inheritdoc/>
    public int LimbCount
    {
        get => Poly.LimbCount;
        set => Poly.LimbCount = value;
    }

    /// <inheritdoc/>
    public void Dispose() => Poly.Wipe();
}
