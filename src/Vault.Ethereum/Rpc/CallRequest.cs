using System.Numerics;

namespace Vault.Ethereum.Rpc;

/// <summary>The transaction-shaped argument of <c>eth_call</c> and <c>eth_estimateGas</c>.</summary>
public sealed record CallRequest
{
    /// <summary>Sender (matters for <c>msg.sender</c> checks).</summary>
    public EthereumAddress? From { get; init; }

    /// <summary>Recipient; null estimates a contract creation.</summary>
    public EthereumAddress? To { get; init; }

    /// <summary>Call data or init code.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Wei sent.</summary>
    public BigInteger Value { get; init; }

    /// <summary>Gas limit for the call, or null for the node's default.</summary>
    public ulong? Gas { get; init; }
}
