using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Vault.Engine.Datasets;

/// <summary>Canonical JSON as RFC 8785 (JSON Canonicalization Scheme) defines it, for the values Vault writes: object
/// keys sorted by UTF-16 code units, no insignificant whitespace, strings with only the mandatory escapes, numbers in
/// the ECMAScript <c>Number.prototype.toString</c> form of the shortest round-trip double, UTF-8 without a byte order
/// mark. One value has exactly one encoding, so its SHA-256 identifies it.</summary>
public static class CanonicalJson
{
    /// <summary>Largest integer magnitude written or accepted (2^53, the I-JSON limit: exact in a double).</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_992;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The canonical UTF-8 bytes of <paramref name="node"/>.</summary>
    /// <exception cref="ArgumentException">A number is not finite or an integer exceeds 2^53; a string is not valid UTF-16.</exception>
    public static byte[] Encode(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var text = new StringBuilder(4096);
        Write(node, text);
        return StrictUtf8.GetBytes(text.ToString());
    }

    private static void Write(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                {
                    var keys = new List<string>(obj.Count);
                    foreach (var (key, _) in obj) keys.Add(key);
                    keys.Sort(StringComparer.Ordinal);
                    text.Append('{');
                    for (int i = 0; i < keys.Count; i++)
                    {
                        if (i > 0) text.Append(',');
                        WriteString(keys[i], text);
                        text.Append(':');
                        Write(obj[keys[i]], text);
                    }
                    text.Append('}');
                    break;
                }
            case JsonArray array:
                text.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    Write(array[i], text);
                }
                text.Append(']');
                break;
            case JsonValue value:
                WriteValue(value, text);
                break;
            default:
                throw new ArgumentException($"CanonicalJson: unsupported node {node.GetType().Name}.", nameof(node));
        }
    }

    private static void WriteValue(JsonValue value, StringBuilder text)
    {
        if (value.TryGetValue(out string? s)) WriteString(s, text);
        else if (value.TryGetValue(out bool b)) text.Append(b ? "true" : "false");
        else if (value.TryGetValue(out long l)) text.Append(FormatInteger(l));
        else if (value.TryGetValue(out int i)) text.Append(FormatInteger(i));
        else if (value.TryGetValue(out double d)) text.Append(FormatNumber(d));
        else throw new ArgumentException($"CanonicalJson: unsupported value {value}.", nameof(value));
    }

    private static string FormatInteger(long value)
    {
        if (value is > MaxSafeInteger or < -MaxSafeInteger)
            throw new ArgumentException($"CanonicalJson: integer {value} exceeds 2^53 and would not survive a JSON parser that reads doubles.", nameof(value));
        return value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>ECMAScript's Number::toString (ECMA-262 §6.1.6.1.20) of the shortest digits that round-trip
    /// <paramref name="value"/>: what RFC 8785 §3.2.2.3 prescribes.</summary>
    /// <exception cref="ArgumentException">NaN or an infinity (JSON has neither).</exception>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"CanonicalJson: {value} is not a finite number.", nameof(value));
        if (value == 0) return "0";                                   // also −0
        string r = value.ToString("R", CultureInfo.InvariantCulture);   // shortest round-trip: "1.5", "1E-07", "-1.2345E+21"
        bool negative = r[0] == '-';
        if (negative) r = r[1..];
        int e = r.IndexOf('E', StringComparison.Ordinal);
        string mantissa = e < 0 ? r : r[..e];
        int exponent = e < 0 ? 0 : int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        int integerDigits = dot < 0 ? mantissa.Length : dot;
        int leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0') leadingZeros++;
        digits = digits[leadingZeros..].TrimEnd('0');
        // value = 0.d1d2…dk × 10^n
        int n = integerDigits + exponent - leadingZeros, k = digits.Length;
        string text;
        if (k <= n && n <= 21) text = digits + new string('0', n - k);
        else if (n is > 0 and <= 21) text = digits[..n] + "." + digits[n..];
        else if (n is > -6 and <= 0) text = "0." + new string('0', -n) + digits;
        else
        {
            int shown = n - 1;
            text = digits[..1] + (k > 1 ? "." + digits[1..] : "") + "e" + (shown >= 0 ? "+" : "-")
                + Math.Abs(shown).ToString(CultureInfo.InvariantCulture);
        }
        return negative ? "-" + text : text;
    }

    private static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsSurrogate(c))
                    {
                        if (!char.IsHighSurrogate(c) || i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                            throw new ArgumentException("CanonicalJson: a string holds a lone surrogate (not valid Unicode).", nameof(value));
                        text.Append(c).Append(value[++i]);
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        text.Append('"');
    }
}
