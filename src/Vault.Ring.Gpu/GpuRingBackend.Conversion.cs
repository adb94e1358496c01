using ILGPU;
using ILGPU.Runtime;

namespace Vault.Ring.Gpu;

/// <summary>Fast and centred RNS base conversion (three launches: scale, overflow count, output).</summary>
public sealed partial class GpuRingBackend
{
    private MemoryBuffer1D<ulong, Stride1D.Dense>? _conversionTerms, _conversionOverflow;

    /// <inheritdoc/>
    public void ConvertBasis(BasisConverter converter, IDevicePoly source, int sourceLimb, IDevicePoly destination, int destinationLimb, bool centered)
    {
        ArgumentNullException.ThrowIfNull(converter);
        GpuPoly x = Own(source, nameof(source)), d = Own(destination, nameof(destination));
        CpuRingBackend.CheckConversionRanges(converter, x.N, x.LimbCount, sourceLimb, d.LimbCount, destinationLimb, ReferenceEquals(x, d));
        if (!_converters.TryGetValue(converter, out var constants))
        {
            constants = new DeviceConverter(_device, converter);
            _converters.Add(converter, constants);
            _owned.Add(constants);
        }
        int n = Ring.N, na = converter.From.Count, nb = converter.To.Count;
        var terms = Scratch(ref _conversionTerms, (long)na * n);
        var overflow = Scratch(ref _conversionOverflow, n);
        _kernels.ConvertScale(na * n, x.Limbs(sourceLimb, na), terms, constants.Source.View, _logN);
        if (centered) _kernels.ConvertOverflow(n, terms, constants.Source.View, overflow, na, _logN);
        _kernels.ConvertOutput(nb * n, terms, constants.Punctured.View, constants.Target.View, overflow, d.Limbs(destinationLimb, nb), na, _logN, centered ? 1 : 0);
    }
}
