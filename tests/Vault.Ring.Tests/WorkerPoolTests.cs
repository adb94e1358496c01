namespace Vault.Ring.Tests;

/// <summary>The worker pool behind <see cref="RingParallelism"/>: every item once, worker indices below the thread count,
/// failures rethrown, nested and concurrent jobs run inline instead of deadlocking, and nothing allocated per job.</summary>
[Collection(nameof(ScalarSwitchTests))]
public class WorkerPoolTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 1)]
    [InlineData(3, 100)]
    [InlineData(8, 1000)]
    public void Run_AnyThreadCount_ExecutesEveryItemOnceOnAValidWorker(int threads, int count)
    {
        WithThreads(threads, () =>
        {
            var work = new CountingWork(count);
            WorkerPool.Shared.Run(work, count, int.MaxValue);
            Assert.All(work.Hits, h => Assert.Equal(1, h));
            Assert.True(work.MaxWorker < threads, $"worker {work.MaxWorker} with {threads} threads");
        });
    }

    [Fact]
    public void Run_ItemThrows_RethrowsAndThePoolStaysUsable()
    {
        WithThreads(4, () =>
        {
            var failing = new CountingWork(64, throwAt: 17);
            var e = Assert.Throws<InvalidOperationException>(() => WorkerPool.Shared.Run(failing, 64, int.MaxValue));
            Assert.Equal("item 17", e.Message);
            var work = new CountingWork(64);
            WorkerPool.Shared.Run(work, 64, int.MaxValue);
            Assert.All(work.Hits, h => Assert.Equal(1, h));
        });
    }

    [Fact]
    public void Run_NestedJob_RunsInlineOnItsCaller()
    {
        WithThreads(4, () =>
        {
            var inner = new CountingWork(8 * 16);
            var outer = new NestingWork(inner);
            WorkerPool.Shared.Run(outer, 8, int.MaxValue);
            Assert.All(inner.Hits, h => Assert.Equal(1, h));
            Assert.Equal(0, inner.MaxWorker);          // inline: worker 0 of its caller
        });
    }

    [Fact]
    public void Run_FromTwoThreadsAtOnce_BothComplete()
    {
        WithThreads(4, () =>
        {
            var first = new CountingWork(5000);
            var second = new CountingWork(5000);
            var t = new Thread(() => WorkerPool.Shared.Run(second, 5000, int.MaxValue));
            t.Start();
            WorkerPool.Shared.Run(first, 5000, int.MaxValue);
            t.Join();
            Assert.All(first.Hits, h => Assert.Equal(1, h));
            Assert.All(second.Hits, h => Assert.Equal(1, h));
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Run_AfterWarmUp_AllocatesNothingOnTheCaller(int threads)
    {
        // The helpers' side is measured process-wide by `vault bench ckks` (a test host has other allocating threads).
        WithThreads(threads, () =>
        {
            var work = new CountingWork(256);
            for (int i = 0; i < 100; i++) WorkerPool.Shared.Run(work, 256, int.MaxValue);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 2000; i++) WorkerPool.Shared.Run(work, 256, int.MaxValue);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        });
    }

    [Fact]
    public void ThreadCount_BelowOne_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RingParallelism.ThreadCount = 0);

    /// <summary>Runs <paramref name="body"/> with <see cref="RingParallelism.ThreadCount"/> set, then restores it.</summary>
    internal static void WithThreads(int threads, Action body)
    {
        int saved = RingParallelism.ThreadCount;
        RingParallelism.ThreadCount = threads;
        try { body(); }
        finally { RingParallelism.ThreadCount = saved; }
    }

    private sealed class CountingWork(int count, int throwAt = -1) : IParallelWork
    {
        private int _maxWorker;

        public int[] Hits { get; } = new int[count];

        public int MaxWorker => _maxWorker;

        public void Execute(int index, int worker)
        {
            if (index == throwAt) throw new InvalidOperationException($"item {index}");
            Interlocked.Increment(ref Hits[index % Hits.Length]);
            int seen;
            while (worker > (seen = Volatile.Read(ref _maxWorker)) && Interlocked.CompareExchange(ref _maxWorker, worker, seen) != seen)
            {
            }
            Thread.SpinWait(50);
        }
    }

    private sealed class NestingWork(CountingWork inner) : IParallelWork
    {
        public void Execute(int index, int worker) => WorkerPool.Shared.Run(new Slice(inner, index * 16), 16, int.MaxValue);

        private sealed class Slice(CountingWork inner, int offset) : IParallelWork
        {
            public void Execute(int index, int worker) => inner.Execute(offset + index, worker);
        }
    }
}
