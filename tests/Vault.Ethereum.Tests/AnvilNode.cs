using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Vault.Ethereum.Rpc;

namespace Vault.Ethereum.Tests;

/// <summary>A real anvil (Foundry 1.7.1) on a free loopback port, run directly from tests/peers/ethereum (not through
/// npx, so the PID is anvil's own). Ready when it answers <c>eth_chainId</c>; stopped by PID with SIGTERM (so
/// <c>--state</c> is dumped), then SIGKILL if it lingers.</summary>
internal sealed partial class AnvilNode : IDisposable
{
    public const ulong ChainId = 31337;

    private readonly string[] _extraArguments;
    private Process? _process;
    private readonly StringWriter _stderr = new();

    private AnvilNode(int port, string? stateFile, string[] extraArguments)
    {
        Port = port;
        StateFile = stateFile;
        _extraArguments = extraArguments;
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public string? StateFile { get; }

    public int Pid => _process?.Id ?? 0;

    /// <summary>Wall time from process start to the first answered eth_chainId.</summary>
    public TimeSpan StartTime { get; private set; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts anvil; <paramref name="stateFile"/> makes the chain survive restarts (<c>--state</c>: load at start, dump at exit).</summary>
    public static AnvilNode Start(string? stateFile = null, params string[] extraArguments)
    {
        var node = new AnvilNode(FreePort(), stateFile, extraArguments);
        node.Launch();
        return node;
    }

    /// <summary>Stops (SIGTERM, state dumped) and starts again on the same port with the same state file.</summary>
    public void Restart(params string[]? replaceExtraArguments)
    {
        Stop();
        Launch(replaceExtraArguments);
    }

    public void Stop()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15);                                    // SIGTERM: anvil dumps --state and exits
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill();
                _process.WaitForExit(5_000);
            }
        }
        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        _stderr.Dispose();
    }

    private void Launch(string[]? replaceExtraArguments = null)
    {
        var start = new ProcessStartInfo(EthereumPeers.Anvil)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])["--host", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--chain-id", ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent"])
            start.ArgumentList.Add(a);
        if (StateFile is not null)
        {
            start.ArgumentList.Add("--state");
            start.ArgumentList.Add(StateFile);
        }
        foreach (string a in replaceExtraArguments ?? _extraArguments) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        _process = Process.Start(start) ?? throw new Xunit.Sdk.XunitException("could not start anvil");
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.WriteLine(e.Data); };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        using var rpc = new JsonRpcClient(Url, requestTimeout: TimeSpan.FromSeconds(2));
        while (true)
        {
            if (_process.HasExited)
                throw new Xunit.Sdk.XunitException($"anvil exited with {_process.ExitCode} before answering: {_stderr}");
            try
            {
                rpc.ChainIdAsync(CancellationToken.None).GetAwaiter().GetResult();
                StartTime = clock.Elapsed;
                return;
            }
            catch (NodeUnreachableException) when (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
