using System.Globalization;
using System.Text;
using Vault.Engine.Datasets;
using Vault.Ipfs;
using Xunit.Abstractions;

namespace Vault.Engine.Tests;

/// <summary>Runs alone, so that the process-wide heap measures only the sealer.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SealMemoryGroup
{
    public const string Name = "seal-memory";
}

/// <summary>Sealing streams: the live heap while sealing a generated CSV (never held in memory; written to a store
/// that discards blocks) does not grow with the row count. Measured by a full collection at every progress report
/// (every 4096 rows in each pass), compared between 50 000 and 200 000 rows.</summary>
[Collection(SealMemoryGroup.Name)]
public sealed class SealMemoryTests(ITestOutputHelper output) : IDisposable
{
    private readonly SealingContext _provider = new("insecure-test-only-logn10", salt: 40);

    public void Dispose() => _provider.Dispose();

    [Fact]
    public async Task SealAsync_200kRows_LiveHeapDoesNotGrowWithRows()
    {
        var small = await MeasureAsync(50_000);
        var large = await MeasureAsync(200_000);
        output.WriteLine($"50k rows: peak live heap +{small.PeakBytes / 1024.0:F0} KiB, {small.Seconds:F2} s; 200k rows: +{large.PeakBytes / 1024.0:F0} KiB, {large.Seconds:F2} s, {large.Puts} blocks put");
        Assert.Equal(200_000, large.Rows);
        Assert.True(large.PeakBytes < 16L << 20, $"peak live heap {large.PeakBytes} bytes while sealing 200k rows");
        // 4× the rows may add only the manifest's growing list of block CIDs (≈ 200 bytes per ciphertext: 880 more here).
        Assert.True(large.PeakBytes < small.PeakBytes + (1L << 20), $"live heap grew from {small.PeakBytes} to {large.PeakBytes} bytes with 4× the rows");
    }

    private async Task<(long PeakBytes, double Seconds, long Rows, int Puts)> MeasureAsync(int rows)
    {
        var schema = DatasetSchema.Create([new ColumnSpec { Name = "flag", Type = ColumnType.Binary }, new ColumnSpec { Name = "dose" }, new ColumnSpec { Name = "signal" }], hasHeader: true);
        var store = new DiscardingStore();
        var request = _provider.Request("generated.csv", schema) with
        {
            OpenInput = () => new GeneratedCsvStream(rows),
            InputName = "generated.csv",
            Normalisation = NormalisationMethod.ZScore,
        };
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        var probe = new HeapProbe(baseline);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await DatasetSealer.SealAsync(request, store, probe);
        double seconds = clock.Elapsed.TotalSeconds;
        probe.Report(new SealProgress(SealStage.Done, rows, rows));
        return (probe.Peak, seconds, result.Manifest.Rows, store.Puts);
    }

    /// <summary>Synchronous progress sink that records the live heap above a baseline after a full collection.</summary>
    private sealed class HeapProbe(long baseline) : IProgress<SealProgress>
    {
        public long Peak { get; private set; }

        public void Report(SealProgress value) => Peak = Math.Max(Peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
    }

    /// <summary>Hashes nothing, keeps nothing: counts puts.</summary>
    private sealed class DiscardingStore : IContentStore
    {
        public int Puts { get; private set; }

        public Task PutAsync(Block block, CancellationToken cancellationToken = default)
        {
            Puts++;
            return Task.CompletedTask;
        }

        public Task<Block> GetAsync(Cid cid, CancellationToken cancellationToken = default) => throw new ContentNotFoundException($"{cid} was discarded.");
        public Task<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default) => Task.FromResult(false);
        public Task PinAsync(Cid root, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    /// <summary>A CSV of <c>rows</c> generated line by line as it is read: "flag,dose,signal" then deterministic rows.</summary>
    private sealed class GeneratedCsvStream(int rows) : Stream
    {
        private byte[] _line = Encoding.ASCII.GetBytes("flag,dose,signal\n");
        private int _offset;
        private int _next;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int written = 0;
            while (written < buffer.Length)
            {
                if (_offset == _line.Length)
                {
                    if (_next == rows) break;
                    int i = _next++;
                    _line = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{i % 2},{i * 7919 % 1000 / 10.0},{Math.Sin(i):R}\n"));
                    _offset = 0;
                }
                int take = Math.Min(buffer.Length - written, _line.Length - _offset);
                _line.AsSpan(_offset, take).CopyTo(buffer[written..]);
                _offset += take;
                written += take;
            }
            return written;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
