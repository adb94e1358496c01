using BenchmarkDotNet.Attributes;

namespace Vault.Benchmarks;

/// <summary>Element-wise ciphertext arithmetic and rescaling, out of place into a reused destination.</summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class ArithmeticBenchmarks : FixtureBenchmark
{
    /// <summary>log2(N).</summary>
    [Params(13, 14, 15)]
    public int LogN { get; set; }

    [GlobalSetup]
    public void Setup() => Build(Chains.Seal(LogN));

    [Benchmark]
    public void Add() => Fixture.Evaluator.Add(Fixture.A, Fixture.B, Fixture.Destination);

    [Benchmark]
    public void MultiplyPlain() => Fixture.Evaluator.MultiplyPlain(Fixture.A, Fixture.Plaintext, Fixture.Destination);

    /// <summary>ct × ct without relinearization (3-part result).</summary>
    [Benchmark]
    public void Multiply() => Fixture.Evaluator.Multiply(Fixture.A, Fixture.B, Fixture.Destination);

    /// <summary>Relinearized product (scale 2^80) → next level; includes the copy into the destination, as SEAL's does.</summary>
    [Benchmark]
    public void Rescale() => Fixture.Evaluator.Rescale(Fixture.Relinearized, Fixture.Destination);
}
