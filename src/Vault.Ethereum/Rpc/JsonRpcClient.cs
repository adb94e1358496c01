using System.Globalization;
using System.Net.Http.Headers;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vault.Ethereum.Abi;

namespace Vault.Ethereum.Rpc;

/// <summary><see cref="IEthereumRpc"/> over HTTP JSON-RPC 2.0. Node errors become typed exceptions: reverts (with the
/// revert data decoded), nonce too low, underpriced, and an unreachable or silent node (naming the URL).
/// Thread-safe; one instance per endpoint.</summary>
public sealed class JsonRpcClient : IEthereumRpc, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private long _nextId;

    /// <summary>Creates a client for <paramref name="endpoint"/>. Without <paramref name="httpClient"/> it owns one with
    /// <paramref name="requestTimeout"/> (default 30 s) per request.</summary>
    public JsonRpcClient(Uri endpoint, HttpClient? httpClient = null, TimeSpan? requestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)
            ThrowHelper.ThrowArgument(nameof(endpoint), $"JsonRpcClient: {endpoint} is not an http(s) URL.");
        Endpoint = endpoint;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = requestTimeout ?? TimeSpan.FromSeconds(30) };
    }

    /// <summary>The node's URL.</summary>
    public Uri Endpoint { get; }

    /// <inheritdoc/>
    public async Task<ulong> ChainIdAsync(CancellationToken cancellationToken) =>
        (ulong)Quantity(await SendAsync("eth_chainId", [], cancellationToken).ConfigureAwait(false), "eth_chainId");

    /// <inheritdoc/>
    public async Task<ulong> BlockNumberAsync(CancellationToken cancellationToken) =>
        (ulong)Quantity(await SendAsync("eth_blockNumber", [], cancellationToken).ConfigureAwait(false), "eth_blockNumber");

    /// <inheritdoc/>
    public async Task<ulong> GetTransactionCountAsync(EthereumAddress account, BlockTag block, CancellationToken cancellationToken) =>
        (ulong)Quantity(await SendAsync("eth_getTransactionCount", [account.ToString(), block.ToString()], cancellationToken).ConfigureAwait(false), "eth_getTransactionCount");

    /// <inheritdoc/>
    public async Task<BigInteger> GasPriceAsync(CancellationToken cancellationToken) =>
        Quantity(await SendAsync("eth_gasPrice", [], cancellationToken).ConfigureAwait(false), "eth_gasPrice");

    /// <inheritdoc/>
    public async Task<BigInteger> MaxPriorityFeePerGasAsync(CancellationToken cancellationToken) =>
        Quantity(await SendAsync("eth_maxPriorityFeePerGas", [], cancellationToken).ConfigureAwait(false), "eth_maxPriorityFeePerGas");

    /// <inheritdoc/>
    public async Task<FeeHistory> FeeHistoryAsync(int blockCount, BlockTag newest, IReadOnlyList<double> rewardPercentiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rewardPercentiles);
        var percentiles = new JsonArray([.. rewardPercentiles.Select(p => (JsonNode)JsonValue.Create(p))]);
        var result = await SendAsync("eth_feeHistory", [Hex.EncodeQuantity(blockCount), newest.ToString(), percentiles], cancellationToken).ConfigureAwait(false);
        var o = result?.AsObject() ?? throw Malformed("eth_feeHistory");
        var baseFees = o["baseFeePerGas"]?.AsArray().Select(n => Quantity(n, "eth_feeHistory")).ToList() ?? [];
        var rewards = o["reward"]?.AsArray().Select(r => (IReadOnlyList<BigInteger>)[.. r!.AsArray().Select(n => Quantity(n, "eth_feeHistory"))]).ToList() ?? [];
        return new FeeHistory((ulong)Quantity(o["oldestBlock"], "eth_feeHistory"), baseFees, rewards);
    }

    /// <inheritdoc/>
    public async Task<ulong> EstimateGasAsync(CallRequest request, CancellationToken cancellationToken) =>
        (ulong)Quantity(await SendAsync("eth_estimateGas", [CallObject(request)], cancellationToken).ConfigureAwait(false), "eth_estimateGas");

    /// <inheritdoc/>
    public async Task<byte[]> CallAsync(CallRequest request, BlockTag block, CancellationToken cancellationToken) =>
        Data(await SendAsync("eth_call", [CallObject(request), block.ToString()], cancellationToken).ConfigureAwait(false), "eth_call");

    /// <inheritdoc/>
    public async Task<Bytes32> SendRawTransactionAsync(ReadOnlyMemory<byte> rawTransaction, CancellationToken cancellationToken) =>
        Hash(await SendAsync("eth_sendRawTransaction", [Hex.Encode(rawTransaction.Span)], cancellationToken).ConfigureAwait(false), "eth_sendRawTransaction");

    /// <inheritdoc/>
    public async Task<TransactionReceipt?> GetTransactionReceiptAsync(Bytes32 transactionHash, CancellationToken cancellationToken)
    {
        var result = await SendAsync("eth_getTransactionReceipt", [transactionHash.ToString()], cancellationToken).ConfigureAwait(false);
        if (result is null) return null;
        const string m = "eth_getTransactionReceipt";
        var o = result.AsObject();
        return new TransactionReceipt(
            Hash(o["transactionHash"], m),
            (ulong)Quantity(o["blockNumber"], m),
            Hash(o["blockHash"], m),
            Quantity(o["status"], m) == 1,
            Address(o["from"], m),
            o["to"] is null ? null : Address(o["to"], m),
            o["contractAddress"] is null ? null : Address(o["contractAddress"], m),
            (ulong)Quantity(o["gasUsed"], m),
            o["effectiveGasPrice"] is null ? BigInteger.Zero : Quantity(o["effectiveGasPrice"], m),
            [.. (o["logs"]?.AsArray() ?? []).Select(l => Log(l!, m))]);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<LogEntry>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var o = new JsonObject
        {
            ["fromBlock"] = BlockTag.Number(filter.FromBlock).ToString(),
            ["toBlock"] = filter.ToBlock is { } to ? BlockTag.Number(to).ToString() : "latest",
        };
        if (filter.Address is { } address) o["address"] = address.ToString();
        if (filter.Topics.Count > 0) o["topics"] = new JsonArray([.. filter.Topics.Select(t => t is { } topic ? (JsonNode)topic.ToString() : null)]);
        var result = await SendAsync("eth_getLogs", [o], cancellationToken).ConfigureAwait(false);
        return [.. (result?.AsArray() ?? []).Select(l => Log(l!, "eth_getLogs"))];
    }

    /// <inheritdoc/>
    public async Task<byte[]> GetCodeAsync(EthereumAddress address, BlockTag block, CancellationToken cancellationToken) =>
        Data(await SendAsync("eth_getCode", [address.ToString(), block.ToString()], cancellationToken).ConfigureAwait(false), "eth_getCode");

    /// <summary>Sends one JSON-RPC request and returns its <c>result</c> (null when the node answered null).</summary>
    /// <exception cref="EthereumRpcException">The node answered with an error (mapped to a subclass where one fits).</exception>
    /// <exception cref="NodeUnreachableException">No answer.</exception>
    public async Task<JsonNode?> SendAsync(string method, JsonArray parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(parameters);
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _nextId),
            ["method"] = method,
            ["params"] = parameters,
        };
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        string body;
        int status;
        try
        {
            using var response = await _http.PostAsync(Endpoint, content, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new NodeUnreachableException(method, Endpoint, e.InnerException?.Message ?? e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NodeUnreachableException(method, Endpoint, $"no answer within {_http.Timeout.TotalSeconds:0.#} s", e);
        }
        JsonObject reply;
        try
        {
            reply = JsonNode.Parse(body)?.AsObject() ?? throw new JsonException("empty body");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new EthereumRpcException($"{method}: the node at {Endpoint} answered HTTP {status} without a JSON-RPC reply: {Shorten(body)}", e);
        }
        if (reply["error"] is JsonObject error) throw MapError(method, error);
        return reply["result"];
    }

    /// <summary>Maps a JSON-RPC error object to the exception callers act on.</summary>
    internal static EthereumRpcException MapError(string method, JsonObject error)
    {
        long code = error["code"] is JsonValue c && c.TryGetValue<long>(out long v) ? v : 0;
        string message = error["message"]?.ToString() ?? "unknown error";
        string lower = message.ToLowerInvariant();
        byte[]? revertData = RevertData(error["data"]);
        if (revertData is not null || code == 3 || lower.Contains("revert", StringComparison.Ordinal))
            return new ContractRevertException(method, RevertReason.Decode(revertData ?? []));
        if (lower.Contains("nonce too low", StringComparison.Ordinal) || lower.Contains("nonce has already been used", StringComparison.Ordinal))
            return new NonceTooLowException(method, code, message);
        if (lower.Contains("underpriced", StringComparison.Ordinal) || lower.Contains("less than block base fee", StringComparison.Ordinal)
            || lower.Contains("fee cap less than", StringComparison.Ordinal) || lower.Contains("max fee per gas less than", StringComparison.Ordinal))
            return new TransactionUnderpricedException(method, code, message);
        return new EthereumRpcException(method, code, message);
    }

    /// <summary>Revert data is <c>error.data</c> as hex, or nested as <c>error.data.data</c> by some nodes.</summary>
    private static byte[]? RevertData(JsonNode? data)
    {
        string? text = data switch
        {
            JsonValue value when value.TryGetValue<string>(out string? s) => s,
            JsonObject o => o["data"]?.ToString(),
            _ => null,
        };
        if (text is null || !text.StartsWith("0x", StringComparison.Ordinal)) return null;
        try
        {
            return Hex.Decode(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static LogEntry Log(JsonNode node, string method)
    {
        var o = node.AsObject();
        return new LogEntry(
            Address(o["address"], method),
            [.. (o["topics"]?.AsArray() ?? []).Select(t => Hash(t, method))],
            Data(o["data"], method),
            (ulong)Quantity(o["blockNumber"], method),
            Hash(o["transactionHash"], method),
            (ulong)Quantity(o["logIndex"], method),
            o["removed"] is JsonValue r && r.TryGetValue<bool>(out bool removed) && removed);
    }

    private static JsonObject CallObject(CallRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var o = new JsonObject();
        if (request.From is { } from) o["from"] = from.ToString();
        if (request.To is { } to) o["to"] = to.ToString();
        o["input"] = Hex.Encode(request.Data.Span);
        if (!request.Value.IsZero) o["value"] = Hex.EncodeQuantity(request.Value);
        if (request.Gas is { } gas) o["gas"] = Hex.EncodeQuantity(gas);
        return o;
    }

    private static BigInteger Quantity(JsonNode? node, string method)
    {
        try
        {
            return Hex.DecodeQuantity(node?.GetValue<string>() ?? throw Malformed(method));
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new EthereumRpcException($"{method}: the node returned a malformed quantity '{Shorten(node?.ToJsonString() ?? "null")}'.", e);
        }
    }

    private static byte[] Data(JsonNode? node, string method)
    {
        try
        {
            return Hex.Decode(node?.GetValue<string>() ?? throw Malformed(method));
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new EthereumRpcException($"{method}: the node returned malformed data.", e);
        }
    }

    private static Bytes32 Hash(JsonNode? node, string method) => new(Data(node, method) is { Length: 32 } b ? b : throw Malformed(method));

    private static EthereumAddress Address(JsonNode? node, string method)
    {
        byte[] b = Data(node, method);
        return b.Length == 20 ? new EthereumAddress(b) : throw Malformed(method);
    }

    private static EthereumRpcException Malformed(string method) => new($"{method}: the node returned a malformed or missing result.");

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    /// <summary>Disposes the owned HTTP client.</summary>
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    /// <summary>The endpoint.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"JsonRpcClient({Endpoint})");
}
