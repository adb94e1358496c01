using System.CommandLine;
using Vault.Cli.Learning;

namespace Vault.Cli;

/// <summary>The root <c>vault</c> command with every subcommand.</summary>
internal static class VaultCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Vault: privacy-preserving compute-to-data on RNS-CKKS encrypted datasets.");
        root.Subcommands.Add(Demo.DemoCommand.Create());
        root.Subcommands.Add(ParamsCommand.Create());
        root.Subcommands.Add(Backends.BackendBenchCommand.AddTo(BenchCommand.Create()));
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(SealCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(CarCommands.CreateExport());
        root.Subcommands.Add(CarCommands.CreateImport());
        root.Subcommands.Add(ChainCommand.Create());
        root.Subcommands.Add(ReceiptsCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(InferCommand.Create());
        root.Subcommands.Add(Jobs.JobCommand.Create());
        root.Subcommands.Add(Jobs.ReleaseCommand.Create());
        root.Subcommands.Add(Jobs.ReleaseCommand.CreateOpen());
        root.Subcommands.Add(Jobs.AuditCommand.Create());
        return root;
    }
}
