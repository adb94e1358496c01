using System.CommandLine;
using Vault.Cli;
using Vault.Cli.Learning;

var root = new RootCommand("Vault: privacy-preserving compute-to-data on RNS-CKKS encrypted datasets.");
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ParamsCommand.Create());
root.Subcommands.Add(ChainCommand.Create());
root.Subcommands.Add(ReceiptsCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(InferCommand.Create());
return root.Parse(args).Invoke();
