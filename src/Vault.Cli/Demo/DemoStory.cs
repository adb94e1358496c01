using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Spectre.Console;
using Vault.Cli.Backends;
using Vault.Cli.Learning;
using Vault.Engine.Audit;
using Vault.Engine.Datasets;
using Vault.Engine.Jobs;
using Vault.Ethereum;
using Vault.Ethereum.Contracts;
using Vault.Ethereum.Rpc;
using Vault.Gate;
using Vault.Ipfs;
using Vault.Ipfs.UnixFs;
using Vault.ML;

namespace Vault.Cli.Demo;

/// <summary>The demo's story, each step with the same library calls the individual commands make: a hospital makes
/// keys and seals <c>datasets/edin</c> under <c>enclave-policies/hospital-default.yaml</c> (its validity moved to
/// today) into a local content store; a local anvil chain gets the VaultReceipts contract and the dataset's
/// registration; a buyer submits a logistic-regression job; the isolated engine trains on the ciphertexts with public
/// keys only; the provider's gate re-executes, decrypts the model with flooding, encrypts it to the buyer and
/// publishes the signed receipt; the buyer opens the model and scores edin; an auditor re-checks everything from the
/// chain, re-executes the job and writes a proof bundle that is then verified offline; and red-team requests (a replay,
/// a forged transcript asking to decrypt patient rows) are refused with their rule ids.</summary>
internal static partial class DemoStory
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
        string repository = LocalChain.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("vault-demo-");
        var times = new List<(string Stage, double Seconds)>();
        var clock = Stopwatch.StartNew();
        double Lap(string stage)
        {
            double s = clock.Elapsed.TotalSeconds;
            times.Add((stage, s));
            clock.Restart();
            return s;
        }
        try
        {
            AnsiConsole.Write(new Rule("[bold]Vault: compute-to-data, end to end[/]").LeftJustified());
            AnsiConsole.MarkupLineInterpolated($"working directory {work.FullName} (keys, content store, gate ledger); removed at the end{(settings.KeepWorkingDirectory ? " unless --keep" : "")}");

            // 1. The hospital: keys sized for the jobs its policy allows, then the sealed dataset.
            var parameters = settings.Parameters ?? JobPlanner.Plan(new JobRequest { Kind = JobKind.LogisticRegression, Rows = 1, Features = 1, Iterations = settings.Iterations, Degree = settings.Degree }).Parameters;
            Step(1, "hospital", $"CKKS keys: N = 2^{parameters.LogN}, {parameters.MaxLevel} levels, log2(QP) = {parameters.LogQP:F0}, {(parameters.IsSecure ? "128-bit secure" : "[red]INSECURE (--quick)[/]")}");
            ProviderKeyDirectory keys = null!;
            AnsiConsole.Status().Start("generating the secret, public, relinearization and Galois keys", _ =>
                keys = ProviderKeyDirectory.Generate(Path.Combine(work.FullName, "hospital-keys"), parameters));
            keys = ProviderKeyDirectory.Open(keys.Directory, allowInsecure: !parameters.IsSecure);
            Lap("keys");
            var store = new FileSystemContentStore(Path.Combine(work.FullName, "store"));
            string policyText = PolicyForToday(File.ReadAllText(Path.Combine(repository, "enclave-policies", "hospital-default.yaml")));
            string edin = Path.Combine(repository, "datasets", "edin", "edin.txt");
            var references = await keys.PublishAsync(store, cancellationToken).ConfigureAwait(false);
            SealResult sealedSet = null!;
            await AnsiConsole.Status().StartAsync("sealing datasets/edin/edin.txt (normalise, pack, encrypt)", async _ =>
                sealedSet = await DatasetSealer.SealAsync(new SealRequest
                {
                    OpenInput = () => File.OpenRead(edin),
                    InputName = edin,
                    Schema = DatasetSchema.Parse(await File.ReadAllBytesAsync(Path.Combine(repository, "datasets", "edin", "schema.json"), cancellationToken).ConfigureAwait(false)),
                    Parameters = keys.Parameters,
                    PublicKey = keys.ReadPublicKey(),
                    Keys = references,
                    Policy = Encoding.UTF8.GetBytes(policyText),
                    Provider = "Edinburgh Royal Infirmary (demo)",
                    CreatedAt = DateTimeOffset.UtcNow,
                    Normalisation = NormalisationMethod.Winsorised,
                    TrainingDesign = TrainingDesign.Logistic,
                    Label = "mi",
                }, store, null, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            var manifest = sealedSet.Manifest;
            AnsiConsole.MarkupLineInterpolated($"   sealed {manifest.Rows} rows × {manifest.Layout.Columns} columns → dataset [bold]{sealedSet.ManifestCid}[/] ({manifest.Blocks.Length} column blocks, {manifest.Training!.Blocks.Length} training blocks), policy hospital-default");
            Lap("seal");

            // 2. The chain: contract, registration.
            Step(2, "chain", "local anvil, VaultReceipts deployed, dataset registered with its manifest and policy hashes");
            using var chain = await LocalChain.StartAsync(cancellationToken).ConfigureAwait(false);
            using var rpc = new JsonRpcClient(chain.Url);
            using var providerKey = EthereumKey.FromPrivateKey(Hex.Decode(LocalChain.ProviderKey));
            using var sender = new TransactionSender(rpc, providerKey, LocalChain.ChainId);
            var (contract, deployment) = await VaultReceiptsContract.DeployAsync(sender, cancellationToken).ConfigureAwait(false);
            await contract.RegisterDatasetAsync(sender, sealedSet.ManifestCid.ToString(), new Bytes32(SealedDatasetManifest.IntegrityHash(sealedSet.ManifestBytes)),
                ReleaseGate.PolicyHashOf(manifest.Policy), cancellationToken).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated($"   contract {contract.Address} (block {deployment.BlockNumber}), provider {providerKey.Address}");
            Lap("chain");

            // 3. The buyer's job, run by the isolated engine on public material only.
            using var buyerKey = EthereumKey.FromPrivateKey(Hex.Decode(LocalChain.BuyerKey));
            var job = new JobSpec
            {
                Dataset = sealedSet.ManifestCid,
                Algorithm = AlgorithmCatalog.LogisticRegression.Id,
                Hyperparameters = new Dictionary<string, double> { ["iterations"] = settings.Iterations, ["degree"] = settings.Degree }.ToImmutableSortedDictionary(StringComparer.Ordinal),
                Buyer = buyerKey.Address,
                BuyerPublicKey = Convert.ToHexStringLower(buyerKey.PublicKey.Span),
                Nonce = JobSpec.NewNonce(),
            };
            Step(3, "buyer → engine", $"job {job.JobId}: logistic regression (fixed-Hessian preconditioned), {settings.Iterations} iterations, sigmoid degree {settings.Degree}, buyer {job.Buyer}");
            using var backends = BackendFactory.OpenForEngine(settings.Backend);
            var engine = new IsolatedEngine(store, settings.Threads, allowInsecure: !parameters.IsSecure, backends.EngineBackend);
            var run = await WithProgressAsync("engine", settings.Iterations, p => engine.RunAsync(job, p, cancellationToken)).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated($"   transcript {run.TranscriptCid}, output {run.Transcript.Output} (sha256 {run.Transcript.OutputSha256.ToString()[..18]}…), trained in {run.Transcript.Timings["train"]:F1} s");
            Lap("engine");

            // 4. The gate: check, re-execute, release, receipt.
            Step(4, "gate", "policy check, re-execution, flooded decryption of the model only, ECIES to the buyer, signed receipt on chain");
            var gate = new ReleaseGate(store, keys, providerKey, new ReceiptChain(contract, sender), new GateOptions
            {
                StateDirectory = Path.Combine(work.FullName, "gate"),
                Threads = settings.Threads,
                AllowInsecure = !parameters.IsSecure,
            });
            ReleaseOutcome release = null!;
            await AnsiConsole.Status().StartAsync("gate", async status =>
                release = await gate.ReleaseAsync(run.TranscriptCid, new SynchronousProgress(s => status.Status(s)), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            if (!release.Record.Allowed) throw new UserError($"the gate refused the demo's own job ({release.Record.RuleId}): {release.Record.Reason}");
            string receiptPath = Path.Combine(work.FullName, "receipt.json");
            await File.WriteAllTextAsync(receiptPath, release.Receipt.ToJson(), cancellationToken).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated($"   released {release.Record.Released!.Values} values at 2^-{release.Record.Released.PrecisionBits} (re-executed: {release.Record.Reexecuted}); receipt in tx {release.Publication?.TransactionHash} (gas {release.Publication?.GasUsed:N0})");
            Lap("gate");

            // 5. The buyer opens the model.
            var model = ReleasedModel.Parse(Ecies.Decrypt(buyerKey, release.Payload));
            var (auc, accuracy) = Score(model, edin);
            Step(5, "buyer", $"model opened: {model.Weights.Length} weights; on edin AUC {auc:F4}, accuracy {accuracy:F4}");
            Lap("buyer");

            // 6. The auditor, from the chain and the store only; then offline from the bundle.
            Step(6, "auditor", "receipt → release record → transcript → job → dataset → policy → payload; re-execution; proof bundle");
            var auditorContract = await VaultReceiptsContract.AtAsync(rpc, contract.Address, cancellationToken).ConfigureAwait(false);
            var auditor = new JobAuditor(store, settings.Threads, allowInsecure: !parameters.IsSecure);
            (JobAudit Audit, ProofBundle? Bundle) audit = (new JobAudit([]), null);
            await AnsiConsole.Status().StartAsync("auditing", async status =>
                audit = await auditor.AuditAsync(job.JobId, auditorContract, release.Receipt, reexecute: true, new SynchronousProgress(s => status.Status(s)), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            AuditTable.Write($"audit of job {job.JobId}", audit.Audit);
            Directory.CreateDirectory(settings.ProofsDirectory);
            string bundlePath = Path.Combine(settings.ProofsDirectory, $"{job.JobId}.json");
            await AtomicFile.WriteAsync(bundlePath, (s, ct) => s.WriteAsync(audit.Bundle!.ToJson(), ct).AsTask(), cancellationToken).ConfigureAwait(false);
            var offline = await new JobAuditor(null).VerifyBundleAsync(ProofBundle.Parse(await File.ReadAllBytesAsync(bundlePath, cancellationToken).ConfigureAwait(false)), reexecute: false, null, cancellationToken).ConfigureAwait(false);
            AuditTable.Write($"offline check of {bundlePath}", offline);
            Lap("audit");

            // 7. Red team.
            Step(7, "red team", "requests the gate must refuse");
            var redTeam = new List<(string Attempt, ReleaseOutcome Outcome)>
            {
                ("release the same job again", await gate.ReleaseAsync(run.TranscriptCid, null, cancellationToken).ConfigureAwait(false)),
            };
            var forgedJob = job with { Nonce = JobSpec.NewNonce() };
            var forgedCid = await engine.SubmitAsync(forgedJob, cancellationToken).ConfigureAwait(false);
            var patientRows = manifest.Training.Blocks[0];
            using (var sink = new MemoryStream())
            {
                await UnixFsFile.CopyToAsync(store, patientRows, sink, cancellationToken).ConfigureAwait(false);
                var forged = run.Transcript with { JobId = forgedJob.JobId, Job = forgedCid, Output = patientRows, OutputSha256 = new Bytes32(SHA256.HashData(sink.ToArray())) };
                var block = forged.ToBlock();
                await store.PutAsync(block, cancellationToken).ConfigureAwait(false);
                redTeam.Add(("a transcript naming patient rows as its output", await gate.ReleaseAsync(block.Cid, null, cancellationToken).ConfigureAwait(false)));
            }
            var red = new Table().AddColumns("attempt", "verdict", "rule id", "receipt on chain");
            foreach (var (attempt, outcome) in redTeam)
                red.AddRow(Markup.Escape(attempt), outcome.Record.Allowed ? "[red]released[/]" : "[green]refused[/]", outcome.Record.RuleId,
                    outcome.Publication?.TransactionHash?.ToString()[..18] + (outcome.Publication is null ? "— (job id already spent)" : "…"));
            AnsiConsole.Write(red);
            bool redOk = redTeam.All(r => !r.Outcome.Record.Allowed);
            Lap("red team");

            // Summary.
            var summary = new Table().Title("[bold]summary[/]").AddColumns("", "");
            summary.AddRow("dataset", $"{sealedSet.ManifestCid} ({manifest.Rows} rows, policy {manifest.Policy})");
            summary.AddRow("job", job.JobId.ToString());
            summary.AddRow("transcript / output", $"{run.TranscriptCid} / {run.Transcript.Output}");
            summary.AddRow("release record", release.RecordCid.ToString());
            summary.AddRow("receipt transaction", $"{release.Publication?.TransactionHash} (chain {LocalChain.ChainId}, contract {contract.Address})");
            summary.AddRow("released model on edin", $"AUC {auc:F4}, accuracy {accuracy:F4}");
            summary.AddRow("audit (incl. re-execution)", audit.Audit.Passed ? "[green]PASS[/]" : "[red]FAIL[/]");
            summary.AddRow("offline bundle check", offline.Passed ? "[green]PASS[/]" : "[red]FAIL[/]");
            summary.AddRow("red team", redOk ? $"[green]all {redTeam.Count} refused[/]" : "[red]something was released[/]");
            summary.AddRow("times (s)", string.Join(", ", times.Select(t => $"{t.Stage} {t.Seconds.ToString("F1", Inv)}")));
            AnsiConsole.Write(summary);
            return audit.Audit.Passed && offline.Passed && redOk ? 0 : 1;
        }
        finally
        {
            if (settings.KeepWorkingDirectory) AnsiConsole.MarkupLineInterpolated($"kept {work.FullName}");
            else work.Delete(recursive: true);
        }
    }

    /// <summary>hospital-default.yaml with its validity window moved to start today and last a year, so the demo never expires.</summary>
    private static string PolicyForToday(string policy)
    {
        var today = DateTimeOffset.UtcNow.Date;
        policy = ValidFrom().Replace(policy, $"validFrom: {today.AddDays(-1):yyyy-MM-dd}T00:00:00Z", 1);
        return Expires().Replace(policy, $"expires: {today.AddYears(1):yyyy-MM-dd}T00:00:00Z", 1);
    }

    private static (double Auc, double Accuracy) Score(ReleasedModel model, string path)
    {
        var rows = new List<double[]>();
        var labels = new List<double>();
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            var v = line.Split('\t').Select(x => double.Parse(x, Inv)).ToArray();
            rows.Add([.. v[..^1].Select((x, j) => model.Winsorised ? Math.Clamp((x - model.Offsets[j]) / model.Scales[j], -1, 1) : (x - model.Offsets[j]) / model.Scales[j])]);
            labels.Add(v[^1]);
        }
        var p = Metrics.LogisticProbabilities(rows, model.Weights.AsSpan());
        return (Metrics.Auc(p, labels.ToArray()), Metrics.Accuracy(p, labels.ToArray()));
    }

    private static void Step(int n, string who, string what) =>
        AnsiConsole.MarkupLine($"[bold]{n}. {Markup.Escape(who)}[/]: {what}");

    private static async Task<T> WithProgressAsync<T>(string name, int iterations, Func<IProgress<JobProgress>, Task<T>> body)
    {
        T result = default!;
        await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"{name}: verify and load", maxValue: iterations);
                result = await body(new SynchronousProgress<JobProgress>(p =>
                {
                    switch (p.Stage)
                    {
                        case "train":
                            task.Description = $"{name}: iteration {p.Done}/{p.Total}";
                            task.Value = p.Done;
                            break;
                        case "write" or "done":
                            task.Description = $"{name}: {p.Stage}";
                            task.Value = iterations;
                            break;
                        default:
                            task.Description = $"{name}: {p.Stage}";
                            break;
                    }
                })).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result;
    }

    [GeneratedRegex(@"^validFrom: .*$", RegexOptions.Multiline)]
    private static partial Regex ValidFrom();

    [GeneratedRegex(@"^expires: .*$", RegexOptions.Multiline)]
    private static partial Regex Expires();
}

/// <summary>Reports status lines on the calling thread.</summary>
internal sealed class SynchronousProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}

/// <summary>Prints an audit as a pass/fail table.</summary>
internal static class AuditTable
{
    public static void Write(string title, JobAudit audit)
    {
        var table = new Table().Title($"{Markup.Escape(title)}: {(audit.Passed ? "[green]PASS[/]" : "[red]FAIL[/]")}").AddColumns("check", "", "found");
        foreach (var c in audit.Checks) table.AddRow(Markup.Escape(c.Name), c.Passed ? "[green]pass[/]" : "[red]FAIL[/]", Markup.Escape(c.Detail));
        AnsiConsole.Write(table);
    }
}
