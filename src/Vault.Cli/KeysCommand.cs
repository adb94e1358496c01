using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using Vault.Gate;
using Vault.ML;

namespace Vault.Cli;

/// <summary><c>vault keys new</c>: a provider's key set in a directory.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var preset = PresetOption.Preset("logn14");
        var allowInsecure = PresetOption.AllowInsecure();
        var output = new Option<string>("--out", "-o") { Description = "Directory to write the keys into (created with mode 0700).", Required = true };
        var training = new Option<int?>("--for-training") { Description = "Instead of a preset: the 128-bit set the planner chooses for encrypted training of up to K iterations (the keys a provider needs before sealing training rows)." };
        var degree = new Option<int>("--degree") { Description = "Sigmoid degree the training set must allow (3, 5 or 7; with --for-training).", DefaultValueFactory = _ => 3 };
        var force = new Option<bool>("--force") { Description = "Replace an existing secret key (its datasets can then no longer be decrypted)." };
        var create = new Command("new", "Generate CKKS keys: parameters, secret key (mode 0600), public key, relinearization key, Galois keys.");
        create.Options.Add(preset);
        create.Options.Add(allowInsecure);
        create.Options.Add(output);
        create.Options.Add(force);
        create.Options.Add(training);
        create.Options.Add(degree);
        create.SetAction(parse => CliErrors.RunAsync(() =>
        {
            var parameters = parse.GetValue(training) is int iterations
                ? JobPlanner.Plan(new JobRequest { Kind = JobKind.LogisticRegression, Rows = 1, Features = 1, Iterations = iterations, Degree = parse.GetValue(degree) }).Parameters
                : PresetOption.Resolve(parse.GetValue(preset)!, parse.GetValue(allowInsecure));
            string directory = parse.GetValue(output)!;
            var clock = Stopwatch.StartNew();
            ProviderKeyDirectory? keys = null;
            AnsiConsole.Status().Start("generating keys", status =>
            {
                keys = ProviderKeyDirectory.Generate(directory, parameters, parse.GetValue(force), new Progress(status));
            });
            var table = new Table().Title($"CKKS keys for N = 2^{parameters.LogN} ({(parameters.IsSecure ? "128-bit secure" : "INSECURE test parameters")}) in {clock.Elapsed.TotalSeconds:F1} s");
            table.AddColumns("file", "bytes", "publish?");
            foreach (string name in new[] { ProviderKeyDirectory.ParametersFileName, ProviderKeyDirectory.PublicKeyFileName, ProviderKeyDirectory.RelinearizationKeyFileName,
                ProviderKeyDirectory.GaloisKeysFileName, ProviderKeyDirectory.SecretKeyFileName })
            {
                string path = Path.Combine(keys!.Directory, name);
                table.AddRow(Markup.Escape(path), new FileInfo(path).Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                    name == ProviderKeyDirectory.SecretKeyFileName ? "[red]never (mode 0600)[/]" : "yes");
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated($"Parameter Id {parameters.Id}. Seal with: vault seal <file.csv> --schema <schema.json> --key {keys!.Directory} --policy <policy>");
            return Task.FromResult(0);
        }));
        var command = new Command("keys", "Manage a data provider's CKKS keys.");
        command.Subcommands.Add(create);
        return command;
    }

    private sealed class Progress(StatusContext status) : IProgress<string>
    {
        public void Report(string value) => status.Status($"generating {value}");
    }
}
