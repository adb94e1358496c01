namespace Vault.Ethereum.Abi;

/// <summary>A contract function: its selector, and how to encode a call and decode what it returns.</summary>
public sealed class AbiFunction
{
    /// <summary>Creates a function from its name, inputs and outputs.</summary>
    public AbiFunction(string name, IReadOnlyList<AbiParameter> inputs, IReadOnlyList<AbiParameter> outputs, string stateMutability)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        Outputs = outputs ?? throw new ArgumentNullException(nameof(outputs));
        StateMutability = stateMutability ?? "nonpayable";
        Signature = $"{name}({string.Join(",", inputs.Select(p => p.Type.CanonicalName))})";
        Selector = AbiEncoding.Selector(Signature);
    }

    /// <summary>The function's name.</summary>
    public string Name { get; }

    /// <summary>Its inputs.</summary>
    public IReadOnlyList<AbiParameter> Inputs { get; }

    /// <summary>Its outputs.</summary>
    public IReadOnlyList<AbiParameter> Outputs { get; }

    /// <summary><c>pure</c>, <c>view</c>, <c>nonpayable</c> or <c>payable</c>.</summary>
    public string StateMutability { get; }

    /// <summary>The canonical signature, e.g. <c>registerDataset(string,bytes32,bytes32)</c>.</summary>
    public string Signature { get; }

    /// <summary>The first 4 bytes of Keccak-256 of <see cref="Signature"/>.</summary>
    public ReadOnlyMemory<byte> Selector { get; }

    /// <summary>Parses a human-readable signature such as <c>transfer(address,uint256)</c> (no outputs).</summary>
    public static AbiFunction Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        int open = signature.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !signature.EndsWith(')')) throw new AbiFormatException($"AbiFunction.Parse: '{signature}' is not name(types).");
        var types = AbiType.ParseList(signature[(open + 1)..^1]);
        return new AbiFunction(signature[..open], [.. types.Select(t => new AbiParameter("", t, false, []))], [], "nonpayable");
    }

    /// <summary>Selector followed by the ABI encoding of <paramref name="arguments"/>.</summary>
    /// <exception cref="AbiFormatException">Wrong count or a value that does not fit.</exception>
    public byte[] EncodeCall(params object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Length != Inputs.Count)
            throw new AbiFormatException($"AbiFunction.EncodeCall: {Signature} takes {Inputs.Count} argument(s), got {arguments.Length}.");
        byte[] body = AbiEncoding.Encode([.. Inputs.Select(p => p.Type)], arguments);
        return [.. Selector.Span, .. body];
    }

    /// <summary>Decodes return data into one value per output.</summary>
    public object?[] DecodeOutput(ReadOnlySpan<byte> data) => AbiEncoding.Decode([.. Outputs.Select(p => p.Type)], data);

    /// <summary>Decodes call data (selector checked) into one value per input.</summary>
    public object?[] DecodeCall(ReadOnlySpan<byte> data)
    {
        if (data.Length < 4 || !data[..4].SequenceEqual(Selector.Span))
            throw new AbiFormatException($"AbiFunction.DecodeCall: the data does not start with the selector of {Signature}.");
        return AbiEncoding.Decode([.. Inputs.Select(p => p.Type)], data[4..]);
    }

    /// <summary>The signature.</summary>
    public override string ToString() => Signature;
}
