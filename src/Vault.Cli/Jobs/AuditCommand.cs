using System.CommandLine;
using Spectre.Console;
using Vault.Cli.Demo;
using Vault.Engine.Audit;
using Vault.Ethereum;
using Vault.Ethereum.Contracts;
using Vault.Ethereum.Rpc;

namespace Vault.Cli.Jobs;

/// <summary><c>vault audit JOB_ID</c> (online: chain + store, optional re-execution, writes a proof bundle) and
/// <c>vault audit --bundle FILE</c> (offline).</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var jobId = new Argument<string?>("job-id") { Description = "The job id (0x…, 32 bytes).", Arity = ArgumentArity.ZeroOrOne };
        var rpc = EthereumOptions.OptionalRpc("Ethereum JSON-RPC URL of the chain holding the receipt.");
        var contract = new Option<string?>("--contract") { Description = "The VaultReceipts contract address." };
        var signature = new Option<FileInfo?>("--signature") { Description = "The signed receipt the gate issued (vault release --receipt-out); needed to write a proof bundle." };
        var reexecute = new Option<bool>("--reexecute") { Description = "Re-run the job from public material and compare the output hash." };
        var bundle = new Option<FileInfo?>("--bundle") { Description = "Verify a proof bundle offline instead (no chain; with a store, --reexecute works too)." };
        var proofs = new Option<string>("--proofs") { Description = "Where to write the proof bundle.", DefaultValueFactory = _ => Path.Combine("proofs", "bundles") };
        var threads = new Option<int>("--threads") { Description = "Threads for re-execution (0: one per core).", DefaultValueFactory = _ => 0 };
        var allowInsecure = PresetOption.AllowInsecure();
        var stores = new StoreOptions();
        var command = new Command("audit", "Verify a job end to end: chain receipt ↔ release record ↔ transcript ↔ job ↔ dataset ↔ policy ↔ released output; exit 0 when every check passes.");
        command.Arguments.Add(jobId);
        foreach (var o in new Option[] { rpc, contract, signature, reexecute, bundle, proofs, threads, allowInsecure }) command.Options.Add(o);
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(() => EthereumOptions.RunAsync(async () =>
        {
            var store = parse.GetValue(bundle) is not null && parse.GetValue(stores.Store) is null && !parse.GetValue(reexecute) ? null : stores.Open(parse, out _);
            try
            {
                var auditor = new JobAuditor(store, parse.GetValue(threads), parse.GetValue(allowInsecure));
                if (parse.GetValue(bundle) is { } file)
                {
                    if (!file.Exists) throw new UserError($"the bundle {file.FullName} does not exist.");
                    var offline = await auditor.VerifyBundleAsync(ProofBundle.Parse(await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false)), parse.GetValue(reexecute), null, cancellationToken).ConfigureAwait(false);
                    AuditTable.Write($"offline check of {file.Name}", offline);
                    return offline.Passed ? 0 : 1;
                }
                if (parse.GetValue(jobId) is not { } id || !Bytes32.TryParse(id, out var job)) throw new UserError("give the job id (0x and 64 hex digits), or --bundle FILE.");
                if (parse.GetValue(rpc) is not { } url || parse.GetValue(contract) is not { } address) throw new UserError("an online audit needs --rpc and --contract (or use --bundle FILE offline).");
                using var client = new JsonRpcClient(url);
                var receipts = await VaultReceiptsContract.AtAsync(client, EthereumOptions.ParseContract(address), cancellationToken).ConfigureAwait(false);
                SignedReceipt? signed = null;
                if (parse.GetValue(signature) is { } sig)
                {
                    if (!sig.Exists) throw new UserError($"the signature file {sig.FullName} does not exist.");
                    signed = SignedReceipt.Parse(await File.ReadAllTextAsync(sig.FullName, cancellationToken).ConfigureAwait(false));
                }
                (JobAudit Audit, ProofBundle? Bundle) result = (new JobAudit([]), null);
                await AnsiConsole.Status().StartAsync("auditing", async status =>
                    result = await auditor.AuditAsync(job, receipts, signed, parse.GetValue(reexecute), new SynchronousProgress(s => status.Status(s)), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                AuditTable.Write($"audit of job {job}", result.Audit);
                if (result.Bundle is { } b)
                {
                    Directory.CreateDirectory(parse.GetValue(proofs)!);
                    string path = Path.Combine(parse.GetValue(proofs)!, $"{job}.json");
                    Engine.Datasets.AtomicFile.Write(path, s => s.Write(b.ToJson()));
                    AnsiConsole.MarkupLineInterpolated($"proof bundle: {path} (check it offline with vault audit --bundle {path})");
                }
                else
                {
                    AnsiConsole.MarkupLine("no proof bundle: pass the gate's signed receipt with --signature to write one.");
                }
                return result.Audit.Passed ? 0 : 1;
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
        })));
        return command;
    }
}
