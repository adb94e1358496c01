using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vault.Ethereum.Abi;

namespace Vault.Ethereum.TypedData;

/// <summary>EIP-712 typed structured data (<c>eth_signTypedData_v4</c> JSON: <c>types</c>, <c>primaryType</c>,
/// <c>domain</c>, <c>message</c>) and its hashing: <c>encodeType</c>, <c>typeHash</c>, <c>hashStruct</c>, the domain
/// separator and the digest <c>keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct(message))</c>. Pure: no I/O.</summary>
public sealed class Eip712Document
{
    private const string DomainType = "EIP712Domain";
    private static readonly string[] DomainFieldOrder = ["name", "version", "chainId", "verifyingContract", "salt"];
    private static readonly Dictionary<string, string> DomainFieldTypes = new(StringComparer.Ordinal)
    {
        ["name"] = "string",
        ["version"] = "string",
        ["chainId"] = "uint256",
        ["verifyingContract"] = "address",
        ["salt"] = "bytes32",
    };

    private readonly Dictionary<string, IReadOnlyList<TypedDataField>> _types;

    /// <summary>Creates a document. When <paramref name="types"/> has no <c>EIP712Domain</c>, it is inferred from the
    /// domain's members in the EIP's order (name, version, chainId, verifyingContract, salt).</summary>
    public Eip712Document(IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> types, string primaryType, JsonObject domain, JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(primaryType);
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(message);
        _types = new Dictionary<string, IReadOnlyList<TypedDataField>>(types, StringComparer.Ordinal);
        if (!_types.ContainsKey(DomainType))
            _types[DomainType] = [.. DomainFieldOrder.Where(domain.ContainsKey).Select(n => new TypedDataField(n, DomainFieldTypes[n]))];
        if (!_types.ContainsKey(primaryType))
            throw new AbiFormatException($"Eip712Document: primary type '{primaryType}' is not among the types.");
        PrimaryType = primaryType;
        Domain = (JsonObject)domain.DeepClone();
        Message = (JsonObject)message.DeepClone();
    }

    /// <summary>The struct types, including <c>EIP712Domain</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TypedDataField>> Types => _types;

    /// <summary>The type of <see cref="Message"/>.</summary>
    public string PrimaryType { get; }

    /// <summary>The domain values (a copy).</summary>
    public JsonObject Domain { get; }

    /// <summary>The message values (a copy).</summary>
    public JsonObject Message { get; }

    /// <summary>Parses <c>eth_signTypedData_v4</c> JSON.</summary>
    /// <exception cref="AbiFormatException">Not typed-data JSON.</exception>
    public static Eip712Document Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var root = JsonNode.Parse(json)?.AsObject() ?? throw new AbiFormatException("Eip712Document.Parse: empty JSON.");
            var types = new Dictionary<string, IReadOnlyList<TypedDataField>>(StringComparer.Ordinal);
            foreach (var (name, fields) in Required(root, "types").AsObject())
                types[name] = [.. fields!.AsArray().Select(f => new TypedDataField(f!["name"]!.GetValue<string>(), f["type"]!.GetValue<string>()))];
            return new Eip712Document(types, Required(root, "primaryType").GetValue<string>(), Required(root, "domain").AsObject(), Required(root, "message").AsObject());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new AbiFormatException($"Eip712Document.Parse: not EIP-712 typed data: {e.Message}", e);
        }
    }

    /// <summary>The <c>eth_signTypedData_v4</c> JSON (as <c>cast wallet sign --data</c> takes it).</summary>
    public string ToJson(bool indented = false)
    {
        var types = new JsonObject();
        foreach (var (name, fields) in _types.OrderBy(t => t.Key == DomainType ? "" : t.Key, StringComparer.Ordinal))
            types[name] = new JsonArray([.. fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["type"] = f.Type })]);
        var root = new JsonObject
        {
            ["types"] = types,
            ["primaryType"] = PrimaryType,
            ["domain"] = Domain.DeepClone(),
            ["message"] = Message.DeepClone(),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = indented });
    }

    /// <summary><c>encodeType</c>: the primary type's definition followed by its dependencies sorted by name,
    /// e.g. <c>Mail(Person from,Person to,string contents)Person(string name,address wallet)</c>.</summary>
    public string EncodeType(string typeName)
    {
        var dependencies = new SortedSet<string>(StringComparer.Ordinal);
        CollectDependencies(typeName, dependencies);
        dependencies.Remove(typeName);
        var result = new StringBuilder();
        foreach (string name in (string[])[typeName, .. dependencies])
            result.Append(name).Append('(').AppendJoin(',', _types[name].Select(f => f.Type + " " + f.Name)).Append(')');
        return result.ToString();
    }

    /// <summary><c>typeHash = keccak256(encodeType(type))</c>.</summary>
    public Bytes32 TypeHash(string typeName) => Keccak256.Hash32(EncodeType(typeName));

    /// <summary><c>hashStruct(s) = keccak256(typeHash ‖ encodeData(s))</c>.</summary>
    /// <exception cref="AbiFormatException">A member is missing or does not fit its type.</exception>
    public Bytes32 HashStruct(string typeName, JsonObject value) => Keccak256.Hash32(EncodeData(typeName, value));

    /// <summary>The domain separator, <c>hashStruct(EIP712Domain, domain)</c>.</summary>
    public Bytes32 DomainSeparator => HashStruct(DomainType, Domain);

    /// <summary><c>hashStruct(primaryType, message)</c>.</summary>
    public Bytes32 MessageHash => HashStruct(PrimaryType, Message);

    /// <summary>The digest that is signed: <c>keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct(message))</c>.</summary>
    public Bytes32 Digest() => Keccak256.Hash32([0x19, 0x01, .. DomainSeparator.Span, .. MessageHash.Span]);

    /// <summary>Signs <see cref="Digest"/>.</summary>
    public EcdsaSignature Sign(EthereumKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Sign(Digest());
    }

    /// <summary><c>typeHash ‖ enc(member₁) ‖ … ‖ enc(memberₙ)</c>, each member 32 bytes.</summary>
    public byte[] EncodeData(string typeName, JsonObject value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!_types.TryGetValue(typeName, out var fields)) throw new AbiFormatException($"Eip712Document: unknown type '{typeName}'.");
        using var output = new MemoryStream();
        output.Write(TypeHash(typeName).Span);
        foreach (var field in fields)
        {
            if (!value.TryGetPropertyValue(field.Name, out var member) || member is null)
                throw new AbiFormatException($"Eip712Document: {typeName}.{field.Name} is missing.");
            output.Write(EncodeValue(field.Type, member, $"{typeName}.{field.Name}"));
        }
        return output.ToArray();
    }

    private byte[] EncodeValue(string type, JsonNode value, string path)
    {
        if (type.EndsWith(']'))
        {
            int open = type.LastIndexOf('[');
            string element = type[..open];
            var items = value as JsonArray ?? throw new AbiFormatException($"Eip712Document: {path} must be an array.");
            string length = type[(open + 1)..^1];
            if (length.Length > 0 && int.Parse(length, CultureInfo.InvariantCulture) != items.Count)
                throw new AbiFormatException($"Eip712Document: {path} must have {length} elements, has {items.Count}.");
            using var concatenated = new MemoryStream();
            for (int i = 0; i < items.Count; i++)
                concatenated.Write(EncodeValue(element, items[i] ?? throw new AbiFormatException($"Eip712Document: {path}[{i}] is null."), $"{path}[{i}]"));
            return Keccak256.Hash(concatenated.ToArray());
        }
        if (_types.ContainsKey(type))
            return HashStruct(type, value as JsonObject ?? throw new AbiFormatException($"Eip712Document: {path} must be an object of type {type}.")).ToArray();
        try
        {
            switch (type)
            {
                case "string":
                    return Keccak256.Hash(value.GetValue<string>());
                case "bytes":
                    return Keccak256.Hash(Hex.Decode(value.GetValue<string>()));
            }
            var abiType = AbiType.Parse(type);
            object clr = abiType.Kind switch
            {
                AbiKind.UInt or AbiKind.Int => Integer(value),
                AbiKind.Address => EthereumAddress.Parse(value.GetValue<string>()),
                AbiKind.Bool => value.GetValue<bool>(),
                AbiKind.FixedBytes => Hex.Decode(value.GetValue<string>()),
                _ => throw new AbiFormatException($"Eip712Document: {path} has unsupported type '{type}'."),
            };
            return AbiEncoding.Encode(abiType, clr);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or AbiFormatException)
        {
            throw new AbiFormatException($"Eip712Document: {path} ({type}): {e.Message}", e);
        }
    }

    /// <summary>Integers may be JSON numbers, decimal strings or 0x-hex strings (as wallets write them).</summary>
    private static BigInteger Integer(JsonNode value)
    {
        var v = value as JsonValue ?? throw new FormatException("not an integer");
        if (v.TryGetValue<string>(out string? text))
            return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? Hex.DecodeQuantity(text) : BigInteger.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        if (v.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number)
            return BigInteger.Parse(element.GetRawText(), NumberStyles.Integer, CultureInfo.InvariantCulture);
        if (v.TryGetValue<ulong>(out ulong unsigned)) return unsigned;
        if (v.TryGetValue<long>(out long signed)) return signed;
        throw new FormatException("not an integer");
    }

    private void CollectDependencies(string typeName, SortedSet<string> found)
    {
        string baseName = typeName.Contains('[', StringComparison.Ordinal) ? typeName[..typeName.IndexOf('[', StringComparison.Ordinal)] : typeName;
        if (!_types.TryGetValue(baseName, out var fields) || !found.Add(baseName)) return;
        foreach (var field in fields) CollectDependencies(field.Type, found);
    }

    private static JsonNode Required(JsonObject root, string name) =>
        root[name] ?? throw new AbiFormatException($"Eip712Document.Parse: '{name}' is missing.");
}
