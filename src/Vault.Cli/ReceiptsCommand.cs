using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vault.Ethereum;
using Vault.Ethereum.Contracts;
using Vault.Ethereum.Rpc;

namespace Vault.Cli;

/// <summary><c>vault receipts list</c> and <c>vault receipts verify</c>: read usage receipts back from the chain and
/// audit them against the stored digest, the event, the dataset's policy and (optionally) an EIP-712 signature file.</summary>
internal static class ReceiptsCommand
{
    public static Command Create()
    {
        var command = new Command("receipts", "Read and verify usage receipts published on chain.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Verify());
        return command;
    }

    private static Command List()
    {
        var dataset = new Option<string>("--dataset") { Description = "Content identifier (CID) of the dataset.", Required = true };
        var fromBlock = new Option<ulong>("--from-block") { Description = "First block to search (default 0).", DefaultValueFactory = _ => 0 };
        var rpc = EthereumOptions.Rpc();
        var contract = EthereumOptions.Contract();
        var list = new Command("list", "List the receipts of a dataset (eth_getLogs on its indexed key).");
        list.Options.Add(dataset);
        list.Options.Add(rpc);
        list.Options.Add(contract);
        list.Options.Add(fromBlock);
        list.SetAction((parse, cancellationToken) => EthereumOptions.RunAsync(() =>
            ListAsync(parse.GetValue(dataset)!, parse.GetValue(rpc)!, parse.GetValue(contract)!, parse.GetValue(fromBlock), cancellationToken)));
        return list;
    }

    private static Command Verify()
    {
        var jobId = new Argument<string>("job-id") { Description = "The job id (0x and 64 hex digits)." };
        var signature = new Option<FileInfo?>("--signature") { Description = "A signed receipt (JSON: EIP-712 typed data + signature) to check against the chain." };
        var rpc = EthereumOptions.Rpc();
        var contract = EthereumOptions.Contract();
        var verify = new Command("verify", "Verify one receipt: stored digest, event, recomputed EIP-712 digest, dataset policy, publisher, and optionally a signature file.");
        verify.Arguments.Add(jobId);
        verify.Options.Add(rpc);
        verify.Options.Add(contract);
        verify.Options.Add(signature);
        verify.SetAction((parse, cancellationToken) => EthereumOptions.RunAsync(() =>
            VerifyAsync(parse.GetValue(jobId)!, parse.GetValue(rpc)!, parse.GetValue(contract)!, parse.GetValue(signature), cancellationToken)));
        return verify;
    }

    private static async Task<int> ListAsync(string cid, Uri endpoint, string contractText, ulong fromBlock, CancellationToken cancellationToken)
    {
        var address = EthereumOptions.ParseContract(contractText);
        using var rpc = new JsonRpcClient(endpoint);
        var (registration, receipts) = await AnsiConsole.Status().StartAsync($"Reading receipts of {cid} from {endpoint}…", async _ =>
        {
            var contract = await VaultReceiptsContract.AtAsync(rpc, address, cancellationToken).ConfigureAwait(false);
            var registration = await contract.GetDatasetAsync(cid, cancellationToken).ConfigureAwait(false);
            var receipts = await contract.ListReceiptsByDatasetAsync(cid, fromBlock, cancellationToken).ConfigureAwait(false);
            return (registration, receipts);
        }).ConfigureAwait(false);
        if (registration is null)
            AnsiConsole.MarkupLineInterpolated($"[yellow]Dataset {cid} is not registered in contract {address}.[/]");
        else
            AnsiConsole.MarkupLineInterpolated($"Dataset [bold]{cid}[/]: provider {registration.Provider}, policy {registration.PolicyHash}");
        var table = new Table().Title($"{receipts.Count} receipt(s)");
        table.AddColumns("block", "job id", "buyer", "verdict", "output hash", "decided (UTC)", "publisher");
        foreach (var r in receipts)
        {
            table.AddRow(
                r.BlockNumber.ToString(CultureInfo.InvariantCulture),
                r.Receipt.JobId.ToString(),
                r.Receipt.Buyer.ToString(),
                r.Receipt.Allowed ? $"[green]released[/] ({Markup.Escape(r.Receipt.RuleId)})" : $"[red]denied[/] ({Markup.Escape(r.Receipt.RuleId)})",
                Short(r.Receipt.OutputHash.ToString()),
                DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(r.Receipt.Timestamp, 253402300799UL)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                registration is not null && r.Publisher == registration.Provider ? "provider" : Short(r.Publisher.ToString()));
        }
        AnsiConsole.Write(table);
        return 0;
    }

    private static async Task<int> VerifyAsync(string jobIdText, Uri endpoint, string contractText, FileInfo? signatureFile, CancellationToken cancellationToken)
    {
        if (!Bytes32.TryParse(jobIdText, out var jobId)) throw new UserError($"job id '{jobIdText}' is not 0x followed by 64 hex digits (copy it from `vault receipts list`).");
        var address = EthereumOptions.ParseContract(contractText);
        SignedReceipt? signed = null;
        if (signatureFile is not null)
        {
            if (!signatureFile.Exists) throw new UserError($"the signature file {signatureFile.FullName} does not exist.");
            signed = SignedReceipt.Parse(await File.ReadAllTextAsync(signatureFile.FullName, cancellationToken).ConfigureAwait(false));
        }
        using var rpc = new JsonRpcClient(endpoint);
        var audit = await AnsiConsole.Status().StartAsync($"Auditing job {Short(jobId.ToString())} on {endpoint}…", async _ =>
        {
            var contract = await VaultReceiptsContract.AtAsync(rpc, address, cancellationToken).ConfigureAwait(false);
            return await contract.AuditAsync(jobId, signed, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

        if (audit.Receipt is { } published)
        {
            var r = published.Receipt;
            var fields = new Table().Title($"Receipt of job {jobId}").AddColumns("field", "value");
            fields.AddRow("dataset CID", Markup.Escape(r.DatasetCid));
            fields.AddRow("buyer", r.Buyer.ToString());
            fields.AddRow("verdict", r.Allowed ? $"[green]released[/] ({Markup.Escape(r.RuleId)})" : $"[red]denied[/] ({Markup.Escape(r.RuleId)})");
            fields.AddRow("algorithm digest", r.AlgorithmDigest.ToString());
            fields.AddRow("CKKS parameter Id", r.CkksParameterId.ToString());
            fields.AddRow("input root", r.InputRoot.ToString());
            fields.AddRow("output hash", r.OutputHash.ToString());
            fields.AddRow("policy hash", r.PolicyHash.ToString());
            fields.AddRow("decided (UTC)", DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(r.Timestamp, 253402300799UL)).ToString("u", CultureInfo.InvariantCulture));
            fields.AddRow("block / transaction", $"{published.BlockNumber} / {published.TransactionHash}");
            AnsiConsole.Write(fields);
        }
        var checks = new Table().Title("Checks").AddColumns("", "check", "detail");
        foreach (var c in audit.Checks)
            checks.AddRow(c.Passed ? "[green]PASS[/]" : "[red]FAIL[/]", Markup.Escape(c.Name), Markup.Escape(c.Detail));
        AnsiConsole.Write(checks);
        if (audit.IsValid)
        {
            AnsiConsole.MarkupLine($"[bold green]VALID[/]: the receipt on chain matches its digest{(signed is null ? "" : " and the signed receipt")}.");
            Console.Out.WriteLine("verdict=valid");
            return 0;
        }
        AnsiConsole.MarkupLine("[bold red]INVALID[/]: see the failed checks above.");
        Console.Out.WriteLine("verdict=invalid");
        return 1;
    }

    private static string Short(string hex) => hex.Length > 14 ? hex[..10] + "…" + hex[^4..] : hex;
}
