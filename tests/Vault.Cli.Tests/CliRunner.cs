using Spectre.Console;

namespace Vault.Cli.Tests;

/// <summary>Runs the <c>vault</c> command in process with the console captured. The console is process-wide, so every
/// class that uses this is in the <see cref="ConsoleGroup"/> collection and never runs in parallel with another.</summary>
internal static class CliRunner
{
    public static Task<(int Exit, string Output)> RunAsync(params string[] args) => CaptureAsync(() => VaultCommand.Create().Parse(args).InvokeAsync());

    /// <summary>Runs <paramref name="action"/> with the console captured; returns its exit code and what it printed.</summary>
    public static async Task<(int Exit, string Output)> CaptureAsync(Func<Task<int>> action)
    {
        var writer = new StringWriter();
        var previousOut = Console.Out;
        var previousConsole = AnsiConsole.Console;
        Console.SetOut(writer);
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        try
        {
            int exit = await action();
            return (exit, writer.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            AnsiConsole.Console = previousConsole;
        }
    }

    /// <summary>The last non-empty line of the output (commands print their main result last, alone).</summary>
    public static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].Trim();
}

/// <summary>Tests that capture the process-wide console.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleGroup
{
    public const string Name = "console";
}
