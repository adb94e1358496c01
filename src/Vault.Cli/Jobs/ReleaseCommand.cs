using System.CommandLine;
using Spectre.Console;
using Vault.Cli.Demo;
using Vault.Ethereum;
using Vault.Ethereum.Contracts;
using Vault.Ethereum.Rpc;
using Vault.Gate;
using Vault.Ipfs;

namespace Vault.Cli.Jobs;

/// <summary><c>vault release</c> (the provider's gate) and <c>vault open</c> (the buyer reads what was released).</summary>
internal static class ReleaseCommand
{
    public static Command Create()
    {
        var transcript = new Argument<string>("transcript") { Description = "The job's transcript CID (printed by vault job run)." };
        var key = new Option<string>("--key") { Description = "The provider's key directory (vault keys new): the only place the secret key is read from.", Required = true };
        var keystore = EthereumOptions.Keystore();
        keystore.Description = "The provider's (or an authorised verifier's) keystore: it signs the receipt and sends the transaction. " + keystore.Description;
        var rpc = EthereumOptions.OptionalRpc("Ethereum JSON-RPC URL; with --contract, the receipt is published there.");
        var contract = new Option<string?>("--contract") { Description = "The VaultReceipts contract address." };
        var state = new Option<string>("--state") { Description = "The gate's state directory (its ledger of decided jobs, budgets).", DefaultValueFactory = _ => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".vault", "gate") };
        var receiptOut = new Option<string?>("--receipt-out") { Description = "Write the signed EIP-712 receipt (JSON) here; auditors take it with --signature." };
        var allowInsecure = PresetOption.AllowInsecure();
        var stores = new StoreOptions();
        var command = new Command("release", "The release gate: check a job's transcript against the dataset's policy, re-execute if the policy says so, release the model (flooded, ECIES to the buyer), sign and publish the receipt.");
        command.Arguments.Add(transcript);
        foreach (var o in new Option[] { key, keystore, rpc, contract, state, receiptOut, allowInsecure }) command.Options.Add(o);
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(() => EthereumOptions.RunAsync(async () =>
        {
            var keys = ProviderKeyDirectory.Open(parse.GetValue(key)!, parse.GetValue(allowInsecure));
            using var signer = EthereumOptions.OpenKeystore(parse.GetValue(keystore)!);
            if ((parse.GetValue(rpc) is null) != (parse.GetValue(contract) is null)) throw new UserError("give --rpc and --contract together (or neither, to sign without publishing).");
            using var client = parse.GetValue(rpc) is { } url ? new JsonRpcClient(url) : null;
            using var sender = client is null ? null : await TransactionSender.CreateAsync(client, signer, cancellationToken).ConfigureAwait(false);
            ReceiptChain? chain = null;
            if (client is not null && sender is not null)
                chain = new ReceiptChain(await VaultReceiptsContract.AtAsync(client, EthereumOptions.ParseContract(parse.GetValue(contract)!), cancellationToken).ConfigureAwait(false), sender);
            var store = stores.Open(parse, out _);
            try
            {
                var gate = new ReleaseGate(store, keys, signer, chain, new GateOptions { StateDirectory = parse.GetValue(state)!, AllowInsecure = parse.GetValue(allowInsecure) });
                ReleaseOutcome outcome = null!;
                await AnsiConsole.Status().StartAsync("release gate", async status =>
                    outcome = await gate.ReleaseAsync(Cid.Parse(parse.GetValue(transcript)!), new SynchronousProgress(s => status.Status(s)), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                var r = outcome.Record;
                var table = new Table().Title($"job {r.JobId}: {(r.Allowed ? "[green]released[/]" : "[red]refused[/]")}").AddColumns("", "");
                table.AddRow("rule", Markup.Escape($"{r.RuleId}: {r.Reason}"));
                table.AddRow("re-executed", r.Reexecuted ? "yes, output hash reproduced" : "no");
                if (r.Released is { } released)
                    table.AddRow("released", $"{released.Values} values at 2^-{released.PrecisionBits}, flooding σ {released.FloodingSigma:G3} over {released.CopiesAveraged} averaged copies; payload {released.Payload} (ECIES to {released.Recipient})");
                table.AddRow("release record", outcome.RecordCid.ToString());
                table.AddRow("receipt", outcome.Publication is { } p ? $"published in {p.TransactionHash?.ToString() ?? "an earlier transaction"} (block {p.BlockNumber})" : "signed, not published (no --rpc/--contract, or the job id is spent)");
                AnsiConsole.Write(table);
                if (parse.GetValue(receiptOut) is { } path)
                    Engine.Datasets.AtomicFile.Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(outcome.Receipt.ToJson())));
                Console.WriteLine(r.Released?.Payload.ToString() ?? r.RuleId);
                return r.Allowed ? 0 : 1;
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
        })));
        return command;
    }

    public static Command CreateOpen()
    {
        var payload = new Argument<string>("payload") { Description = "The released payload's CID (printed by vault release)." };
        var keystore = EthereumOptions.Keystore();
        keystore.Description = "The buyer's keystore (the payload is encrypted to its public key). " + keystore.Description;
        var output = new Option<string>("--out", "-o") { Description = "Where to write the model (JSON; vault infer --model reads it).", Required = true };
        var stores = new StoreOptions();
        var command = new Command("open", "The buyer decrypts a released payload (ECIES) into a model file.");
        command.Arguments.Add(payload);
        command.Options.Add(keystore);
        command.Options.Add(output);
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(() => EthereumOptions.RunAsync(async () =>
        {
            using var key = EthereumOptions.OpenKeystore(parse.GetValue(keystore)!);
            var store = stores.Open(parse, out _);
            try
            {
                var block = await store.GetAsync(Cid.Parse(parse.GetValue(payload)!), cancellationToken).ConfigureAwait(false);
                byte[] plain;
                try
                {
                    plain = Ecies.Decrypt(key, block.Data.Span);
                }
                catch (EciesException e)
                {
                    throw new UserError($"the payload does not open with {key.Address}'s key ({e.Message}); it is encrypted to the job's buyer.");
                }
                var model = ReleasedModel.Parse(plain);
                Engine.Datasets.AtomicFile.Write(parse.GetValue(output)!, s => s.Write(plain), Engine.Datasets.AtomicFile.OwnerOnly);
                AnsiConsole.MarkupLineInterpolated($"model of job {model.JobId}: {model.Algorithm}, {model.Weights.Length} weights at 2^-{model.PrecisionBits} → {parse.GetValue(output)}");
                return 0;
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
        })));
        return command;
    }
}
