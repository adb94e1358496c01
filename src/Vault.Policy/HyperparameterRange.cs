using System.Collections.Immutable;
using System.Globalization;

namespace Vault.Policy;

/// <summary>The values a policy allows for one hyperparameter: a closed range <c>{ min, max }</c>, or a list
/// <c>{ allowed: [...] }</c>. For a list, <see cref="Min"/> and <see cref="Max"/> are its smallest and largest value.</summary>
public sealed class HyperparameterRange
{
    internal HyperparameterRange(double min, double max, ImmutableArray<double> allowed)
    {
        Min = min;
        Max = max;
        Allowed = allowed;
    }

    /// <summary>The smallest allowed value (inclusive).</summary>
    public double Min { get; }

    /// <summary>The largest allowed value (inclusive).</summary>
    public double Max { get; }

    /// <summary>The allowed values in document order when the policy lists them; empty for a closed range.</summary>
    public ImmutableArray<double> Allowed { get; }

    /// <summary>Whether <paramref name="value"/> is allowed: within [<see cref="Min"/>, <see cref="Max"/>], and one of
    /// <see cref="Allowed"/> when the policy lists values. NaN is never allowed.</summary>
    public bool Contains(double value) =>
        value >= Min && value <= Max && (Allowed.IsEmpty || Allowed.Contains(value));

    /// <summary>The range as messages show it: <c>[1, 10]</c> or <c>one of 3, 5, 7</c>.</summary>
    public override string ToString() => Allowed.IsEmpty
        ? $"[{Format(Min)}, {Format(Max)}]"
        : "one of " + string.Join(", ", Allowed.Select(Format));

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
