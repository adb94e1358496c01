using BenchmarkDotNet.Attributes;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Benchmarks;

/// <summary>One key switch (the relinearization key applied to a top-level polynomial) by <see cref="KeySwitcher"/>
/// and by <see cref="BackendKeySwitcher"/> on <see cref="CpuRingBackend"/>: the cost of going through the backend seam
/// on the CPU (Vault's hybrid presets <c>logn14</c> and <c>logn15</c>). Same outputs, checked in the tests.</summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class BackendKeySwitcherBenchmarks : FixtureBenchmark
{
    private KeySwitcher? _keySwitcher;
    private CpuRingBackend? _backend;
    private BackendKeySwitcher? _backendSwitcher;
    private DeviceSwitchingKey? _deviceKey;
    private IDevicePoly? _d, _out0, _out1;
    private RnsPoly? _host0, _host1;

    /// <summary>log2(N).</summary>
    [Params(14, 15)]
    public int LogN { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Build(Chains.Hybrid(LogN));
        var rlwe = Fixture.Parameters.Rlwe;
        int top = rlwe.MaxLevel + 1;
        _keySwitcher = new KeySwitcher(rlwe);
        _backend = new CpuRingBackend(rlwe.Ring);
        _backendSwitcher = new BackendKeySwitcher(rlwe, _backend);
        _deviceKey = _backendSwitcher.Upload(Fixture.RelinearizationKey.Key);
        _d = _backend.Allocate(top);
        _out0 = _backend.Allocate(top);
        _out1 = _backend.Allocate(top);
        _backend.Upload(Fixture.A[1], _d);
        _host0 = new RnsPoly(rlwe.N, top);
        _host1 = new RnsPoly(rlwe.N, top);
    }

    [Benchmark(Baseline = true)]
    public void KeySwitcherSwitch() => _keySwitcher!.Switch(Fixture.A[1], Fixture.Parameters.MaxLevel, Fixture.RelinearizationKey.Key, _host0!, _host1!);

    [Benchmark]
    public void BackendKeySwitcherOnCpu() => _backendSwitcher!.Switch(_d!, Fixture.Parameters.MaxLevel, _deviceKey!, _out0!, _out1!);

    /// <summary>Frees the backend objects and the fixture.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _d?.Dispose();
            _out0?.Dispose();
            _out1?.Dispose();
            _deviceKey?.Dispose();
            _backendSwitcher?.Dispose();
            _backend?.Dispose();
        }
        base.Dispose(disposing);
    }
}
