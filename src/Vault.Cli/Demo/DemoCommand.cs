using System.CommandLine;
using Vault.Ckks;
using Vault.Cli.Backends;

namespace Vault.Cli.Demo;

/// <summary><c>vault demo</c>: the whole compute-to-data story on embedded defaults (see <see cref="DemoStory"/>);
/// <c>vault demo arithmetic</c>: CKKS arithmetic and its precision.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var iterations = new Option<int>("--iterations") { Description = "Training iterations the buyer asks for (the provider's keys are sized for them).", DefaultValueFactory = _ => 5 };
        var degree = new Option<int>("--degree") { Description = "Sigmoid degree the buyer asks for (3, 5 or 7).", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "Engine worker threads (0: one per core).", DefaultValueFactory = _ => 0 };
        var backend = BackendOption.CreateForEngine();
        var quick = new Option<bool>("--quick") { Description = "Small INSECURE parameters (N = 2^10) and 2 iterations, to check the flow in seconds; needs --allow-insecure." };
        var allowInsecure = PresetOption.AllowInsecure();
        var proofs = new Option<string>("--proofs") { Description = "Directory for the job's proof bundle.", DefaultValueFactory = _ => Path.Combine("proofs", "bundles") };
        var keep = new Option<bool>("--keep") { Description = "Keep the demo's working directory (keys, store, ledger) and print where it is." };
        var command = new Command("demo", "The compute-to-data story end to end: a hospital seals edin, a buyer trains on it, the gate releases the model, the receipt lands on a local chain, an auditor verifies it; then red-team jobs are refused.");
        foreach (var o in new Option[] { iterations, degree, threads, backend, quick, allowInsecure, proofs, keep }) command.Options.Add(o);
        command.Subcommands.Add(ArithmeticDemo.Create());
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(() => EthereumOptions.RunAsync(async () =>
        {
            bool small = parse.GetValue(quick);
            if (small && !parse.GetValue(allowInsecure))
                throw new ParameterException("--quick uses INSECURE test parameters; add --allow-insecure (it is for checking the flow, never for real data).");
            var settings = new DemoSettings
            {
                Iterations = small ? 2 : parse.GetValue(iterations),
                Degree = small ? 3 : parse.GetValue(degree),
                Threads = parse.GetValue(threads),
                Backend = parse.GetValue(backend)!,
                Parameters = small ? CkksParameters.CreateInsecure(QuickParameters) : null,
                ProofsDirectory = parse.GetValue(proofs)!,
                KeepWorkingDirectory = parse.GetValue(keep),
            };
            return await DemoStory.RunAsync(settings, cancellationToken).ConfigureAwait(false);
        })));
        return command;
    }

    /// <summary>INSECURE, for checking the flow only: N = 2^10, 7 levels of 40 bits (two logistic steps of degree 3).</summary>
    public static CkksParameterSpec QuickParameters { get; } = new()
    {
        LogN = 10,
        LogQ = [58, 40, 40, 40, 40, 40, 40, 40],
        LogP = [58, 58],
        LogDefaultScale = 40,
        Security = SecurityLevel.InsecureTestOnly,
    };
}

/// <summary>What the demo runs with.</summary>
internal sealed record DemoSettings
{
    public required int Iterations { get; init; }

    public required int Degree { get; init; }

    public int Threads { get; init; }

    /// <summary>The engine's <c>--backend</c> value (cpu, gpu, auto, ilgpu-cpu).</summary>
    public string Backend { get; init; } = "auto";

    /// <summary>Fixed parameters (tests); null: the planner's 128-bit set for the iterations.</summary>
    public CkksParameters? Parameters { get; init; }

    public required string ProofsDirectory { get; init; }

    public bool KeepWorkingDirectory { get; init; }
}
