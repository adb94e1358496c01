using BenchmarkDotNet.Attributes;
using Vault.Ckks;
using Vault.Ring;
using Vault.Ring.Gpu;

namespace Vault.Benchmarks;

/// <summary>The two <see cref="IRingBackend"/>s on SEAL's default chains (a data-level polynomial: 4, 8 and 15 limbs at
/// N = 2^13, 2^14, 2^15): NTT of all limbs, inverse NTT of all limbs, and a multiply-accumulate d += a ⊙ b, on data
/// resident in the backend. <see cref="Backend.Ilgpu"/> takes CUDA when present, else ILGPU's CPU accelerator (the
/// only device on machines without a GPU); its timings include waiting for the kernels.</summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class RingBackendBenchmarks : IDisposable
{
    private IRingBackend? _backend;
    private GpuRingBackend? _gpu;
    private IDevicePoly? _a, _b, _d;
    private RnsBasis? _basis;

    /// <summary>Which backend runs.</summary>
    public enum Backend
    {
        /// <summary>CpuRingBackend: the reference kernels (AVX-512 where available).</summary>
        Cpu,

        /// <summary>GpuRingBackend on GpuDevice.Auto.</summary>
        Ilgpu,
    }

    /// <summary>log2(N).</summary>
    [Params(13, 14, 15)]
    public int LogN { get; set; }

    /// <summary>The backend under test.</summary>
    [Params(Backend.Cpu, Backend.Ilgpu)]
    public Backend Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var ring = CkksParameters.Create(Chains.Seal(LogN)).Rlwe.Ring;
        _basis = ring.Q(ring.MaxLevel);
        if (Kind == Backend.Ilgpu)
        {
            _gpu = GpuRingBackend.Create(ring, GpuDevice.Auto);
            _backend = _gpu;
        }
        else
        {
            _backend = new CpuRingBackend(ring);
        }
        Console.WriteLine($"// RingBackendBenchmarks: {_backend.DeviceName}, N = 2^{LogN}, {_basis.Count} limbs");
        var rng = new Random(20261124);
        _a = Upload(rng);
        _b = Upload(rng);
        _d = Upload(rng);
        ForwardAllLimbs();       // compiles the kernels outside the measured iterations
        InverseAllLimbs();
        MultiplyAccumulate();
    }

    [Benchmark]
    public void ForwardAllLimbs()
    {
        _backend!.Forward(_basis!, _a!);
        _gpu?.Synchronize();
    }

    [Benchmark]
    public void InverseAllLimbs()
    {
        _backend!.Inverse(_basis!, _a!);
        _gpu?.Synchronize();
    }

    [Benchmark]
    public void MultiplyAccumulate()
    {
        _backend!.MulCoefficientsAdd(_basis!, _a!, _b!, _d!);
        _gpu?.Synchronize();
    }

    /// <summary>Frees the polynomials and the backend (BenchmarkDotNet global cleanup).</summary>
    [GlobalCleanup]
    public void Cleanup() => Dispose();

    /// <inheritdoc/>
    public void Dispose()
    {
        _a?.Dispose();
        _b?.Dispose();
        _d?.Dispose();
        _backend?.Dispose();
        _a = _b = _d = null;
        _backend = _gpu = null;
        GC.SuppressFinalize(this);
    }

    private IDevicePoly Upload(Random rng)
    {
        var host = new RnsPoly(_basis!.N, _basis.Count);
        for (int i = 0; i < _basis.Count; i++)
        {
            Span<ulong> limb = host.Limb(i);
            for (int k = 0; k < limb.Length; k++) limb[k] = (ulong)rng.NextInt64(0, (long)_basis.Moduli[i].Value);
        }
        var poly = _backend!.Allocate(_basis.Count);
        _backend.Upload(host, poly);
        return poly;
    }
}
