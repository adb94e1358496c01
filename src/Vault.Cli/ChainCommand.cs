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
