using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Vault.Ipfs.Kubo;

public sealed partial class KuboContentStore
{
    /// <summary>One small request, with a per-attempt timeout and retries. <paramref name="read"/> consumes the
    /// response within the attempt, so the timeout covers the body too.</summary>
    private async Task<T> SendAsync<T>(string operation, string command, string? query, Cid? subject,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read, TimeSpan timeout, CancellationToken cancellationToken,
        Func<HttpContent>? content = null, TimeSpan? nodeTimeout = null)
    {
        // Tell the node to give up a little before we do, so that it answers "timed out" rather than nothing.
        var forNode = nodeTimeout ?? TimeSpan.FromMilliseconds(Math.Max(100, timeout.TotalMilliseconds * 0.8));
        var uri = Url(command, query, forNode);
        try
        {
            return await _retry.ExecuteAsync(async token =>
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                attempt.CancelAfter(timeout);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content?.Invoke() };
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
                    if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                        throw new TransientStatusException(response.StatusCode);
                    await ThrowIfErrorAsync(operation, response, subject, attempt.Token).ConfigureAwait(false);
                    return await read(response, attempt.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (!token.IsCancellationRequested)
                {
                    throw new AttemptTimeoutException(e);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(operation, e);
        }
        catch (AttemptTimeoutException e)
        {
            throw new IpfsNodeException($"KuboContentStore: {operation}: the IPFS node at {ApiAddress} did not answer within {timeout.TotalSeconds:0.###} s ({Attempts}). Check that the daemon is running and not stalled, or raise {nameof(KuboContentStoreOptions.RequestTimeout)}.", e);
        }
        catch (TransientStatusException e)
        {
            throw new IpfsNodeException($"KuboContentStore: {operation}: the IPFS node at {ApiAddress} kept answering {(int)e.StatusCode} {e.StatusCode} ({Attempts}). Check the daemon or the proxy in front of it.", e);
        }
    }

    /// <summary>One streaming request (add, cat, dag/import): not retried, bounded by the transfer timeout.</summary>
    private async Task<T> TransferAsync<T>(string operation, string commandAndQuery, HttpContent? content,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read, Cid? subject, CancellationToken cancellationToken)
    {
        int q = commandAndQuery.IndexOf('?', StringComparison.Ordinal);
        var uri = q < 0 ? Url(commandAndQuery, null, _options.TransferTimeout) : Url(commandAndQuery[..q], commandAndQuery[(q + 1)..], _options.TransferTimeout);
        using var transfer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        transfer.CancelAfter(_options.TransferTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, transfer.Token).ConfigureAwait(false);
            await ThrowIfErrorAsync(operation, response, subject, transfer.Token).ConfigureAwait(false);
            return await read(response, transfer.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(operation, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IpfsNodeException($"KuboContentStore: {operation}: the transfer with the IPFS node at {ApiAddress} did not finish within {_options.TransferTimeout}. Check the daemon, or raise {nameof(KuboContentStoreOptions.TransferTimeout)}.", e);
        }
    }

    private string Attempts => _options.MaxRetries == 0 ? "1 attempt" : $"{_options.MaxRetries + 1} attempts";

    private IpfsNodeException Unreachable(string operation, HttpRequestException e) =>
        new($"KuboContentStore: {operation}: cannot reach the IPFS node at {ApiAddress} ({e.Message}; {Attempts}). Start the daemon (`ipfs daemon`) or correct {nameof(KuboContentStoreOptions.ApiAddress)}.", e);

    private Uri Url(string command, string? query, TimeSpan nodeTimeout)
    {
        string timeout = string.Create(CultureInfo.InvariantCulture, $"timeout={(long)Math.Ceiling(nodeTimeout.TotalMilliseconds)}ms");
        var baseUri = ApiAddress.AbsoluteUri.EndsWith('/') ? ApiAddress : new Uri(ApiAddress.AbsoluteUri + "/");
        return new Uri(baseUri, $"api/v0/{command}?{(string.IsNullOrEmpty(query) ? "" : query + "&")}{timeout}");
    }

    /// <summary>Maps an error answer to the right exception: for a request about one CID, "not found" and the node's own
    /// timeout mean the node does not have it.</summary>
    private async Task ThrowIfErrorAsync(string operation, HttpResponseMessage response, Cid? subject, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        string body = Encoding.UTF8.GetString(await ReadLimitedAsync(response, 16 * 1024, cancellationToken, truncate: true).ConfigureAwait(false));
        string message = body;
        try
        {
            using var json = JsonDocument.Parse(body);
            message = GetString(json.RootElement, "Message") ?? body;
        }
        catch (JsonException)
        {
            // Not JSON: keep the raw text.
        }
        if (subject is not null && response.StatusCode == HttpStatusCode.InternalServerError &&
            (message.Contains("not found", StringComparison.OrdinalIgnoreCase) || message.Contains("timed out", StringComparison.OrdinalIgnoreCase)
             || message.Contains("timeout", StringComparison.OrdinalIgnoreCase) || message.Contains("could not find", StringComparison.OrdinalIgnoreCase)
             || message.Contains("deadline exceeded", StringComparison.OrdinalIgnoreCase)))
            throw new ContentNotFoundException($"KuboContentStore: {operation}: the IPFS node at {ApiAddress} does not have {subject} (it answered: {message}).");
        throw new IpfsNodeException($"KuboContentStore: {operation}: the IPFS node at {ApiAddress} answered {(int)response.StatusCode}: {message}");
    }

    private static MultipartFormDataContent FileContent(HttpContent part)
    {
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { part, "file", "data" } };
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken, bool truncate = false)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + n > limit)
                {
                    if (truncate) { buffer.Write(chunk, 0, (int)(limit - buffer.Length)); break; }
                    throw new IpfsNodeException($"KuboContentStore: the node sent more than {limit} bytes where one block was expected.");
                }
                buffer.Write(chunk, 0, n);
            }
            return buffer.ToArray();
        }
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        JsonDocument.Parse(await ReadLimitedAsync(response, 1024 * 1024, cancellationToken).ConfigureAwait(false));

    private static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private Cid ParseCid(string? text, string operation)
    {
        if (text is null) throw new IpfsNodeException($"KuboContentStore: {operation}: the node at {ApiAddress} answered without a CID.");
        try
        {
            return Cid.Parse(text);
        }
        catch (CidFormatException e)
        {
            throw new IpfsNodeException($"KuboContentStore: {operation}: the node at {ApiAddress} answered with an unreadable CID: {e.Message}", e);
        }
    }

    /// <summary>One attempt ran out of time (retried; the caller's own cancellation is not).</summary>
    private sealed class AttemptTimeoutException(Exception inner) : Exception("attempt timed out", inner);

    /// <summary>502/503/504: worth retrying.</summary>
    private sealed class TransientStatusException(HttpStatusCode statusCode) : Exception($"HTTP {(int)statusCode}")
    {
        public HttpStatusCode StatusCode { get; } = statusCode;
    }
}
