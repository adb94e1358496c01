namespace Vault.Ethereum.Abi;

/// <summary>A Solidity custom error (<c>error NotAuthorised(bytes32 datasetKey, address caller)</c>) or one of the
/// built-in <c>Error(string)</c> and <c>Panic(uint256)</c>.</summary>
public sealed class AbiError
{
    /// <summary>Creates an error from its name and inputs.</summary>
    public AbiError(string name, IReadOnlyList<AbiParameter> inputs)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        Signature = $"{name}({string.Join(",", inputs.Select(p => p.Type.CanonicalName))})";
        Selector = AbiEncoding.Selector(Signature);
    }

    /// <summary><c>Error(string)</c>: what <c>require(cond, "reason")</c> and <c>revert("reason")</c> return.</summary>
    public static AbiError ErrorString { get; } = new("Error", [new AbiParameter("reason", AbiType.String, false, [])]);

    /// <summary><c>Panic(uint256)</c>: assertion failures, overflow, division by zero, …</summary>
    public static AbiError Panic { get; } = new("Panic", [new AbiParameter("code", AbiType.UInt256, false, [])]);

    /// <summary>The error's name.</summary>
    public string Name { get; }

    /// <summary>Its inputs.</summary>
    public IReadOnlyList<AbiParameter> Inputs { get; }

    /// <summary>The canonical signature.</summary>
    public string Signature { get; }

    /// <summary>The 4-byte selector that starts the revert data.</summary>
    public ReadOnlyMemory<byte> Selector { get; }

    /// <summary>True when <paramref name="revertData"/> starts with this error's selector.</summary>
    public bool Matches(ReadOnlySpan<byte> revertData) => revertData.Length >= 4 && revertData[..4].SequenceEqual(Selector.Span);

    /// <summary>Decodes the arguments after the selector.</summary>
    /// <exception cref="AbiFormatException">Not this error, or malformed.</exception>
    public object?[] Decode(ReadOnlySpan<byte> revertData)
    {
        if (!Matches(revertData)) throw new AbiFormatException($"AbiError.Decode: the data is not {Signature}.");
        return AbiEncoding.Decode([.. Inputs.Select(p => p.Type)], revertData[4..]);
    }

    /// <summary>Selector and arguments, as a contract would revert with them.</summary>
    public byte[] Encode(params object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return [.. Selector.Span, .. AbiEncoding.Encode([.. Inputs.Select(p => p.Type)], arguments)];
    }

    /// <summary>The signature.</summary>
    public override string ToString() => Signature;
}
