using System.Globalization;
using System.Text.RegularExpressions;

namespace Vault.Policy;

/// <summary>The textual forms a policy uses (addresses, digests, durations, instants, names), shared by the parser and
/// the evaluator. The same patterns are in <c>enclave-policies/policy.schema.json</c>.</summary>
internal static partial class Syntax
{
    /// <summary>The longest period a budget may use: 36 500 days.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(36_500);

    /// <summary>Lowercases <paramref name="text"/> when it is <c>0x</c> and 40 hex digits (any case; EIP-55 checksums
    /// are not verified).</summary>
    public static bool TryNormaliseAddress(string text, out string address)
    {
        address = AddressPattern().IsMatch(text) ? text.ToLowerInvariant() : "";
        return address.Length != 0;
    }

    /// <summary>Lowercases <paramref name="text"/> when it is <c>sha256:</c> and 64 hex digits (any case).</summary>
    public static bool TryNormaliseDigest(string text, out string digest)
    {
        digest = DigestPattern().IsMatch(text) ? text.ToLowerInvariant() : "";
        return digest.Length != 0;
    }

    /// <summary>Reads an ISO 8601 duration of whole days and hours (<c>P30D</c>, <c>PT12H</c>, <c>P1DT12H</c>),
    /// positive and at most <see cref="MaxPeriod"/>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var m = DurationPattern().Match(text);
        if (!m.Success) return false;
        int days = m.Groups["d"].Success ? int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) : 0;
        int hours = m.Groups["h"].Success ? int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        duration = TimeSpan.FromDays(days) + TimeSpan.FromHours(hours);
        return duration > TimeSpan.Zero && duration <= MaxPeriod;
    }

    /// <summary>Writes <paramref name="duration"/> (whole hours) as ISO 8601, as the policy would.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        long hours = (long)duration.TotalHours;
        long days = hours / 24;
        hours %= 24;
        return string.Create(CultureInfo.InvariantCulture,
            $"P{(days > 0 ? $"{days}D" : "")}{(hours > 0 ? $"T{hours}H" : "")}");
    }

    /// <summary>Reads an RFC 3339 instant with an explicit offset (<c>2026-01-01T00:00:00Z</c>,
    /// <c>2026-01-01T01:00:00+01:00</c>, optional fraction of up to 7 digits).</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        return InstantPattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    /// <summary>Writes an instant for messages (round-trip form).</summary>
    public static string FormatInstant(DateTimeOffset instant) => instant.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="text"/> is a valid policy name: a letter or digit, then up to 63 letters,
    /// digits, dots, dashes or underscores.</summary>
    public static bool IsName(string text) => NamePattern().IsMatch(text);

    /// <summary>Whether <paramref name="text"/> is a valid hyperparameter name: camelCase ASCII, up to 64 characters.</summary>
    public static bool IsHyperparameterName(string text) => HyperparameterNamePattern().IsMatch(text);

    [GeneratedRegex(@"^0x[0-9a-fA-F]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"^sha256:[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^P(?:(?<d>[0-9]{1,5})D|T(?<h>[0-9]{1,6})H|(?<d>[0-9]{1,5})DT(?<h>[0-9]{1,6})H)$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex InstantPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-z][A-Za-z0-9]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex HyperparameterNamePattern();
}
