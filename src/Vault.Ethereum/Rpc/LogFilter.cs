namespace Vault.Ethereum.Rpc;

/// <summary>An <c>eth_getLogs</c> filter over an inclusive block range.</summary>
public sealed record LogFilter
{
    /// <summary>First block (inclusive).</summary>
    public required ulong FromBlock { get; init; }

    /// <summary>Last block (inclusive); null means the latest block.</summary>
    public ulong? ToBlock { get; init; }

    /// <summary>Only logs of this contract, or any contract when null.</summary>
    public EthereumAddress? Address { get; init; }

    /// <summary>Positional topics; null at a position matches anything.</summary>
    public IReadOnlyList<Bytes32?> Topics { get; init; } = [];
}
