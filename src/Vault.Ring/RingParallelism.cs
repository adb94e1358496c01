namespace Vault.Ring;

/// <summary>How many threads the ring kernels may use for one operation: NTTs and element-wise operations of several
/// limbs run their limbs in parallel, and key switching spreads its limbs (conversion, NTT, inner product, ModDown)
/// over the threads. Results never depend on it: every limb is computed the same way whichever thread runs it.</summary>
/// <remarks>Process-wide. The default is <see cref="Environment.ProcessorCount"/>; 1 runs everything on the calling
/// thread. The threads are a shared pool serving one operation at a time: an operation that starts while another one
/// holds the pool (for instance from data-parallel workers that each own an evaluator) runs on its own thread, so
/// nested or concurrent use never oversubscribes the cores or waits.</remarks>
public static class RingParallelism
{
    private static int _threadCount = Environment.ProcessorCount;

    /// <summary>Threads per operation, at least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public static int ThreadCount
    {
        get => Volatile.Read(ref _threadCount);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref _threadCount, value);
        }
    }
}
