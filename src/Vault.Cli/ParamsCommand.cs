using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vault.Ckks;

namespace Vault.Cli;

/// <summary><c>vault params list</c>: the parameter presets with their security budget.</summary>
internal static class ParamsCommand
{
    public static Command Create()
    {
        var list = new Command("list", "Show the CKKS parameter presets, their modulus budget and 128-bit security status.");
        list.SetAction(_ =>
        {
            var table = new Table().Title("CKKS parameter presets");
            table.AddColumns("preset", "N", "levels", "log Q", "log P", "dnum", "log QP", "128-bit max", "secure", "Id (prefix)");
            foreach (var (name, spec) in CkksParameterPresets.All.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var p = CkksParameters.CreateInsecure(spec);
                int max = HomomorphicEncryptionStandard.MaxLogQP(Math.Max(spec.LogN, 10), SecurityLevel.Classical128);
                table.AddRow(
                    name,
                    $"2^{spec.LogN}",
                    p.MaxLevel.ToString(CultureInfo.InvariantCulture),
                    spec.LogQ.Sum().ToString(CultureInfo.InvariantCulture),
                    spec.LogP.Sum().ToString(CultureInfo.InvariantCulture),
                    p.Rlwe.Dnum.ToString(CultureInfo.InvariantCulture),
                    p.LogQP.ToString("F1", CultureInfo.InvariantCulture),
                    max.ToString(CultureInfo.InvariantCulture),
                    p.IsSecure ? "[green]yes[/]" : "[red]NO (tests only)[/]",
                    p.Id.ToString()[..16]);
            }
            AnsiConsole.Write(table);
            return 0;
        });
        var command = new Command("params", "Inspect CKKS parameter sets.");
        command.Subcommands.Add(list);
        return command;
    }
}
