using System.Globalization;
using System.Text;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Vault.Ipfs.Car;
using Vault.Ipfs.UnixFs;

namespace Vault.Ipfs.Kubo;

/// <summary>An IPFS node as a content store, through the Kubo RPC API (<c>POST /api/v0/…</c>; js-ipfs 0.66 serves a
/// compatible one). Small requests (id, block/get, block/put, block/stat, pin/add) have a per-attempt timeout and are
/// retried with exponential backoff (Polly) after connection failures, timeouts and 502/503/504; transfers (add, cat,
/// dag/import) stream without buffering the content and are not retried. The node is always sent a <c>timeout=</c>,
/// because an offline node waits forever for a CID it does not have. Every byte read from the node is verified
/// against its CID before it is handed on, and CIDs in answers are parsed in any multibase (js-ipfs answers in
/// base58btc).</summary>
public sealed partial class KuboContentStore : IContentStore, IDisposable
{
    private const int MaxBlockLength = CarReader.MaxSectionLength;
    private readonly KuboContentStoreOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ResiliencePipeline _retry;

    /// <summary>Talks to the node at <paramref name="options"/>' address through <paramref name="httpClient"/>, or
    /// through an HttpClient of its own (disposed with the store) when none is given.</summary>
    public KuboContentStore(KuboContentStoreOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<AttemptTimeoutException>().Handle<TransientStatusException>(),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }
        _retry = builder.Build();
    }

    /// <summary>The node's RPC API address.</summary>
    public Uri ApiAddress => _options.ApiAddress;

    /// <summary>Asks the node who it is (<c>/api/v0/id</c>): a cheap liveness check.</summary>
    public Task<KuboNodeInfo> GetNodeInfoAsync(CancellationToken cancellationToken = default) =>
        SendAsync("id", "id", null, null, async (response, ct) =>
        {
            using var json = await ReadJsonAsync(response, ct).ConfigureAwait(false);
            var root = json.RootElement;
            return new KuboNodeInfo(GetString(root, "ID") ?? "", GetString(root, "AgentVersion") ?? "");
        }, _options.RequestTimeout, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Sends <c>format=</c> (js-ipfs, and Kubo's legacy name) with <c>mhtype=sha2-256</c>, plus
    /// <c>cid-codec=raw</c> for raw blocks (Kubo rejects a legacy format combined with a different cid-codec). The key
    /// the node answers with must have the block's multihash.</remarks>
    public Task PutAsync(Block block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Cid.Multihash.Code != MultihashCode.Sha2256)
            ThrowHelper.ThrowArgument(nameof(block), $"KuboContentStore.PutAsync: the node hashes with sha2-256; {block.Cid} uses another function.");
        string codec = Multicodec.Name(block.Cid.Codec);
        string query = $"format={codec}&mhtype=sha2-256&mhlen=32&pin=false" + (block.Cid.Codec == Multicodec.Raw ? "&cid-codec=raw" : "");
        return SendAsync("block/put", "block/put", query, null, async (response, ct) =>
        {
            using var json = await ReadJsonAsync(response, ct).ConfigureAwait(false);
            var key = ParseCid(GetString(json.RootElement, "Key"), "block/put");
            if (!key.Multihash.Equals(block.Cid.Multihash))
                throw new ContentIntegrityException($"KuboContentStore.PutAsync: the node at {ApiAddress} stored the block for {block.Cid} under {key}, a different hash.");
            return true;
        }, _options.RequestTimeout, cancellationToken, content: () => FileContent(new ReadOnlyMemoryContent(block.Data)));
    }

    /// <inheritdoc/>
    public Task<Block> GetAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        if (cid.Multihash.Code == MultihashCode.Identity) return Task.FromResult(Block.Verify(cid, cid.Multihash.Digest.ToArray(), "identity CID"));
        return SendAsync("block/get", "block/get", $"arg={cid}", cid, async (response, ct) =>
        {
            var bytes = await ReadLimitedAsync(response, MaxBlockLength, ct).ConfigureAwait(false);
            return Block.Verify(cid, bytes, $"KuboContentStore: block/get from {ApiAddress}");
        }, _options.RequestTimeout, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>Asks <c>block/stat</c> with <c>offline=true</c> and <see cref="KuboContentStoreOptions.LookupTimeout"/>:
    /// a node that cannot find the block in that time answers no.</remarks>
    public async Task<bool> HasAsync(Cid cid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        if (cid.Multihash.Code == MultihashCode.Identity) return true;
        try
        {
            // The node gives up after LookupTimeout and says so; allow it time to say it.
            var clientTimeout = _options.LookupTimeout * 2 + TimeSpan.FromSeconds(1);
            return await SendAsync("block/stat", "block/stat", $"arg={cid}&offline=true", cid, (_, _) => Task.FromResult(true),
                clientTimeout, cancellationToken, nodeTimeout: _options.LookupTimeout).ConfigureAwait(false);
        }
        catch (ContentNotFoundException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public Task PinAsync(Cid root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        return SendAsync("pin/add", "pin/add", $"arg={root}&recursive=true", root, async (response, ct) =>
        {
            using var json = await ReadJsonAsync(response, ct).ConfigureAwait(false);
            if (json.RootElement.TryGetProperty("Pins", out var pins) && pins.ValueKind == JsonValueKind.Array)
                foreach (var p in pins.EnumerateArray())
                    if (ParseCid(p.GetString(), "pin/add").Multihash.Equals(root.Multihash)) return true;
            throw new IpfsNodeException($"KuboContentStore.PinAsync: the node at {ApiAddress} answered pin/add without pinning {root}.");
        }, _options.RequestTimeout, cancellationToken);
    }

    /// <summary>Adds a file as <c>ipfs add</c> (<c>/api/v0/add</c>, pinned), streaming it to the node while Vault
    /// imports the same bytes locally; the node's root CID must equal Vault's.</summary>
    /// <exception cref="ContentIntegrityException">The node computed a different CID for the bytes sent.</exception>
    public async Task<UnixFsImportResult> AddAsync(Stream content, UnixFsImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        options ??= UnixFsImportOptions.CidV1;
        var builder = new UnixFsDagBuilder(options, null);
        var tee = new TeeToBuilderStream(content, builder);
        string query = string.Create(CultureInfo.InvariantCulture,
            $"cid-version={options.CidVersion}&raw-leaves={(options.UseRawLeaves ? "true" : "false")}&chunker=size-{options.ChunkSize}&pin=true&progress=false")
            + (options.CidVersion == 1 ? "&cid-base=base32" : "");
        if (options.MaxLinksPerNode != UnixFsImportOptions.DefaultMaxLinksPerNode)
            ThrowHelper.ThrowArgument(nameof(options), "KuboContentStore.AddAsync: the RPC API cannot set the links per node; use the default 174.");
        Cid? nodeRoot = await TransferAsync("add", $"add?{query}", FileContent(new StreamContent(tee, 256 * 1024)), async (response, ct) =>
        {
            Cid? last = null;
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), Encoding.UTF8);
            while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is string line)
            {
                if (line.Length == 0) continue;
                using var json = JsonDocument.Parse(line);
                if (GetString(json.RootElement, "Hash") is string hash) last = ParseCid(hash, "add");
            }
            return last;
        }, null, cancellationToken).ConfigureAwait(false);
        var local = builder.Complete();
        if (nodeRoot is null) throw new IpfsNodeException($"KuboContentStore.AddAsync: the node at {ApiAddress} answered add without a CID.");
        if (!nodeRoot.Multihash.Equals(local.Root.Multihash) || nodeRoot.Codec != local.Root.Codec)
            throw new ContentIntegrityException($"KuboContentStore.AddAsync: the node at {ApiAddress} computed {nodeRoot} for the {tee.BytesRead} bytes sent, but they import to {local.Root}.");
        return local;
    }

    /// <summary>Streams the file under <paramref name="root"/> from <c>/api/v0/cat</c> into <paramref name="destination"/>,
    /// verifying before writing: the DAG's nodes come from block/get (verified), each raw leaf's bytes are cut from the
    /// cat stream by the lengths the verified parents give and hashed against the leaf's CID. Bytes held in dag-pb nodes
    /// are compared with the verified nodes. Returns the file's length.</summary>
    /// <exception cref="ContentIntegrityException">The node sent bytes that do not match the DAG.</exception>
    public async Task<ulong> CatAsync(Cid root, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(destination);
        return await TransferAsync("cat", $"cat?arg={root}", null, async (response, ct) =>
        {
            var cat = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            ulong total = await UnixFsWalker.WalkAsync(GetAsync, root, async (segment, token) =>
            {
                if (segment.RawLeaf is Cid leaf)
                {
                    int length = segment.Length is ulong l ? checked((int)l) : MaxBlockLength + 1;
                    var buffer = new byte[length];
                    int read = await cat.ReadAtLeastAsync(buffer, length, throwOnEndOfStream: false, token).ConfigureAwait(false);
                    if (segment.Length is null && read > MaxBlockLength)
                        throw new ContentIntegrityException($"KuboContentStore.CatAsync: the node at {ApiAddress} sent more than {MaxBlockLength} bytes for the single block {leaf}.");
                    if (segment.Length is not null && read < length)
                        throw new ContentIntegrityException($"KuboContentStore.CatAsync: cat from {ApiAddress} ended {length - read} bytes early in leaf {leaf}.");
                    var block = Block.Verify(leaf, buffer.AsMemory(0, read), $"KuboContentStore: cat from {ApiAddress}");
                    await destination.WriteAsync(block.Data, token).ConfigureAwait(false);
                    return (ulong)read;
                }
                var expected = segment.Inline;
                var got = new byte[expected.Length];
                int n = await cat.ReadAtLeastAsync(got, got.Length, throwOnEndOfStream: false, token).ConfigureAwait(false);
                if (n < got.Length || !expected.Span.SequenceEqual(got))
                    throw new ContentIntegrityException($"KuboContentStore.CatAsync: cat from {ApiAddress} differs from the verified dag-pb data of {root}.");
                await destination.WriteAsync(expected, token).ConfigureAwait(false);
                return (ulong)expected.Length;
            }, ct).ConfigureAwait(false);
            if (await cat.ReadAsync(new byte[1], ct).ConfigureAwait(false) != 0)
                throw new ContentIntegrityException($"KuboContentStore.CatAsync: cat from {ApiAddress} sent more bytes than the DAG of {root} holds.");
            return total;
        }, root, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports a CAR into the node (<c>/api/v0/dag/import</c>, roots pinned), after verifying the whole archive
    /// locally so that a bad archive never reaches the node. A non-seekable stream is spooled to a temporary file first.
    /// Returns the roots the node imported, which must be the header's.</summary>
    public async Task<IReadOnlyList<Cid>> ImportCarAsync(Stream car, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(car);
        Stream? spool = null;
        try
        {
            var source = car;
            if (!car.CanSeek)
            {
                spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                await car.CopyToAsync(spool, cancellationToken).ConfigureAwait(false);
                spool.Position = 0;
                source = spool;
            }
            long start = source.Position;
            var (header, _) = await CarArchive.VerifyAsync(source, cancellationToken).ConfigureAwait(false);
            source.Position = start;
            var roots = await TransferAsync("dag/import", "dag/import?pin-roots=true", FileContent(new StreamContent(source, 256 * 1024)), async (response, ct) =>
            {
                var found = new List<Cid>();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), Encoding.UTF8);
                while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is string line)
                {
                    if (line.Length == 0) continue;
                    using var json = JsonDocument.Parse(line);
                    if (!json.RootElement.TryGetProperty("Root", out var r)) continue;
                    if (GetString(r, "PinErrorMsg") is { Length: > 0 } pinError)
                        throw new IpfsNodeException($"KuboContentStore.ImportCarAsync: the node at {ApiAddress} imported the CAR but could not pin a root: {pinError}");
                    if (r.TryGetProperty("Cid", out var c) && c.ValueKind == JsonValueKind.Object) found.Add(ParseCid(GetString(c, "/"), "dag/import"));
                }
                return found;
            }, null, cancellationToken).ConfigureAwait(false);
            foreach (var expected in header.Roots)
                if (!roots.Exists(r => r.Multihash.Equals(expected.Multihash)))
                    throw new IpfsNodeException($"KuboContentStore.ImportCarAsync: the node at {ApiAddress} did not report root {expected} as imported.");
            return header.Roots;
        }
        finally
        {
            if (spool is not null) await spool.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
