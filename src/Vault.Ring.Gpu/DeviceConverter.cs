using ILGPU.Runtime;

namespace Vault.Ring.Gpu;

/// <summary>The constants of one <see cref="BasisConverter"/>, resident on the device.</summary>
internal sealed class DeviceConverter : IDisposable
{
    public DeviceConverter(Accelerator device, BasisConverter converter)
    {
        var from = converter.From;
        var to = converter.To;
        var source = new SourceLimb[from.Count];
        for (int i = 0; i < source.Length; i++)
        {
            ulong a = from.Moduli[i].Value;
            source[i] = new SourceLimb(a, converter.InversePunctured[i], converter.InversePuncturedShoup[i], 1.0 / a);
        }
        var target = new TargetLimb[to.Count];
        for (int j = 0; j < target.Length; j++)
        {
            var b = to.Moduli[j];
            ulong productMod = converter.ProductModTarget[j];
            target[j] = new TargetLimb(b.Value, b.BarrettHi, b.BarrettLo, productMod, b.ShoupPrecompute(productMod));
        }
        Source = device.Allocate1D(source);
        Target = device.Allocate1D(target);
        Punctured = device.Allocate1D(converter.PuncturedModTarget.ToArray());
    }

    /// <summary>Per-source-prime constants.</summary>
    public MemoryBuffer1D<SourceLimb, ILGPU.Stride1D.Dense> Source { get; }

    /// <summary>Per-target-prime constants.</summary>
    public MemoryBuffer1D<TargetLimb, ILGPU.Stride1D.Dense> Target { get; }

    /// <summary>(A/a_i) mod b_j at j · |A| + i.</summary>
    public MemoryBuffer1D<ulong, ILGPU.Stride1D.Dense> Punctured { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Source.Dispose();
        Target.Dispose();
        Punctured.Dispose();
    }
}
