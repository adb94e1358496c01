using BenchmarkDotNet.Attributes;
using Vault.Ckks;

namespace Vault.Benchmarks;

/// <summary>Base of the benchmark classes: owns the <see cref="CkksFixture"/> of the current parameter set and
/// disposes it after the run.</summary>
public abstract class FixtureBenchmark : IDisposable
{
    private CkksFixture? _fixture;

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
        _fixture?.Dispose();
        _fixture = new CkksFixture(spec);
    }
}
