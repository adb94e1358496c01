using System.Diagnostics;

namespace Vault.Ipfs.UnixFs;

/// <summary>Builds a balanced UnixFS file DAG from bytes pushed in order, exactly as the IPFS importers do
/// (js-ipfs-unixfs-importer's balanced builder, go-unixfs' balanced layout): fixed-size chunks become leaves; each
/// run of <c>MaxLinksPerNode</c> nodes on a level is reduced to a parent as soon as it is full; at the end, each
/// level's remainder is reduced in turn until one node is left. A file of one chunk is that chunk's leaf. Memory is
/// one chunk plus at most <c>MaxLinksPerNode</c> link records per level.</summary>
internal sealed class UnixFsDagBuilder
{
    private readonly UnixFsImportOptions _options;
    private readonly IContentStore? _destination;
    private readonly byte[] _chunk;
    private readonly List<List<DagEntry>> _levels = [[]];
    private int _filled;
    private bool _emitted;
    private bool _completed;
    private int _blockCount;

    /// <summary>Creates a builder writing blocks to <paramref name="destination"/>, or computing only when it is null.</summary>
    public UnixFsDagBuilder(UnixFsImportOptions options, IContentStore? destination)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _destination = destination;
        _chunk = new byte[options.ChunkSize];
    }

    /// <summary>Appends file bytes (compute-only builders: no I/O, so synchronous).</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        Debug.Assert(_destination is null, "Append is for compute-only builders");
        while (!data.IsEmpty)
        {
            int n = Math.Min(data.Length, _chunk.Length - _filled);
            data[..n].CopyTo(_chunk.AsSpan(_filled));
            _filled += n;
            data = data[n..];
            if (_filled == _chunk.Length) Wait(EmitLeafAsync(CancellationToken.None));
        }
    }

    /// <summary>Appends file bytes, writing each completed block to the destination.</summary>
    public async ValueTask AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            int n = Math.Min(data.Length, _chunk.Length - _filled);
            data[..n].CopyTo(_chunk.AsMemory(_filled));
            _filled += n;
            data = data[n..];
            if (_filled == _chunk.Length) await EmitLeafAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads <paramref name="source"/> to its end in chunk-sized reads.</summary>
    public async Task ReadFromAsync(Stream source, CancellationToken cancellationToken)
    {
        while (true)
        {
            int n = await source.ReadAsync(_chunk.AsMemory(_filled), cancellationToken).ConfigureAwait(false);
            if (n == 0) return;
            _filled += n;
            if (_filled == _chunk.Length) await EmitLeafAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Finishes a compute-only DAG.</summary>
    public UnixFsImportResult Complete()
    {
        Debug.Assert(_destination is null, "Complete is for compute-only builders");
        var task = CompleteAsync(CancellationToken.None);
        Debug.Assert(task.IsCompleted, "compute-only work completes synchronously");
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Emits the last chunk and reduces the levels to the root.</summary>
    public async ValueTask<UnixFsImportResult> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_completed) throw new InvalidOperationException("UnixFsDagBuilder: already completed.");
        _completed = true;
        // An empty file still has one (empty) leaf; a file whose size is a multiple of the chunk size has no extra one.
        if (!_emitted || _filled > 0) await EmitLeafAsync(cancellationToken).ConfigureAwait(false);
        for (int level = 0; ; level++)
        {
            var entries = _levels[level];
            bool higher = false;
            for (int j = level + 1; j < _levels.Count; j++) higher |= _levels[j].Count > 0;
            if (entries.Count == 1 && !higher)
            {
                var root = entries[0];
                return new UnixFsImportResult(root.Cid, root.FileBytes, root.DagSize, _blockCount);
            }
            if (entries.Count > 0) await ReduceAsync(level, cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask EmitLeafAsync(CancellationToken cancellationToken)
    {
        var chunk = _chunk.AsSpan(0, _filled);
        Block block;
        if (_options.UseRawLeaves)
        {
            block = Block.Create(Multicodec.Raw, chunk.ToArray(), cidVersion: 1);
        }
        else
        {
            var unixfs = new UnixFsData(UnixFsType.File, chunk.ToArray(), (ulong)chunk.Length, []);
            block = Block.Create(Multicodec.DagPb, new DagPbNode([], unixfs.Encode()).Encode(), _options.CidVersion);
        }
        var entry = new DagEntry(block.Cid, (ulong)block.Data.Length, (ulong)chunk.Length);
        _filled = 0;
        _emitted = true;
        return AddAsync(0, entry, block, cancellationToken);
    }

    private async ValueTask AddAsync(int level, DagEntry entry, Block block, CancellationToken cancellationToken)
    {
        _blockCount++;
        if (_destination is not null) await _destination.PutAsync(block, cancellationToken).ConfigureAwait(false);
        if (level == _levels.Count) _levels.Add([]);
        _levels[level].Add(entry);
        if (_levels[level].Count == _options.MaxLinksPerNode) await ReduceAsync(level, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the entries of <paramref name="level"/> with one parent on the level above.</summary>
    private ValueTask ReduceAsync(int level, CancellationToken cancellationToken)
    {
        var entries = _levels[level];
        var links = new List<DagPbLink>(entries.Count);
        var blockSizes = new List<ulong>(entries.Count);
        ulong fileBytes = 0, childDagSize = 0;
        foreach (var e in entries)
        {
            if (e.FileBytes == 0) continue;  // IPFS drops empty children
            links.Add(new DagPbLink(e.Cid, "", e.DagSize));
            blockSizes.Add(e.FileBytes);
            fileBytes += e.FileBytes;
            childDagSize += e.DagSize;
        }
        entries.Clear();
        var data = new UnixFsData(UnixFsType.File, ReadOnlyMemory<byte>.Empty, fileBytes, blockSizes);
        var block = Block.Create(Multicodec.DagPb, new DagPbNode(links, data.Encode()).Encode(), _options.CidVersion);
        var parent = new DagEntry(block.Cid, (ulong)block.Data.Length + childDagSize, fileBytes);
        return AddAsync(level + 1, parent, block, cancellationToken);
    }

    private static void Wait(ValueTask task)
    {
        Debug.Assert(task.IsCompleted, "compute-only work completes synchronously");
        task.GetAwaiter().GetResult();
    }

    private readonly record struct DagEntry(Cid Cid, ulong DagSize, ulong FileBytes);
}
