using System.Text.Json;
using Vault.Ethereum.Abi;

namespace Vault.Ethereum.Contracts;

/// <summary>A compiled contract as tests/peers/ethereum/compile.js writes it: ABI, creation bytecode, runtime bytecode
/// and the compiler that produced them.</summary>
/// <param name="ContractName">The Solidity contract's name.</param>
/// <param name="Compiler">The compiler version.</param>
/// <param name="Abi">The parsed ABI.</param>
/// <param name="Bytecode">Creation code (constructor + runtime).</param>
/// <param name="DeployedBytecode">Runtime code (immutables not yet filled in).</param>
public sealed record ContractArtifact(string ContractName, string Compiler, ContractAbi Abi, ReadOnlyMemory<byte> Bytecode, ReadOnlyMemory<byte> DeployedBytecode)
{
    /// <summary>Parses the artifact JSON.</summary>
    /// <exception cref="AbiFormatException">Not an artifact.</exception>
    public static ContractArtifact Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new ContractArtifact(
                root.GetProperty("contractName").GetString()!,
                root.GetProperty("compiler").GetString()!,
                ContractAbi.Parse(root.GetProperty("abi")),
                Hex.Decode(root.GetProperty("bytecode").GetString()!),
                Hex.Decode(root.GetProperty("deployedBytecode").GetString()!));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new AbiFormatException($"ContractArtifact.Parse: not a compiled-contract artifact: {e.Message}", e);
        }
    }

    /// <summary>Reads an artifact embedded in this assembly (Contracts/&lt;name&gt;.json).</summary>
    internal static ContractArtifact LoadEmbedded(string contractName)
    {
        string resource = $"Vault.Ethereum.Contracts.{contractName}.json";
        using var stream = typeof(ContractArtifact).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"ContractArtifact: resource {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>The embedded artifact's JSON text, exactly as committed.</summary>
    internal static string EmbeddedJson(string contractName)
    {
        using var stream = typeof(ContractArtifact).Assembly.GetManifestResourceStream($"Vault.Ethereum.Contracts.{contractName}.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
