using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vault.Engine.Datasets;
using Vault.Ipfs;
using Vault.Ipfs.Kubo;

namespace Vault.Cli;

/// <summary><c>vault export-car</c> and <c>vault import-car</c>: a sealed dataset as one CAR v1 file whose roots are
/// the manifest, then every object it references.</summary>
internal static class CarCommands
{
    public static Command CreateExport()
    {
        var cidArgument = new Argument<string>("cid") { Description = "The dataset CID." };
        var output = new Option<string>("--out", "-o") { Description = "The CAR file to write (replaced atomically).", Required = true };
        var stores = new StoreOptions();
        var command = new Command("export-car", "Write a sealed dataset (manifest, ciphertexts, public keys, policy) into one CAR file.");
        command.Arguments.Add(cidArgument);
        command.Options.Add(output);
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var cid = Cid.Parse(parse.GetValue(cidArgument)!);
            string path = parse.GetValue(output)!;
            var store = stores.Open(parse, out string storeName);
            try
            {
                var written = await DatasetCar.ExportToFileAsync(store, cid, path, cancellationToken);
                AnsiConsole.MarkupLineInterpolated(
                    $"Wrote {path}: {new FileInfo(path).Length.ToString("N0", CultureInfo.InvariantCulture)} bytes, {written.Blocks} blocks, {written.Roots.Count} roots (manifest first), from the {storeName}.");
                return 0;
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    public static Command CreateImport()
    {
        var file = new Argument<string>("file") { Description = "The CAR file written by vault export-car." };
        var stores = new StoreOptions();
        var command = new Command("import-car", "Import a sealed dataset's CAR into the local store or an IPFS node (all blocks verified; roots pinned on a node); print the dataset CID.");
        command.Arguments.Add(file);
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            string path = parse.GetValue(file)!;
            var store = stores.Open(parse, out string storeName);
            try
            {
                Cid manifest;
                await using (var stream = File.OpenRead(path))
                {
                    if (store is KuboContentStore node)
                    {
                        manifest = DatasetCar.ManifestOf(await node.ImportCarAsync(stream, cancellationToken));
                        await DatasetCar.ReadManifestAsync(node, manifest, cancellationToken);
                    }
                    else
                    {
                        manifest = await DatasetCar.ImportAsync(stream, store, cancellationToken);
                    }
                }
                AnsiConsole.MarkupLineInterpolated($"Imported {path} into the {storeName}. Check it with: vault verify {manifest.ToString()}");
                Console.WriteLine(manifest);
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
