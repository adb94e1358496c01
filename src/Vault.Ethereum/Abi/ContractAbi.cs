using System.Text.Json;

namespace Vault.Ethereum.Abi;

/// <summary>A contract's JSON ABI (as solc writes it): its functions, events and custom errors by name.</summary>
public sealed class ContractAbi
{
    private readonly Dictionary<string, AbiFunction> _functions;
    private readonly Dictionary<string, AbiEvent> _events;
    private readonly List<AbiError> _errors;

    private ContractAbi(string json, List<AbiFunction> functions, List<AbiEvent> events, List<AbiError> errors)
    {
        Json = json;
        _functions = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
        _events = events.ToDictionary(e => e.Name, StringComparer.Ordinal);
        _errors = errors;
    }

    /// <summary>The JSON ABI text as parsed.</summary>
    public string Json { get; }

    /// <summary>All functions.</summary>
    public IEnumerable<AbiFunction> Functions => _functions.Values;

    /// <summary>All events.</summary>
    public IEnumerable<AbiEvent> Events => _events.Values;

    /// <summary>All custom errors.</summary>
    public IReadOnlyList<AbiError> Errors => _errors;

    /// <summary>Parses a JSON ABI array. Overloaded functions are not supported (the contracts here have none).</summary>
    /// <exception cref="AbiFormatException">Not a JSON ABI, or an overloaded name.</exception>
    public static ContractAbi Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new AbiFormatException($"ContractAbi.Parse: not JSON: {e.Message}", e);
        }
    }

    /// <summary>Parses a JSON ABI array element.</summary>
    public static ContractAbi Parse(JsonElement abi)
    {
        if (abi.ValueKind != JsonValueKind.Array) throw new AbiFormatException("ContractAbi.Parse: the ABI must be a JSON array.");
        var functions = new List<AbiFunction>();
        var events = new List<AbiEvent>();
        var errors = new List<AbiError>();
        foreach (var entry in abi.EnumerateArray())
        {
            string kind = entry.TryGetProperty("type", out var t) ? t.GetString() ?? "function" : "function";
            string name = entry.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
            var inputs = entry.TryGetProperty("inputs", out var i) ? Parameters(i) : [];
            switch (kind)
            {
                case "function":
                    var outputs = entry.TryGetProperty("outputs", out var o) ? Parameters(o) : [];
                    string mutability = entry.TryGetProperty("stateMutability", out var m) ? m.GetString() ?? "nonpayable" : "nonpayable";
                    if (functions.Any(f => f.Name == name)) throw new AbiFormatException($"ContractAbi.Parse: overloaded function '{name}' is not supported.");
                    functions.Add(new AbiFunction(name, inputs, outputs, mutability));
                    break;
                case "event":
                    if (events.Any(e => e.Name == name)) throw new AbiFormatException($"ContractAbi.Parse: overloaded event '{name}' is not supported.");
                    events.Add(new AbiEvent(name, inputs));
                    break;
                case "error":
                    errors.Add(new AbiError(name, inputs));
                    break;
            }
        }
        return new ContractAbi(abi.GetRawText(), functions, events, errors);
    }

    /// <summary>The function called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such function.</exception>
    public AbiFunction Function(string name) =>
        _functions.TryGetValue(name, out var f) ? f : throw new KeyNotFoundException($"ContractAbi: no function '{name}'.");

    /// <summary>The event called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such event.</exception>
    public AbiEvent Event(string name) =>
        _events.TryGetValue(name, out var e) ? e : throw new KeyNotFoundException($"ContractAbi: no event '{name}'.");

    /// <summary>Decodes revert data with this contract's custom errors (and <c>Error(string)</c>, <c>Panic(uint256)</c>).</summary>
    public RevertReason DecodeRevert(ReadOnlySpan<byte> revertData) => RevertReason.Decode(revertData, _errors);

    private static List<AbiParameter> Parameters(JsonElement array)
    {
        var result = new List<AbiParameter>();
        foreach (var p in array.EnumerateArray()) result.Add(Parameter(p));
        return result;
    }

    private static AbiParameter Parameter(JsonElement p)
    {
        string name = p.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
        string type = p.GetProperty("type").GetString() ?? throw new AbiFormatException("ContractAbi.Parse: a parameter has no type.");
        bool indexed = p.TryGetProperty("indexed", out var ix) && ix.ValueKind == JsonValueKind.True;
        if (!type.StartsWith("tuple", StringComparison.Ordinal))
            return new AbiParameter(name, AbiType.Parse(type), indexed, []);
        var components = Parameters(p.GetProperty("components"));
        string tupleName = "(" + string.Join(",", components.Select(c => c.Type.CanonicalName)) + ")";
        return new AbiParameter(name, AbiType.Parse(tupleName + type["tuple".Length..]), indexed, components);
    }
}
