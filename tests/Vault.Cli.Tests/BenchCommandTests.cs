using System.CommandLine;

namespace Vault.Cli.Tests;

public class BenchCommandTests
{
    [Fact]
    public void Parse_UnsupportedN_FailsWithClearError()
    {
        var root = new RootCommand { BenchCommand.Create() };

        var result = root.Parse(["bench", "ckks", "--n", "99", "--no-seal"]);

        var error = Assert.Single(result.Errors);
        Assert.Contains("--n: '99' is not supported", error.Message, StringComparison.Ordinal);
        Assert.Contains("13, 14, 15", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_UnsupportedN_ExitsNonZeroAndPrintsTheError()
    {
        var root = new RootCommand { BenchCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = root.Parse(["bench", "ckks", "--n", "13,99"]).Invoke(new InvocationConfiguration { Output = output, Error = error });

        Assert.NotEqual(0, exit);
        Assert.Contains("'99' is not supported", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("14", new[] { 14 })]
    [InlineData("15,13", new[] { 15, 13 })]
    [InlineData("13, 13", new[] { 13 })]
    public void Parse_SupportedN_ReturnsTheSizesInOrder(string value, int[] expected)
    {
        var bench = BenchCommand.Create();
        var root = new RootCommand { bench };

        var result = root.Parse(["bench", "ckks", "--n", value]);

        Assert.Empty(result.Errors);
        var option = bench.Subcommands.Single().Options.OfType<Option<int[]>>().Single();
        Assert.Equal(expected, result.GetValue(option));
    }
}
