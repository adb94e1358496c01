using System.Diagnostics.CodeAnalysis;

namespace Vault.Policy;

/// <summary>Text is not a valid enclave policy (<c>enclave-policies/README.md</c>): not YAML, not UTF-8, an unknown,
/// duplicate or missing key, a value of the wrong type or out of range, or an unsupported version.
/// <see cref="Line"/> and <see cref="Column"/> (1-based) locate the offending node; the message says what to write
/// instead.</summary>
[SuppressMessage("Design", "CA1032:Implement standard exception constructors",
    Justification = "Every policy error has a position; a constructor without one would make Line and Column meaningless.")]
public sealed class PolicyFormatException : Exception
{
    /// <summary>Creates the exception for a problem at <paramref name="line"/>, <paramref name="column"/>.</summary>
    /// <param name="line">The 1-based line of the offending node.</param>
    /// <param name="column">The 1-based column of the offending node.</param>
    /// <param name="problem">What is wrong and what to write instead.</param>
    public PolicyFormatException(int line, int column, string problem)
        : base($"line {line}, column {column}: {problem}")
    {
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The 1-based line of the offending node.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the offending node.</summary>
    public int Column { get; }

    /// <summary>The message without its position: what is wrong and what to write instead.</summary>
    public string Problem { get; }
}
