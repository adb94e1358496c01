using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vault.Cli.Backends;
using Vault.Cli.Learning;
using Vault.Engine.Jobs;
using Vault.Ipfs;

namespace Vault.Cli.Jobs;

/// <summary><c>vault job submit</c> (the buyer) and <c>vault job run</c> (the isolated engine, public material only).</summary>
internal static class JobCommand
{
    public static Command Create()
    {
        var command = new Command("job", "Submit a job on a sealed dataset (buyer) or run one (engine).");
        command.Subcommands.Add(Submit());
        command.Subcommands.Add(Run());
        return command;
    }

    private static Command Submit()
    {
        var dataset = new Option<string>("--dataset") { Description = "The sealed dataset's CID.", Required = true };
        var algorithm = new Option<string>("--algorithm") { Description = $"One of: {string.Join(", ", AlgorithmCatalog.All.Keys)}.", DefaultValueFactory = _ => "logistic-regression" };
        var parameters = new Option<string[]>("--param") { Description = "A hyperparameter, name=value (repeatable), e.g. --param iterations=7.", AllowMultipleArgumentsPerToken = true };
        var keystore = EthereumOptions.Keystore();
        keystore.Description = "The buyer's keystore: its address asks, its public key receives the released output. " + keystore.Description;
        var stores = new StoreOptions();
        var command = new Command("submit", "Store a job record (the buyer's request) and print its CID and job id.");
        foreach (var o in new Option[] { dataset, algorithm, parameters, keystore }) command.Options.Add(o);
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(() => EthereumOptions.RunAsync(async () =>
        {
            using var key = EthereumOptions.OpenKeystore(parse.GetValue(keystore)!);
            var hyper = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (string p in parse.GetValue(parameters) ?? [])
            {
                int eq = p.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || !double.TryParse(p[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                    throw new UserError($"--param {p}: write name=value, e.g. iterations=7.");
                hyper[p[..eq]] = v;
            }
            var descriptor = AlgorithmCatalog.Find(parse.GetValue(algorithm)!);
            descriptor.Check(hyper);                                         // unknown names fail here, before anything is stored
            var job = new JobSpec
            {
                Dataset = Cid.Parse(parse.GetValue(dataset)!),
                Algorithm = descriptor.Id,
                Hyperparameters = hyper.ToImmutableSortedDictionary(StringComparer.Ordinal),
                Buyer = key.Address,
                BuyerPublicKey = Convert.ToHexStringLower(key.PublicKey.Span),
                Nonce = JobSpec.NewNonce(),
            };
            var store = stores.Open(parse, out _);
            try
            {
                var cid = await new IsolatedEngine(store).SubmitAsync(job, cancellationToken).ConfigureAwait(false);
                AnsiConsole.MarkupLineInterpolated($"job id [bold]{job.JobId}[/] ({descriptor.Id}, {job.Hyperparameters.Count} hyperparameters, buyer {job.Buyer})");
                Console.WriteLine(cid);
                return 0;
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
        })));
        return command;
    }

    private static Command Run()
    {
        var jobCid = new Argument<string>("job") { Description = "The job record's CID (printed by vault job submit)." };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0: one per core).", DefaultValueFactory = _ => 0 };
        var backend = BackendOption.CreateForEngine();
        var allowInsecure = PresetOption.AllowInsecure();
        var stores = new StoreOptions();
        var command = new Command("run", "Run a job in the isolated engine (public keys only): verify every input, train, store the output and the transcript; print the transcript's CID.");
        command.Arguments.Add(jobCid);
        command.Options.Add(threads);
        command.Options.Add(backend);
        command.Options.Add(allowInsecure);
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            using var backends = BackendFactory.OpenForEngine(parse.GetValue(backend)!);
            var store = stores.Open(parse, out _);
            try
            {
                var engine = new IsolatedEngine(store, parse.GetValue(threads), parse.GetValue(allowInsecure), backends.EngineBackend);
                var job = await engine.LoadJobAsync(Cid.Parse(parse.GetValue(jobCid)!), cancellationToken).ConfigureAwait(false);
                JobRun? run = null;
                await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask("verify and load", maxValue: 1);
                        run = await engine.RunAsync(job, new SynchronousProgress<JobProgress>(p =>
                        {
                            task.Description = p.Stage == "train" ? $"iteration {p.Done}/{p.Total}" : p.Stage;
                            if (p.Stage == "train") { task.MaxValue = p.Total; task.Value = p.Done; }
                            if (p.Stage == "done") task.Value = task.MaxValue;
                        }), cancellationToken).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                var t = run!.Transcript;
                var table = new Table().Title($"job {t.JobId}").AddColumns("", "");
                table.AddRow("algorithm", $"{t.Algorithm} ({t.AlgorithmDigest[..19]}…)");
                table.AddRow("dataset", $"{t.Dataset} ({t.Rows} rows, {t.Features} features)");
                table.AddRow("output", $"{t.Output} ({t.OutputValues} {t.OutputKind} values, sha256 {t.OutputSha256})");
                table.AddRow("times (s)", string.Join(", ", t.Timings.Select(p => $"{p.Key} {p.Value.ToString("F2", CultureInfo.InvariantCulture)}")));
                AnsiConsole.Write(table);
                Console.WriteLine(run.TranscriptCid);
                return 0;
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
        }));
        return command;
    }
}
