using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Spectre.Console;
using Vault.Ckks;
using Vault.Cli.Bench;

namespace Vault.Cli;

/// <summary><c>vault bench ckks</c>: times Vault's CKKS operations at N = 2^13, 2^14, 2^15 on SEAL's default chains,
/// runs the same operations through SEAL (npm node-seal) in the same run, and prints both beside the native SEAL
/// figures measured on this machine kind, with time ratios.</summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static Command Create()
    {
        var sizes = new Option<int[]>("--n")
        {
            Description = "log2(N) values, comma-separated, from 13, 14, 15 (SEAL's default 128-bit chains).",
            Arity = ArgumentArity.ExactlyOne,
            DefaultValueFactory = _ => [.. SealDefaultChains.SupportedLogN],
            CustomParser = ParseSizes,
        };
        var quick = new Option<bool>("--quick")
        {
            Description = "A smoke run (3 short repetitions, almost no warm-up): checks that everything runs; the numbers mean little.",
        };
        var noSeal = new Option<bool>("--no-seal")
        {
            Description = "Do not run SEAL through node-seal (no Node.js needed); the native anchor figures are still shown.",
        };
        var json = new Option<string?>("--json")
        {
            Description = "Also write every measurement (with spread and allocations) to this JSON file.",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads for the all-core column (default: the cores this process may use); 1 measures single-threaded only.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            Validators = { result => { if (result.GetValueOrDefault<int>() < 1) result.AddError("--threads: give at least 1."); } },
        };
        var peers = new Option<string?>("--peers")
        {
            Description = "The tests/peers folder holding seal/seal-bench.js and node_modules (default: found above the current directory).",
        };
        var ckks = new Command("ckks",
            "Time Vault's CKKS operations single-threaded and on all cores on SEAL's default chains, beside SEAL via node-seal (same run) and native SEAL 4.1 (anchor).");
        ckks.Options.Add(sizes);
        ckks.Options.Add(quick);
        ckks.Options.Add(noSeal);
        ckks.Options.Add(json);
        ckks.Options.Add(threads);
        ckks.Options.Add(peers);
        ckks.SetAction(parse => Run(
            parse.GetValue(sizes)!,
            parse.GetValue(quick) ? BenchmarkSettings.Quick : BenchmarkSettings.Full,
            parse.GetValue(noSeal),
            parse.GetValue(json),
            parse.GetValue(threads),
            parse.GetValue(peers)));
        var command = new Command("bench", "Micro-benchmarks.");
        command.Subcommands.Add(ckks);
        return command;
    }

    private static int[] ParseSizes(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return [.. SealDefaultChains.SupportedLogN];
        var values = new List<int>();
        string supported = string.Join(", ", SealDefaultChains.SupportedLogN);
        foreach (var token in result.Tokens)
        {
            foreach (string part in token.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int logN) || !SealDefaultChains.SupportedLogN.Contains(logN))
                {
                    result.AddError($"--n: '{part}' is not supported. Give log2(N) values from {supported} (N = 8192, 16384, 32768): " +
                        "SEAL's default chains and the native SEAL figures exist only for those.");
                    return [];
                }
                if (!values.Contains(logN)) values.Add(logN);
            }
        }
        if (values.Count == 0) result.AddError($"--n: give at least one of {supported}.");
        return [.. values];
    }

    private static int Run(int[] sizes, BenchmarkSettings settings, bool noSeal, string? jsonPath, int threads, string? peersDirectory)
    {
        NodeSealPeer? peer = null;
        if (!noSeal)
        {
            try
            {
                peer = NodeSealPeer.Locate(peersDirectory);
            }
            catch (InvalidOperationException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return 2;
            }
        }

        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);   // tables in log files
        var started = DateTimeOffset.UtcNow;
        var machine = DescribeMachine();
        PrintHeader(machine, settings, peer, threads);

        var reports = new List<BenchmarkSizeReport>();
        var peerErrors = new List<string>();
        var operations = BenchmarkOperations.All;
        var bar = AnsiConsole.Progress();
        bar.RefreshRate = TimeSpan.FromMilliseconds(500);   // keep the render thread quiet on a shared core
        bar.AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                foreach (int logN in sizes)
                {
                    int runs = threads > 1 ? 2 : 1;
                    var vaultTask = progress.AddTask($"Vault 2^{logN}: keys", maxValue: runs * operations.Count);
                    var parameters = CkksParameters.Create(SealDefaultChains.For(logN));
                    IReadOnlyList<OperationTiming> vault;
                    IReadOnlyList<OperationTiming>? allCore = null;
                    using (var harness = new CkksBenchmark(parameters, settings))
                    {
                        int done = 0;
                        vault = harness.Run(operations, 1, op =>
                        {
                            vaultTask.Value = done++;
                            vaultTask.Description = $"Vault 2^{logN}, 1 thread: {op.Title}";
                        });
                        if (threads > 1)
                        {
                            allCore = harness.Run(operations, threads, op =>
                            {
                                vaultTask.Value = done++;
                                vaultTask.Description = $"Vault 2^{logN}, {threads} threads: {op.Title}";
                            });
                        }
                        vaultTask.Value = runs * operations.Count;
                        vaultTask.Description = $"Vault 2^{logN}";
                    }
                    GC.Collect();

                    NodeSealResult? seal = null;
                    if (peer is not null)
                    {
                        var sealTask = progress.AddTask($"node-seal 2^{logN}", maxValue: 1);
                        sealTask.IsIndeterminate = true;
                        try
                        {
                            seal = peer.Run(logN, settings == BenchmarkSettings.Quick);
                        }
                        catch (InvalidOperationException e)
                        {
                            peerErrors.Add(e.Message);
                        }
                        sealTask.IsIndeterminate = false;
                        sealTask.Increment(1);
                    }
                    reports.Add(BuildReport(parameters, vault, allCore, threads, seal));
                }
            });

        foreach (var report in reports) PrintTable(report, settings);
        AnsiConsole.MarkupLineInterpolated($"[grey]Ratios are time ratios, Vault ÷ other: below 1.00× Vault is faster. Native figures: {SealNativeAnchor.Source}.[/]");
        foreach (string error in peerErrors) AnsiConsole.MarkupLineInterpolated($"[red]node-seal failed:[/] {error}");

        if (jsonPath is not null)
        {
            var document = new BenchmarkReport(string.Join(' ', Environment.GetCommandLineArgs()), started, machine, settings,
                SealNativeAnchor.Source, reports);
            try
            {
                File.WriteAllText(jsonPath, JsonSerializer.Serialize(document, JsonOptions));
                AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{jsonPath}[/].");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] could not write {jsonPath}: {e.Message}");
                return 1;
            }
        }
        return peerErrors.Count == 0 ? 0 : 1;
    }

    private static BenchmarkSizeReport BuildReport(CkksParameters parameters, IReadOnlyList<OperationTiming> vault,
        IReadOnlyList<OperationTiming>? allCore, int threads, NodeSealResult? seal)
    {
        var rows = new List<BenchmarkRow>();
        for (int i = 0; i < vault.Count; i++)
        {
            var timing = vault[i];
            var operation = BenchmarkOperations.Get(timing.Operation);
            OperationTiming? peer = seal is not null && seal.Timings.TryGetValue(timing.Operation, out var t) ? t : null;
            OperationTiming? all = allCore?[i];
            var anchor = SealNativeAnchor.Find(timing.Operation, parameters.LogN);
            rows.Add(new BenchmarkRow(operation.Id, operation.Title, timing, all, peer, anchor?.Generic, anchor?.Hexl,
                Ratio(timing.MedianMicroseconds, peer?.MedianMicroseconds),
                Ratio(timing.MedianMicroseconds, anchor?.Generic),
                Ratio(timing.MedianMicroseconds, anchor?.Hexl),
                all is null ? null : Ratio(all.MedianMicroseconds, peer?.MedianMicroseconds),
                all is null ? null : Ratio(all.MedianMicroseconds, anchor?.Generic)));
        }
        var primes = new List<string>();
        foreach (ulong q in parameters.Rlwe.QPrimes) primes.Add(q.ToString(CultureInfo.InvariantCulture));
        foreach (ulong p in parameters.Rlwe.PPrimes) primes.Add(p.ToString(CultureInfo.InvariantCulture));
        return new BenchmarkSizeReport(parameters.LogN, parameters.MaxLevel + 1, primes, seal?.Primes, allCore is null ? 1 : threads, rows);
    }

    private static double? Ratio(double vault, double? other) => other is > 0 ? vault / other.Value : null;

    private static void PrintHeader(MachineInfo machine, BenchmarkSettings settings, NodeSealPeer? peer, int threads)
    {
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]vault bench ckks[/]: {machine.Cpu ?? "unknown CPU"}, {machine.LogicalCores} logical cores, this process may use {machine.AffinityCores}; load average {machine.LoadAverageAtStart ?? "?"}; {machine.Runtime}");
        AnsiConsole.MarkupLineInterpolated(
            $"Vault single-threaded (1T){(threads > 1 ? $" and on {threads} threads (all-core, {threads}T)" : "")}. Each op: warm-up ≥ {settings.WarmupTime.TotalSeconds:0.##} s, then the median of {settings.Repetitions} repetitions of ≥ {settings.MinRepetitionTime.TotalSeconds:0.###} s.");
        AnsiConsole.MarkupLine(CpuClock.IsAvailable
            ? "Single-threaded times are process CPU time (Vault: clock_gettime; node-seal: process.cpuUsage), so waiting for a busy core is not counted; wall-clock medians are in --json."
            : "Single-threaded times are wall-clock time (process CPU time is not available on this OS).");
        if (threads > 1)
            AnsiConsole.MarkupLine("All-core times are wall-clock time (CPU time would add up the threads): they need idle cores. SEAL is single-threaded.");
        AnsiConsole.MarkupLineInterpolated(
            $"SEAL: {(peer is null ? "node-seal skipped (--no-seal)" : $"node-seal through Node.js {peer.NodeVersion}, same run, same parameters")}; native SEAL 4.1.2 from the anchor.");
        if (settings == BenchmarkSettings.Quick)
            AnsiConsole.MarkupLine("[yellow]--quick: a smoke run with tiny repetitions; do not quote these numbers.[/]");
        if (machine.AffinityCores > 1)
            AnsiConsole.MarkupLine("[grey]Tip: on a shared machine, pin a single-threaded run to one core (taskset -c 1 vault bench ckks --threads 1; node inherits the pinning).[/]");
    }

    private static void PrintTable(BenchmarkSizeReport report, BenchmarkSettings settings)
    {
        var table = new Table().Title(
            $"N = 2^{report.LogN}: SEAL's default chain, {report.DataLevelPrimes} data primes + 1 special prime, scale 2^40 (µs per call, median, {ClockName(report)})");
        table.AddColumn("op");
        bool allCore = report.Threads > 1;
        string nT = $"{report.Threads}T";
        var headers = allCore
            ? new[] { "Vault 1T µs", $"Vault {nT} µs", "node-seal µs", "1T/node-seal", $"{nT}/node-seal", "SEAL native µs", "1T/native", $"{nT}/native", "SEAL+HEXL µs", "1T/HEXL", "B/op 1T, " + nT }
            : ["Vault µs", "node-seal µs", "Vault/node-seal", "SEAL native µs", "Vault/native", "SEAL+HEXL µs", "Vault/HEXL", "Vault B/op"];
        foreach (string header in headers) table.AddColumn(new TableColumn(header).RightAligned());
        foreach (var row in report.Rows)
        {
            var cells = new List<string> { Markup.Escape(row.Title), Micros(row.Vault.MedianMicroseconds) };
            if (allCore) cells.Add(row.VaultAllCore is null ? "[grey]n/a[/]" : Micros(row.VaultAllCore.MedianMicroseconds));
            cells.Add(row.NodeSeal is null ? "[grey]n/a[/]" : Micros(row.NodeSeal.MedianMicroseconds));
            cells.Add(FormatRatio(row.VaultOverNodeSeal));
            if (allCore) cells.Add(FormatRatio(row.AllCoreOverNodeSeal));
            cells.Add(row.SealNativeMicroseconds is null ? "[grey]n/a[/]" : Micros(row.SealNativeMicroseconds.Value));
            cells.Add(FormatRatio(row.VaultOverNative));
            if (allCore) cells.Add(FormatRatio(row.AllCoreOverNative));
            cells.Add(row.SealHexlMicroseconds is null ? "[grey]n/a[/]" : Micros(row.SealHexlMicroseconds.Value));
            cells.Add(FormatRatio(row.VaultOverHexl));
            string bytes = Bytes(row.Vault.AllocatedBytesPerCall);
            cells.Add(allCore ? $"{bytes}, {Bytes(row.VaultAllCore?.AllocatedBytesPerCall)}" : bytes);
            table.AddRow([.. cells]);
        }
        AnsiConsole.Write(table);

        if (report.SealPrimes is { } sealPrimes)
        {
            if (sealPrimes.SequenceEqual(report.VaultPrimes))
                AnsiConsole.MarkupLine("[grey]Primes: identical to SEAL's BFVDefault chain.[/]");
            else if (sealPrimes.Order().SequenceEqual(report.VaultPrimes.Order()))
                AnsiConsole.MarkupLine("[grey]Primes: the same set as SEAL's BFVDefault; BFVDefault lists equal-size primes in descending order and Vault (like CoeffModulus::Create) in ascending order, so the special prime is another prime of the same size (same cost).[/]");
            else
                AnsiConsole.MarkupLine("[yellow]Primes differ from SEAL's BFVDefault chain: the comparison is not like for like.[/]");
        }
        var noisy = report.Rows
            .SelectMany(r => new[]
            {
                ("Vault", r.Title, r.Vault.CoefficientOfVariation),
                ($"Vault {report.Threads}T", r.Title, r.VaultAllCore?.CoefficientOfVariation ?? 0),
                ("node-seal", r.Title, r.NodeSeal?.CoefficientOfVariation ?? 0),
            })
            .Where(x => x.Item3 > 0.10)
            .Select(x => $"{x.Item1} {x.Title} ({x.Item3:P0})")
            .ToList();
        if (noisy.Count > 0 && settings != BenchmarkSettings.Quick)
            AnsiConsole.MarkupLineInterpolated($"[yellow]Noisy (CV over repetitions > 10%):[/] {string.Join("; ", noisy)}");
        AnsiConsole.WriteLine();
    }

    private static string ClockName(BenchmarkSizeReport report) =>
        (report.Rows.Count > 0 && report.Rows[0].Vault.Clock == "process-cpu" ? "1T: process CPU time" : "1T: wall-clock time")
        + (report.Threads > 1 ? $"; {report.Threads}T: wall-clock time" : "");

    private static string Bytes(double? perCall) => perCall is { } bytes ? bytes.ToString("0", CultureInfo.InvariantCulture) : "?";

    private static string Micros(double us) => us switch
    {
        < 10 => us.ToString("0.00", CultureInfo.InvariantCulture),
        < 100 => us.ToString("0.0", CultureInfo.InvariantCulture),
        _ => us.ToString("0", CultureInfo.InvariantCulture),
    };

    private static string FormatRatio(double? ratio)
    {
        if (ratio is not { } r) return "[grey]–[/]";
        string text = r < 10 ? r.ToString("0.00", CultureInfo.InvariantCulture) : r.ToString("0.0", CultureInfo.InvariantCulture);
        string color = r <= 1.0 ? "green" : r <= 2.0 ? "yellow" : "red";
        return $"[{color}]{text}×[/]";
    }

    private static MachineInfo DescribeMachine()
    {
        string? cpu = null, load = null;
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
            if (File.Exists("/proc/loadavg"))
                load = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            // Informational only.
        }
        // Environment.ProcessorCount already honours the affinity mask; count the machine's cores separately.
        int affinity = Environment.ProcessorCount, cores = affinity;
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                cores = Math.Max(affinity, File.ReadLines("/proc/cpuinfo").Count(l => l.StartsWith("processor", StringComparison.Ordinal)));
        }
        catch (IOException)
        {
            // Informational only.
        }
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
            affinity = BitOperations.PopCount((ulong)Process.GetCurrentProcess().ProcessorAffinity);
        return new MachineInfo(cpu, cores, affinity, load, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription);
    }
}
