using BenchmarkDotNet.Attributes;
using Vault.Ckks;
using Vault.Ring;

namespace Vault.Benchmarks;

/// <summary>Base of the benchmark classes: owns the <see cref="CkksFixture"/> of the current parameter set and
/// disposes it after the run, and runs each benchmark single-threaded and on all cores
/// (<see cref="RingParallelism.ThreadCount"/> = <see cref="Threads"/>; BenchmarkDotNet times wall-clock time).</summary>
public abstract class FixtureBenchmark : IDisposable
{
    private CkksFixture? _fixture;

    /// <summary>1 and the processor count (this process's cores).</summary>
    public static IEnumerable<int> ThreadCounts => Environment.ProcessorCount > 1 ? [1, Environment.ProcessorCount] : [1];

    /// <summary>Threads per operation.</summary>
    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; } = 1;

    private protected CkksFixture Fixture => _fixture ?? throw new InvalidOperationException("GlobalSetup has not run.");

    /// <summary>Disposes the fixture (BenchmarkDotNet global cleanup).</summary>
    [GlobalCleanup]
    public void Cleanup() => Dispose();

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the fixture.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing) _fixture?.Dispose();
        _fixture = null;
    }

    private protected void Build(CkksParameterSpec spec)
    {
        RingParallelism.ThreadCount = Threads;
        _fixture?.Dispose();
        _fixture = new CkksFixture(spec);
    }
}
