using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Vault.Ring.Gpu;

/// <summary>An ILGPU context and accelerator with the ring kernels compiled on first use. Several
/// <see cref="GpuRingBackend"/>s (one per <see cref="RingContext"/>) can share one, so kernels compile once.</summary>
/// <remarks>Not thread-safe. Disposing it frees every device buffer allocated on it.</remarks>
public sealed class GpuAccelerator : IDisposable
{
    private static readonly Lazy<bool> CudaProbe = new(ProbeCuda);
    private readonly Context _context;
    private bool _disposed;

    private GpuAccelerator(Context context, Accelerator accelerator)
    {
        _context = context;
        Accelerator = accelerator;
        Kernels = new KernelSet(accelerator);
    }

    /// <summary>True when ILGPU finds at least one CUDA device (probed once per process).</summary>
    public static bool IsCudaAvailable => CudaProbe.Value;

    /// <summary>The device actually in use: <see cref="GpuDevice.Cuda"/> or <see cref="GpuDevice.Cpu"/>.</summary>
    public GpuDevice Device => Accelerator.AcceleratorType == AcceleratorType.Cuda ? GpuDevice.Cuda : GpuDevice.Cpu;

    /// <summary>The accelerator's name as ILGPU reports it.</summary>
    public string Name => $"{Accelerator.AcceleratorType}: {Accelerator.Name}";

    internal Accelerator Accelerator { get; }

    internal KernelSet Kernels { get; }

    /// <summary>Creates the accelerator: <see cref="GpuDevice.Auto"/> takes CUDA when present, else the CPU accelerator.</summary>
    /// <exception cref="GpuDeviceException"><see cref="GpuDevice.Cuda"/> was requested and no CUDA device exists.</exception>
    public static GpuAccelerator Create(GpuDevice device = GpuDevice.Auto)
    {
        if (device is not (GpuDevice.Auto or GpuDevice.Cpu or GpuDevice.Cuda))
            throw new ArgumentOutOfRangeException(nameof(device), device, "GpuAccelerator: unknown device.");
        bool cuda = device == GpuDevice.Cuda || (device == GpuDevice.Auto && IsCudaAvailable);
        if (cuda && !IsCudaAvailable)
            throw new GpuDeviceException("GpuAccelerator.Create: no CUDA device (ILGPU found no NVIDIA GPU or no CUDA driver); use GpuDevice.Auto or GpuDevice.Cpu.");
        var context = Context.Create(builder =>
        {
            if (cuda) builder.Cuda();
            else builder.CPU();
            builder.EnableAlgorithms();
        });
        try
        {
            Accelerator accelerator = cuda ? context.CreateCudaAccelerator(0) : context.CreateCPUAccelerator(0);
            return new GpuAccelerator(context, accelerator);
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>Waits for every queued kernel and copy.</summary>
    public void Synchronize() => Accelerator.Synchronize();

    /// <summary>Frees the accelerator (and every buffer on it) and the ILGPU context.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Accelerator.Dispose();
        _context.Dispose();
    }

    private static bool ProbeCuda()
    {
        try
        {
            using var context = Context.Create(builder => builder.Cuda());
            return context.GetCudaDevices().Count > 0;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or InvalidOperationException or NotSupportedException)
        {
            return false;
        }
    }
}
