namespace Vault.Ethereum.Abi;

/// <summary>A contract event: topic 0 and the decoding of a log into named values.</summary>
public sealed class AbiEvent
{
    /// <summary>Creates an event from its name and inputs.</summary>
    public AbiEvent(string name, IReadOnlyList<AbiParameter> inputs)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        Signature = $"{name}({string.Join(",", inputs.Select(p => p.Type.CanonicalName))})";
        Topic = Keccak256.Hash32(Signature);
    }

    /// <summary>The event's name.</summary>
    public string Name { get; }

    /// <summary>Its inputs (some indexed).</summary>
    public IReadOnlyList<AbiParameter> Inputs { get; }

    /// <summary>The canonical signature.</summary>
    public string Signature { get; }

    /// <summary>Topic 0: Keccak-256 of the signature.</summary>
    public Bytes32 Topic { get; }

    /// <summary>Decodes a log's topics and data into one value per input, by name. Indexed static values come back
    /// decoded; indexed dynamic values (strings, bytes, arrays, tuples) come back as their <see cref="Bytes32"/> hash,
    /// which is all a topic holds.</summary>
    /// <exception cref="AbiFormatException">Wrong topic 0, wrong topic count, or malformed data.</exception>
    public IReadOnlyDictionary<string, object?> Decode(IReadOnlyList<Bytes32> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0 || topics[0] != Topic)
            throw new AbiFormatException($"AbiEvent.Decode: the log is not {Signature}.");
        var indexed = Inputs.Where(p => p.Indexed).ToList();
        if (topics.Count != indexed.Count + 1)
            throw new AbiFormatException($"AbiEvent.Decode: {Signature} has {indexed.Count} indexed input(s) but the log has {topics.Count - 1} topic(s).");
        var unindexed = Inputs.Where(p => !p.Indexed).ToList();
        object?[] values = AbiEncoding.Decode([.. unindexed.Select(p => p.Type)], data);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        int topic = 1, value = 0;
        foreach (var input in Inputs)
        {
            if (input.Indexed)
            {
                var t = topics[topic++];
                result[input.Name] = input.Type.IsDynamic || input.Type.Kind is AbiKind.Tuple or AbiKind.FixedArray
                    ? t
                    : AbiEncoding.Decode(input.Type, t.Span);
            }
            else
            {
                result[input.Name] = values[value++];
            }
        }
        return result;
    }

    /// <summary>The signature.</summary>
    public override string ToString() => Signature;
}
