using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Spectre.Console;
using Vault.Ckks;
using Vault.Cli.Bench;
using Vault.Ring.Gpu;

namespace Vault.Cli.Backends;

/// <summary><c>vault bench backend [--backend cpu|gpu|auto|ilgpu-cpu] [--n 13,14,15] [--quick]</c>: times NTT of all
/// limbs, multiply + relinearize and rotate through the device-resident CKKS evaluator on the chosen ring backend,
/// beside the host evaluator, on SEAL's default chains, and checks that the device results are bit-identical.</summary>
internal static class BackendBenchCommand
{
    /// <summary>Adds <c>backend</c> to the <c>bench</c> command and returns it.</summary>
    public static Command AddTo(Command bench)
    {
        ArgumentNullException.ThrowIfNull(bench);
        bench.Subcommands.Add(Create());
        return bench;
    }

    /// <summary>The <c>backend</c> subcommand.</summary>
    public static Command Create()
    {
        var backend = BackendOption.Create();
        var sizes = new Option<int[]>("--n")
        {
            Description = "log2(N) values, comma-separated, from 13, 14, 15 (SEAL's default 128-bit chains).",
            Arity = ArgumentArity.ExactlyOne,
            DefaultValueFactory = _ => [.. SealDefaultChains.SupportedLogN],
            CustomParser = ParseSizes,
        };
        var quick = new Option<bool>("--quick")
        {
            Description = "One timed call after one warm-up call per operation: a smoke run (the only bearable one on ilgpu-cpu beyond N = 2^13).",
        };
        var command = new Command("backend",
            "Time NTT (all limbs), multiply + relinearize and rotate through the device-resident CKKS evaluator on a ring backend, beside the host evaluator.");
        command.Options.Add(backend);
        command.Options.Add(sizes);
        command.Options.Add(quick);
        command.SetAction(parse => Run(BackendOption.FromName(parse.GetValue(backend)!)!.Value, parse.GetValue(sizes)!, parse.GetValue(quick) ? BackendBenchSettings.Quick : BackendBenchSettings.Full));
        return command;
    }

    private static int[] ParseSizes(ArgumentResult result)
    {
        var values = new List<int>();
        string supported = string.Join(", ", SealDefaultChains.SupportedLogN);
        foreach (var token in result.Tokens)
        {
            foreach (string part in token.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int logN) || !SealDefaultChains.SupportedLogN.Contains(logN))
                {
                    result.AddError($"--n: '{part}' is not supported. Give log2(N) values from {supported} (SEAL's default 128-bit chains).");
                    return [];
                }
                if (!values.Contains(logN)) values.Add(logN);
            }
        }
        if (values.Count == 0) result.AddError($"--n: give at least one of {supported}.");
        return [.. values];
    }

    private static int Run(BackendChoice choice, int[] sizes, BackendBenchSettings settings)
    {
        ResolvedBackend resolved;
        try
        {
            resolved = BackendOption.Resolve(choice);
        }
        catch (BackendUnavailableException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return CliErrors.BadInput;
        }

        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160);
        using var factory = new BackendFactory(resolved);
        string device;
        try
        {
            device = factory.DeviceName;
        }
        catch (GpuDeviceException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] --backend {BackendOption.NameOf(choice)}: {e.Message}");
            return CliErrors.BadInput;
        }
        AnsiConsole.MarkupLineInterpolated($"[bold]vault bench backend[/]: --backend {BackendOption.NameOf(choice)} → {device}; load average {LoadAverage() ?? "?"}; {Environment.ProcessorCount} cores for this process.");
        if (resolved.Note is { } note) AnsiConsole.MarkupLineInterpolated($"{note}");
        AnsiConsole.MarkupLineInterpolated(
            $"Each op: {settings.WarmupCalls} warm-up call(s), then the median of {settings.Repetitions} repetition(s) of ≥ {settings.MinRepetitionTime.TotalSeconds:0.##} s; operands resident on the device (uploads not timed).");
        if (settings == BackendBenchSettings.Quick)
            AnsiConsole.MarkupLine("[yellow]--quick: one timed call per operation; do not quote these numbers.[/]");

        bool allExact = true;
        foreach (int logN in sizes)
        {
            var parameters = CkksParameters.Create(SealDefaultChains.For(logN));
            AnsiConsole.MarkupLineInterpolated($"[grey]2^{logN}: keys and inputs…[/]");
            IReadOnlyList<BackendTiming> timings;
            using (var backend = factory.Create(parameters.Rlwe.Ring))
            using (var benchmark = new BackendBenchmark(parameters, backend, settings))
            {
                timings = benchmark.Run(op => AnsiConsole.MarkupLineInterpolated($"[grey]2^{logN}: {op}…[/]"));
            }
            GC.Collect();
            PrintTable(parameters, device, timings);
            foreach (var t in timings) allExact &= t.BitExact;
        }
        if (resolved.IsSimulator)
        {
            AnsiConsole.MarkupLine("[yellow]Note: the \"GPU\" here is ILGPU's CPU accelerator, a functional simulator of the kernels (one OS-thread task per simulated GPU thread, " +
                "log N − 10 launches per NTT from N = 2^11). These timings measure the simulator, not a GPU; they show that the GPU code path runs end to end and is bit-exact.[/]");
        }
        if (!allExact) AnsiConsole.MarkupLine("[red]error:[/] a device result differs from the host evaluator's (see the bit-exact column).");
        return allExact ? 0 : 1;
    }

    private static void PrintTable(CkksParameters parameters, string device, IReadOnlyList<BackendTiming> timings)
    {
        var table = new Table().Title(
            $"N = 2^{parameters.LogN}: SEAL's default chain, {parameters.MaxLevel + 1} data primes + {parameters.Rlwe.PPrimes.Length} special, ms per call (median)");
        table.AddColumn("op");
        foreach (string header in new[] { "device wall", "device CPU", "host wall", "host CPU", "device/host (wall)", "bit-exact" })
            table.AddColumn(new TableColumn(Markup.Escape(header)).RightAligned());
        foreach (var t in timings)
        {
            table.AddRow(
                Markup.Escape(t.Operation),
                Millis(t.DeviceWallMs),
                Millis(t.DeviceCpuMs),
                Millis(t.HostWallMs),
                Millis(t.HostCpuMs),
                t.HostWallMs > 0 ? Ratio(t.DeviceWallMs / t.HostWallMs) : "–",
                t.BitExact ? "[green]yes[/]" : "[red]NO[/]");
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"[grey]device = BackendCkksEvaluator (NTT: IRingBackend.Forward) on {device}; host = CkksEvaluator (NTT: RnsBasis.Forward). CPU = process CPU time per call over all threads (the ILGPU simulator runs several); wall includes waiting for a shared core and for the device.[/]");
    }

    private static string Ratio(double r) =>
        r.ToString(r < 10 ? "0.00" : r < 100 ? "0.0" : "0", CultureInfo.InvariantCulture) + "×";

    private static string Millis(double ms) => double.IsNaN(ms) ? "?" : ms switch
    {
        < 1 => ms.ToString("0.000", CultureInfo.InvariantCulture),
        < 100 => ms.ToString("0.00", CultureInfo.InvariantCulture),
        _ => ms.ToString("0", CultureInfo.InvariantCulture),
    };

    private static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
