using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Vault.Ipfs.Kubo;
using Vault.Ipfs.UnixFs;
using Vault.Testing;

namespace Vault.Ipfs.Tests;

/// <summary>Faults that need no daemon: nothing listening, a node that never answers, and a node (faked by an
/// HttpMessageHandler) that sends wrong bytes.</summary>
public sealed class KuboContentStoreFaultTests
{
    private static readonly Cid SomeCid = Block.Create(Multicodec.Raw, "some block"u8.ToArray()).Cid;

    [Fact]
    public async Task GetNodeInfoAsync_NothingListening_ThrowsIpfsNodeExceptionNamingTheAddress()
    {
        var address = new Uri($"http://127.0.0.1:{IpfsDaemonFixture.FreePort()}/");
        using var store = new KuboContentStore(new KuboContentStoreOptions { ApiAddress = address, MaxRetries = 2, RetryDelay = TimeSpan.FromMilliseconds(10) });
        var e = await Assert.ThrowsAsync<IpfsNodeException>(() => store.GetNodeInfoAsync());
        Assert.Contains(address.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains("cannot reach", e.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempts", e.Message, StringComparison.Ordinal);
        Assert.Contains("Start the daemon", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_NodeAcceptsButNeverAnswers_TimesOutWithIpfsNodeException()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var acceptLoop = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var client = await listener.AcceptTcpClientAsync(stop.Token);           // accept, read nothing, answer nothing
                    lock (accepted) accepted.Add(client);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        using var store = new KuboContentStore(new KuboContentStoreOptions
        {
            ApiAddress = address,
            RequestTimeout = TimeSpan.FromMilliseconds(300),
            MaxRetries = 1,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<IpfsNodeException>(() => store.GetAsync(SomeCid));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(550), TimeSpan.FromSeconds(10));
        Assert.Contains(address.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains("did not answer within 0.3 s", e.Message, StringComparison.Ordinal);
        // The accept loop may run late on a loaded machine: both connections are in the backlog; give it a moment.
        var deadline = Stopwatch.StartNew();
        while (Count(accepted) < 2 && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        Assert.True(Count(accepted) >= 2, "each attempt reached the listener");
        await stop.CancelAsync();
        await acceptLoop;
        foreach (var c in accepted) c.Dispose();
    }

    [Fact]
    public async Task GetAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var store = Fake(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage();
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync(SomeCid, cts.Token));
    }

    [Fact]
    public async Task GetAsync_NodeSendsOtherBytes_ThrowsContentIntegrityException()
    {
        using var store = Fake((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent("another block"u8.ToArray()) }));
        var e = await Assert.ThrowsAsync<ContentIntegrityException>(() => store.GetAsync(SomeCid));
        Assert.Contains("block/get", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_NodeTimesOutOnMissingCid_ThrowsContentNotFound()
    {
        string? query = null;
        using var store = Fake((request, _) =>
        {
            query = request.RequestUri!.Query;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError)
            {
                Content = new StringContent("""{"Message":"request timed out","Code":0,"Type":"error"}"""),
            });
        });
        await Assert.ThrowsAsync<ContentNotFoundException>(() => store.GetAsync(SomeCid));
        Assert.Contains("timeout=", query, StringComparison.Ordinal);  // the node is always told to give up
    }

    [Fact]
    public async Task GetAsync_Node503ThenOk_Retries()
    {
        int calls = 0;
        var data = "some block"u8.ToArray();
        using var store = Fake((_, _) => Task.FromResult(++calls < 3
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(data) }));
        Assert.Equal(data, (await store.GetAsync(SomeCid)).Data.ToArray());
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task PutAsync_SendsFormatAndCodecForJsIpfsAndKubo()
    {
        string? query = null;
        var block = Block.Create(Multicodec.Raw, "raw bytes"u8.ToArray());
        using var store = Fake((request, _) =>
        {
            Assert.Equal(HttpMethod.Post, request.Method);
            query = request.RequestUri!.Query;
            return Task.FromResult(Json($$"""{"Key":"{{block.Cid.ToString(MultibaseEncoding.Base58Btc)}}","Size":9}"""));
        });
        await store.PutAsync(block);
        Assert.Contains("format=raw", query, StringComparison.Ordinal);
        Assert.Contains("cid-codec=raw", query, StringComparison.Ordinal);
        Assert.Contains("mhtype=sha2-256", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAsync_NodeAnswersAnotherCid_ThrowsContentIntegrityException()
    {
        var wrong = UnixFsImporter.Compute("other"u8).Root;
        using var store = Fake(async (request, ct) =>
        {
            await request.Content!.CopyToAsync(Stream.Null, ct);  // the node reads the upload…
            return Json($$"""{"Name":"data","Hash":"{{wrong}}","Size":"5"}""");  // …and names other content
        });
        var e = await Assert.ThrowsAsync<ContentIntegrityException>(() => store.AddAsync(new MemoryStream("bytes"u8.ToArray())));
        Assert.Contains(wrong.ToString(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CatAsync_NodeSendsAlteredChunk_ThrowsBeforeWritingIt()
    {
        var backing = new MemoryContentStore();
        var data = TestData.Bytes(2 * TestData.Chunk + 10);
        var file = await UnixFsImporter.ImportAsync(new MemoryStream(data), backing);
        var altered = (byte[])data.Clone();
        altered[TestData.Chunk + 5] ^= 1;  // second chunk
        using var store = Fake(async (request, ct) =>
        {
            string path = request.RequestUri!.AbsolutePath;
            var arg = Cid.Parse(System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query)["arg"]!);
            if (path.EndsWith("/block/get", StringComparison.Ordinal))
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent((await backing.GetAsync(arg, ct)).Data.ToArray()) };
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(altered) };
        });
        var output = new MemoryStream();
        await Assert.ThrowsAsync<ContentIntegrityException>(() => store.CatAsync(file.Root, output));
        Assert.Equal(TestData.Chunk, output.Length);  // the verified first chunk only
    }

    private static HttpResponseMessage Json(string json) => new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static KuboContentStore Fake(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) =>
        new(new KuboContentStoreOptions { ApiAddress = new Uri("http://127.0.0.1:5001"), RetryDelay = TimeSpan.FromMilliseconds(1) },
            new HttpClient(new FakeHandler(answer)));

    private sealed class FakeHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => answer(request, cancellationToken);
    }

    private static int Count(List<TcpClient> clients)
    {
        lock (clients) return clients.Count;
    }
}
