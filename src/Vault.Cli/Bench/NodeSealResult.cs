using System.Globalization;
using System.Text.Json;

namespace Vault.Cli.Bench;

/// <summary>What <c>seal-bench.js</c> measured at one N: SEAL's primes and one timing per operation (null where
/// node-seal does not expose the operation, such as the NTT).</summary>
/// <param name="LogN">log2(N).</param>
/// <param name="Version">node-seal's version.</param>
/// <param name="NodeVersion">Node.js version.</param>
/// <param name="Primes">SEAL's coefficient modulus, the special prime last, in decimal.</param>
/// <param name="Timings">Per operation id; null when not exposed.</param>
internal sealed record NodeSealResult(
    int LogN,
    string Version,
    string NodeVersion,
    IReadOnlyList<string> Primes,
    IReadOnlyDictionary<string, OperationTiming?> Timings)
{
    /// <summary>Reads the JSON document printed by <c>seal-bench.js --n <paramref name="logN"/></c>.</summary>
    public static NodeSealResult Parse(string json, int logN)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var result = root.GetProperty("results").EnumerateArray().FirstOrDefault(r => r.GetProperty("logN").GetInt32() == logN);
        if (result.ValueKind != JsonValueKind.Object) throw new InvalidOperationException($"no result for N = 2^{logN}");
        var timings = new Dictionary<string, OperationTiming?>(StringComparer.Ordinal);
        foreach (var op in result.GetProperty("ops").EnumerateObject())
        {
            if (op.Value.ValueKind == JsonValueKind.Null)
            {
                timings[op.Name] = null;
                continue;
            }
            var v = op.Value;
            timings[op.Name] = new OperationTiming(
                op.Name,
                v.GetProperty("clock").GetString() ?? "?",
                v.GetProperty("median_us").GetDouble(),
                v.GetProperty("min_us").GetDouble(),
                v.GetProperty("max_us").GetDouble(),
                v.GetProperty("cv").GetDouble(),
                v.GetProperty("wall_median_us").GetDouble(),
                v.GetProperty("repetitions").GetInt32(),
                v.GetProperty("calls_per_repetition").GetInt64(),
                null);
        }
        var primes = result.GetProperty("primes").EnumerateArray().Select(p => p.GetString() ?? throw new FormatException("null prime")).ToArray();
        foreach (string p in primes) _ = ulong.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture);
        return new NodeSealResult(logN, root.GetProperty("version").GetString() ?? "?", root.GetProperty("node").GetString() ?? "?", primes, timings);
    }
}
