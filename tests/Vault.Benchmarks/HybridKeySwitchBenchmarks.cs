using BenchmarkDotNet.Attributes;
using Vault.Ckks;

namespace Vault.Benchmarks;

/// <summary>The same key switches on Vault's hybrid presets (<see cref="CkksParameterPresets.LogN14"/>: 7 Q primes,
/// dnum 3, 3 special primes; <see cref="CkksParameterPresets.LogN15"/>: 16 Q primes, dnum 4, 4 special primes).
/// Compare with <see cref="KeySwitchBenchmarks"/> at the same N, keeping in mind the different number of Q primes.</summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class HybridKeySwitchBenchmarks : FixtureBenchmark
{
    /// <summary>log2(N).</summary>
    [Params(14, 15)]
    public int LogN { get; set; }

    [GlobalSetup]
    public void Setup() => Build(Chains.Hybrid(LogN));

    [Benchmark]
    public void Relinearize() => Fixture.Evaluator.Relinearize(Fixture.Product, Fixture.Destination);

    [Benchmark]
    public void MultiplyRelinearize() => Fixture.Evaluator.MultiplyRelinearize(Fixture.A, Fixture.B, Fixture.Destination);

    [Benchmark]
    public void RotateByOne() => Fixture.Evaluator.Rotate(Fixture.A, 1, Fixture.Destination);

    [Benchmark]
    public void Conjugate() => Fixture.Evaluator.Conjugate(Fixture.A, Fixture.Destination);
}
