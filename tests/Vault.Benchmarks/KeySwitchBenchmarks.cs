using BenchmarkDotNet.Attributes;

namespace Vault.Benchmarks;

/// <summary>Key switching on SEAL's default chains (one special prime, one digit per data prime: SEAL's method).</summary>
/// <remarks>Relinearize is timed out of place from the 3-part product into a reused destination. It does exactly the
/// work of the in-place call (key switch of c_2, then c_0 + t_0 and c_1 + t_1) without an untimed copy per call,
/// which BenchmarkDotNet could only express with a per-invocation setup.</remarks>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class KeySwitchBenchmarks : FixtureBenchmark
{
    /// <summary>log2(N).</summary>
    [Params(13, 14, 15)]
    public int LogN { get; set; }

    [GlobalSetup]
    public void Setup() => Build(Chains.Seal(LogN));

    [Benchmark]
    public void Relinearize() => Fixture.Evaluator.Relinearize(Fixture.Product, Fixture.Destination);

    [Benchmark]
    public void MultiplyRelinearize() => Fixture.Evaluator.MultiplyRelinearize(Fixture.A, Fixture.B, Fixture.Destination);

    [Benchmark]
    public void RotateByOne() => Fixture.Evaluator.Rotate(Fixture.A, 1, Fixture.Destination);

    [Benchmark]
    public void Conjugate() => Fixture.Evaluator.Conjugate(Fixture.A, Fixture.Destination);
}
