using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Vault.Ipfs.Kubo;
using Xunit;

namespace Vault.Testing;

/// <summary>A real IPFS node for the tests: js-ipfs 0.66.1 (installed under tests/peers/ipfs by <c>make peers</c>),
/// initialised in a temporary repository with the test profile, bound to free loopback ports, started offline, and
/// killed by PID (its repository deleted) on dispose. One per test collection: each test project that uses it
/// declares its own <c>[CollectionDefinition]</c> (xunit finds those only in the test assembly). Installs nothing: when the peer is
/// missing the tests fail and say to run <c>make peers</c>.</summary>
public sealed class IpfsDaemonFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private readonly StringBuilder _log = new();
    private Process? _daemon;
    private DirectoryInfo? _repository;

    /// <summary>tests/peers/ipfs.</summary>
    public static string PeerDirectory => Path.Combine(Peers.Directory, "ipfs");

    /// <summary>The node's RPC API, e.g. http://127.0.0.1:41234/.</summary>
    public Uri ApiAddress { get; private set; } = null!;

    /// <summary>The node's repository (IPFS_PATH), for tests that tamper with stored blocks.</summary>
    public string RepositoryPath => _repository!.FullName;

    /// <summary>Seconds taken by <c>init</c> and by the daemon until <c>/api/v0/id</c> answered.</summary>
    public (double Init, double Start) Timings { get; private set; }

    /// <summary>A store talking to this node.</summary>
    public KuboContentStore CreateStore(TimeSpan? requestTimeout = null) => new(new KuboContentStoreOptions
    {
        ApiAddress = ApiAddress,
        RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(20),
        LookupTimeout = TimeSpan.FromSeconds(1),
    });

    public async Task InitializeAsync()
    {
        string cli = Path.Combine(PeerDirectory, "node_modules", "ipfs", "src", "cli.js");
        if (!File.Exists(cli))
            throw new Xunit.Sdk.XunitException($"js-ipfs is not installed in {PeerDirectory}: run `make peers` (make test does it).");
        _repository = Directory.CreateTempSubdirectory("vault-ipfs-repo-");
        var clock = Stopwatch.StartNew();
        using (var init = Start(cli, "init", "--profile", "test"))
        {
            if (!init.WaitForExit((int)StartDeadline.TotalMilliseconds))
            {
                init.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException($"js-ipfs init did not finish within {StartDeadline}:\n{_log}");
            }
            init.WaitForExit();
            if (init.ExitCode != 0) throw new Xunit.Sdk.XunitException($"js-ipfs init exited {init.ExitCode}:\n{_log}");
        }
        double initSeconds = clock.Elapsed.TotalSeconds;

        int api = FreePort(), gateway = FreePort(), rpc = FreePort();
        string configPath = Path.Combine(_repository.FullName, "config");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(configPath))!;
        var addresses = config["Addresses"]!.AsObject();
        addresses["API"] = $"/ip4/127.0.0.1/tcp/{api}";
        addresses["Gateway"] = $"/ip4/127.0.0.1/tcp/{gateway}";
        addresses["RPC"] = $"/ip4/127.0.0.1/tcp/{rpc}";
        addresses["Swarm"] = new JsonArray();
        config["Bootstrap"] = new JsonArray();
        await File.WriteAllTextAsync(configPath, config.ToJsonString());
        ApiAddress = new Uri($"http://127.0.0.1:{api}/");

        clock.Restart();
        _daemon = Start(cli, "daemon", "--offline");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (_daemon.HasExited) throw new Xunit.Sdk.XunitException($"js-ipfs daemon exited {_daemon.ExitCode} before answering:\n{_log}");
            if (clock.Elapsed > StartDeadline) throw new Xunit.Sdk.XunitException($"js-ipfs daemon did not answer /api/v0/id at {ApiAddress} within {StartDeadline}:\n{_log}");
            try
            {
                using var response = await http.PostAsync(new Uri(ApiAddress, "api/v0/id"), null);
                if (response.StatusCode == HttpStatusCode.OK) break;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow first answer.
            }
            await Task.Delay(100);
        }
        Timings = (initSeconds, clock.Elapsed.TotalSeconds);
    }

    public async Task DisposeAsync()
    {
        if (_daemon is not null)
        {
            try
            {
                if (!_daemon.HasExited)
                {
                    _daemon.Kill(entireProcessTree: true);
                    await _daemon.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token);
                }
            }
            finally
            {
                _daemon.Dispose();
            }
        }
        _repository?.Delete(recursive: true);
    }

    private Process Start(string cli, params string[] arguments)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = PeerDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--require");
        info.ArgumentList.Add(Path.Combine(PeerDirectory, "polyfill.cjs"));
        info.ArgumentList.Add(cli);
        foreach (string a in arguments) info.ArgumentList.Add(a);
        info.Environment["IPFS_PATH"] = _repository!.FullName;
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
