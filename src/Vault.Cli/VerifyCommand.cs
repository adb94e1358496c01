using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Vault.Engine.Datasets;
using Vault.Ipfs;

namespace Vault.Cli;

/// <summary><c>vault verify &lt;cid&gt;</c>: re-hash and parse a whole sealed dataset; exit 1 on any failure.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var cidArgument = new Argument<string>("cid") { Description = "The dataset CID (the manifest's, as printed by vault seal)." };
        var allowInsecure = PresetOption.AllowInsecure();
        var stores = new StoreOptions();
        var command = new Command("verify", "Fetch a sealed dataset and check every byte against its CID, every ciphertext against the manifest's parameters and layout.");
        command.Arguments.Add(cidArgument);
        command.Options.Add(allowInsecure);
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var cid = Cid.Parse(parse.GetValue(cidArgument)!);
            var store = stores.Open(parse, out string storeName);
            try
            {
                var clock = Stopwatch.StartNew();
                DatasetVerification? report = null;
                await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn()).StartAsync(async progress =>
                {
                    var task = progress.AddTask("verify ciphertexts", maxValue: 1);
                    report = await DatasetVerifier.VerifyAsync(store, cid, parse.GetValue(allowInsecure), new Bar(task), cancellationToken);
                    task.Value = task.MaxValue;
                });
                var r = report!;
                var table = new Table().Title($"{cid} in the {Markup.Escape(storeName)}");
                table.AddColumns("blocks", "bytes", "rows", "columns", "parameter Id", "verdict");
                table.AddRow(
                    r.Ciphertexts.ToString(CultureInfo.InvariantCulture),
                    r.TotalBytes.ToString("N0", CultureInfo.InvariantCulture),
                    r.Manifest.Rows.ToString(CultureInfo.InvariantCulture),
                    r.Manifest.Layout.Columns.ToString(CultureInfo.InvariantCulture),
                    r.Parameters.Id.ToString()[..16] + "…",
                    r.Parameters.IsSecure ? "[green]verified[/]" : "[yellow]verified (INSECURE test parameters)[/]");
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLineInterpolated($"integrity hash (sha2-256 of the manifest): {r.IntegrityHash}; {r.CiphertextBytes:N0} ciphertext bytes; {clock.Elapsed.TotalSeconds:F2} s.");
                return 0;
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    private sealed class Bar(ProgressTask task) : IProgress<long>
    {
        public void Report(long value)
        {
            task.MaxValue = Math.Max(task.MaxValue, value);
            task.Value = value;
        }
    }
}
