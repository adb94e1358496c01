using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vault.Ethereum.Contracts;
using Vault.Ethereum.Rpc;

namespace Vault.Cli;

/// <summary><c>vault chain deploy</c>: deploys the VaultReceipts contract from a keystore account.</summary>
internal static class ChainCommand
{
    public static Command Create()
    {
        var rpc = EthereumOptions.Rpc();
        var keystore = EthereumOptions.Keystore();
        var deploy = new Command("deploy", "Deploy the VaultReceipts contract (dataset registrations and usage receipts) and print its address.");
        deploy.Options.Add(rpc);
        deploy.Options.Add(keystore);
        deploy.SetAction((parse, cancellationToken) => EthereumOptions.RunAsync(() =>
            DeployAsync(parse.GetValue(rpc)!, parse.GetValue(keystore)!, cancellationToken)));
        var command = new Command("chain", "Work with the EVM chain that holds Vault's receipts.");
        command.Subcommands.Add(deploy);
        command.Subcommands.Add(Register());
        return command;
    }

    private static Command Register()
    {
        var dataset = new Argument<string>("dataset") { Description = "The sealed dataset's CID." };
        var rpc = EthereumOptions.Rpc();
        var contract = EthereumOptions.Contract();
        var keystore = EthereumOptions.Keystore();
        var stores = new StoreOptions();
        var command = new Command("register", "Register a sealed dataset on chain (its manifest's SHA-256 and its policy's hash); the sender becomes its provider.");
        command.Arguments.Add(dataset);
        command.Options.Add(rpc);
        command.Options.Add(contract);
        command.Options.Add(keystore);
        stores.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(() => EthereumOptions.RunAsync(async () =>
        {
            var cid = Vault.Ipfs.Cid.Parse(parse.GetValue(dataset)!);
            var store = stores.Open(parse, out _);
            Vault.Ipfs.Block block;
            try
            {
                block = await store.GetAsync(cid, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
            var manifest = Vault.Engine.Datasets.SealedDatasetManifest.Parse(block.Data.Span);
            using var key = EthereumOptions.OpenKeystore(parse.GetValue(keystore)!);
            using var client = new JsonRpcClient(parse.GetValue(rpc)!);
            using var sender = await TransactionSender.CreateAsync(client, key, cancellationToken).ConfigureAwait(false);
            var receipts = await VaultReceiptsContract.AtAsync(client, EthereumOptions.ParseContract(parse.GetValue(contract)!), cancellationToken).ConfigureAwait(false);
            var manifestHash = new Vault.Ethereum.Bytes32(Vault.Engine.Datasets.SealedDatasetManifest.IntegrityHash(block.Data.Span));
            var policyHash = Vault.Gate.ReleaseGate.PolicyHashOf(manifest.Policy);
            var mined = await receipts.RegisterDatasetAsync(sender, cid.ToString(), manifestHash, policyHash, cancellationToken).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated($"dataset {cid}: manifest hash {manifestHash}, policy hash {policyHash}, provider {key.Address}; {(mined is null ? "already registered with these hashes" : $"registered in {mined.TransactionHash}")}");
            return 0;
        })));
        return command;
    }

    private static async Task<int> DeployAsync(Uri endpoint, FileInfo keystoreFile, CancellationToken cancellationToken)
    {
        using var key = EthereumOptions.OpenKeystore(keystoreFile);
        using var rpc = new JsonRpcClient(endpoint);
        ulong chainId = await rpc.ChainIdAsync(cancellationToken).ConfigureAwait(false);
        using var sender = new TransactionSender(rpc, key, chainId);
        var (contract, receipt) = await AnsiConsole.Status().StartAsync(
            $"Deploying VaultReceipts from {key.Address} to chain {chainId} and waiting for the receipt…",
            _ => VaultReceiptsContract.DeployAsync(sender, cancellationToken)).ConfigureAwait(false);
        var table = new Table().Title("VaultReceipts deployed").AddColumns("", "");
        table.AddRow("contract", $"[bold green]{contract.Address}[/]");
        table.AddRow("chain id", chainId.ToString(CultureInfo.InvariantCulture));
        table.AddRow("deployer", key.Address.ToString());
        table.AddRow("transaction", receipt.TransactionHash.ToString());
        table.AddRow("block", receipt.BlockNumber.ToString(CultureInfo.InvariantCulture));
        table.AddRow("gas used", receipt.GasUsed.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("compiler", VaultReceiptsContract.Artifact.Compiler);
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"Next: [bold]vault receipts list --dataset <cid> --rpc {endpoint} --contract {contract.Address}[/]");
        Console.Out.WriteLine($"contract={contract.Address}");
        return 0;
    }
}
