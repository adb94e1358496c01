using BenchmarkDotNet.Attributes;

namespace Vault.Benchmarks;

/// <summary>Negacyclic NTT on SEAL's default chains: one limb (q_0) and every limb of a data-level polynomial.
/// In place, repeated on the same buffer (outputs are valid inputs).</summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class NttBenchmarks : FixtureBenchmark
{
    /// <summary>log2(N).</summary>
    [Params(13, 14, 15)]
    public int LogN { get; set; }

    [GlobalSetup]
    public void Setup() => Build(Chains.Seal(LogN));

    /// <summary>Output in [0, q), as SEAL's <c>ntt_negacyclic_harvey</c>.</summary>
    [Benchmark]
    public void ForwardOneLimb() => Fixture.Basis.Tables[0].Forward(Fixture.Limb);

    /// <summary>Output in [0, 4q), as SEAL's <c>ntt_negacyclic_harvey_lazy</c>.</summary>
    [Benchmark]
    public void ForwardLazyOneLimb() => Fixture.Basis.Tables[0].ForwardLazy(Fixture.Limb);

    [Benchmark]
    public void InverseOneLimb() => Fixture.Basis.Tables[0].Inverse(Fixture.Limb);

    [Benchmark]
    public void ForwardAllLimbs() => Fixture.Basis.Forward(Fixture.Poly);

    [Benchmark]
    public void InverseAllLimbs() => Fixture.Basis.Inverse(Fixture.Poly);
}
