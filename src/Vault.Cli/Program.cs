using System.CommandLine;
using Vault.Cli;

var root = new RootCommand("Vault: privacy-preserving compute-to-data on RNS-CKKS encrypted datasets.");
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ParamsCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
return root.Parse(args).Invoke();
