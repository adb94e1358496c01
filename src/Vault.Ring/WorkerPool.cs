using System.Runtime.ExceptionServices;

namespace Vault.Ring;

/// <summary>A unit of parallel work: <see cref="Execute"/> runs item <c>index</c> on worker <c>worker</c> (0 is the
/// calling thread; a worker index names per-worker scratch, and no two items run on the same worker at once).</summary>
internal interface IParallelWork
{
    void Execute(int index, int worker);
}

/// <summary>The process-wide pool behind <see cref="RingParallelism"/>: up to <see cref="RingParallelism.ThreadCount"/>
/// − 1 background threads that help the calling thread through the items of one job at a time. Dispatching allocates
/// nothing (the work object, its state and the threads are all reused), items are handed out one by one from a shared
/// counter, and the results do not depend on which thread ran which item. A job started while another one runs (from
/// another thread, or nested) runs inline on its caller instead of waiting.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "A process-wide singleton: its threads and semaphores live as long as the process.")]
internal sealed class WorkerPool
{
    private readonly object _growLock = new();
    private readonly SemaphoreSlim _start = new(0);
    private readonly SemaphoreSlim _finished = new(0);   // released once per job, by the last helper
    private Thread[] _threads = [];
    private int _busy;
    private IParallelWork? _work;
    private int _count, _next, _nextWorker, _pending;
    private ExceptionDispatchInfo? _failure;

    private WorkerPool()
    {
    }

    /// <summary>The shared pool.</summary>
    public static WorkerPool Shared { get; } = new();

    /// <summary>Runs <paramref name="work"/> for every index in [0, <paramref name="count"/>) on at most
    /// <paramref name="maxWorkers"/> workers (and at most <see cref="RingParallelism.ThreadCount"/>), returning when all
    /// items are done. The first exception thrown by an item is rethrown here after the others finish.</summary>
    public void Run(IParallelWork work, int count, int maxWorkers)
    {
        int workers = Math.Min(Math.Min(count, maxWorkers), RingParallelism.ThreadCount);
        if (workers <= 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int i = 0; i < count; i++) work.Execute(i, 0);
            return;
        }
        try
        {
            EnsureThreads(workers - 1);
            _work = work;
            _count = count;
            _next = 0;
            _nextWorker = 0;
            _failure = null;
            Volatile.Write(ref _pending, workers - 1);
            _start.Release(workers - 1);
            Drain(0);
            _finished.Wait();
            _work = null;
            _failure?.Throw();
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private void Drain(int worker)
    {
        try
        {
            int i;
            while ((i = Interlocked.Increment(ref _next) - 1) < _count) _work!.Execute(i, worker);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            Interlocked.Exchange(ref _next, _count);   // the others stop taking items
        }
    }

    private void EnsureThreads(int helpers)
    {
        if (_threads.Length >= helpers) return;
        lock (_growLock)
        {
            var threads = _threads;
            if (threads.Length >= helpers) return;
            var grown = new Thread[helpers];
            threads.CopyTo(grown, 0);
            for (int t = threads.Length; t < helpers; t++)
            {
                grown[t] = new Thread(Loop) { IsBackground = true, Name = $"Vault ring worker {t + 1}" };
                grown[t].Start();
            }
            _threads = grown;
        }
    }

    private void Loop()
    {
        while (true)
        {
            _start.Wait();
            Drain(Interlocked.Increment(ref _nextWorker));
            if (Interlocked.Decrement(ref _pending) == 0) _finished.Release();
        }
    }
}
