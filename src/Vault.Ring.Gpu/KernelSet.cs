using ILGPU;
using ILGPU.Runtime;

namespace Vault.Ring.Gpu;

/// <summary>The <see cref="RingKernels"/> loaded on one accelerator, each compiled on first use.</summary>
internal sealed class KernelSet(Accelerator accelerator)
{
    private Action<Index1D, ArrayView<ulong>, ArrayView<LimbConstants>, ArrayView<ulong>, ArrayView<ulong>, int, int>? _forwardStage, _inverseStage;
    private Action<KernelConfig, ArrayView<ulong>, ArrayView<LimbConstants>, ArrayView<ulong>, ArrayView<ulong>, int, int>? _forwardFused, _inverseFused;
    private Action<Index1D, ArrayView<ulong>, ArrayView<LimbConstants>, int>? _inverseLastStage;
    private Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int>? _add, _subtract, _multiply, _multiplyAdd, _multiplyScalar, _addScalar;
    private Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int>? _negate;
    private Action<Index1D, ArrayView<ulong>, ArrayView<int>, ArrayView<ulong>, int>? _permute;
    private Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<SourceLimb>, int>? _convertScale;
    private Action<Index1D, ArrayView<ulong>, ArrayView<SourceLimb>, ArrayView<ulong>, int, int>? _convertOverflow;
    private Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<TargetLimb>, ArrayView<ulong>, ArrayView<ulong>, int, int, int>? _convertOutput;
    private Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, int>? _multiplyAccumulateWide;
    private Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int, int>? _reduceWide;

    public Action<Index1D, ArrayView<ulong>, ArrayView<LimbConstants>, ArrayView<ulong>, ArrayView<ulong>, int, int> ForwardStage =>
        _forwardStage ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<LimbConstants>, ArrayView<ulong>, ArrayView<ulong>, int, int>(RingKernels.ForwardStage);

    public Action<KernelConfig, ArrayView<ulong>, ArrayView<LimbConstants>, ArrayView<ulong>, ArrayView<ulong>, int, int> ForwardFused =>
        _forwardFused ??= accelerator.LoadStreamKernel<ArrayView<ulong>, ArrayView<LimbConstants>, ArrayView<ulong>, ArrayView<ulong>, int, int>(RingKernels.ForwardFused);

    public Action<KernelConfig, ArrayView<ulong>, ArrayView<LimbConstants>, ArrayView<ulong>, ArrayView<ulong>, int, int> InverseFused =>
        _inverseFused ??= accelerator.LoadStreamKernel<ArrayView<ulong>, ArrayView<LimbConstants>, ArrayView<ulong>, ArrayView<ulong>, int, int>(RingKernels.InverseFused);

    public Action<Index1D, ArrayView<ulong>, ArrayView<LimbConstants>, ArrayView<ulong>, ArrayView<ulong>, int, int> InverseStage =>
        _inverseStage ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<LimbConstants>, ArrayView<ulong>, ArrayView<ulong>, int, int>(RingKernels.InverseStage);

    public Action<Index1D, ArrayView<ulong>, ArrayView<LimbConstants>, int> InverseLastStage =>
        _inverseLastStage ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<LimbConstants>, int>(RingKernels.InverseLastStage);

    public Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int> Add =>
        _add ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int>(RingKernels.Add);

    public Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int> Subtract =>
        _subtract ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int>(RingKernels.Subtract);

    public Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int> Negate =>
        _negate ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int>(RingKernels.Negate);

    public Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int> Multiply =>
        _multiply ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int>(RingKernels.Multiply);

    public Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int> MultiplyAdd =>
        _multiplyAdd ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int>(RingKernels.MultiplyAdd);

    public Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int> MultiplyScalar =>
        _multiplyScalar ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int>(RingKernels.MultiplyScalar);

    public Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int> AddScalar =>
        _addScalar ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int>(RingKernels.AddScalar);

    public Action<Index1D, ArrayView<ulong>, ArrayView<int>, ArrayView<ulong>, int> Permute =>
        _permute ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<int>, ArrayView<ulong>, int>(RingKernels.Permute);

    public Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<SourceLimb>, int> ConvertScale =>
        _convertScale ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<SourceLimb>, int>(RingKernels.ConvertScale);

    public Action<Index1D, ArrayView<ulong>, ArrayView<SourceLimb>, ArrayView<ulong>, int, int> ConvertOverflow =>
        _convertOverflow ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<SourceLimb>, ArrayView<ulong>, int, int>(RingKernels.ConvertOverflow);

    public Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<TargetLimb>, ArrayView<ulong>, ArrayView<ulong>, int, int, int> ConvertOutput =>
        _convertOutput ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<TargetLimb>, ArrayView<ulong>, ArrayView<ulong>, int, int, int>(RingKernels.ConvertOutput);

    public Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, int> MultiplyAccumulateWide =>
        _multiplyAccumulateWide ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, int>(RingKernels.MultiplyAccumulateWide);

    public Action<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int, int> ReduceWide =>
        _reduceWide ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<ulong>, ArrayView<ulong>, ArrayView<LimbConstants>, int, int>(RingKernels.ReduceWide);
}
