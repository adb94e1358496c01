using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace Vault.Benchmarks;

/// <summary>CKKS encode (N/2 reals → plaintext at the top level, NTT form) and decode (→ N/2 values).</summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class EncodingBenchmarks : FixtureBenchmark
{
    private double[] _reals = null!;
    private Complex[] _complex = null!;

    /// <summary>log2(N).</summary>
    [Params(13, 14, 15)]
    public int LogN { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Build(Chains.Seal(LogN));
        _reals = new double[Fixture.Parameters.Slots];
        _complex = new Complex[Fixture.Parameters.Slots];
    }

    [Benchmark]
    public void Encode() => Fixture.Encoder.Encode(Fixture.Values, Fixture.Parameters.MaxLevel, Fixture.Parameters.DefaultScale, Fixture.Plaintext);

    /// <summary>To N/2 doubles, as SEAL's <c>decode</c> into a <c>vector&lt;double&gt;</c>.</summary>
    [Benchmark]
    public void DecodeReal() => Fixture.Encoder.Decode(Fixture.Plaintext, _reals.AsSpan());

    /// <summary>To N/2 complex values (the overload the real one wraps).</summary>
    [Benchmark]
    public void DecodeComplex() => Fixture.Encoder.Decode(Fixture.Plaintext, _complex.AsSpan());
}
