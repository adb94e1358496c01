using System.Numerics;

namespace Vault.Ethereum.Rpc;

/// <summary>Fees for a new transaction: EIP-1559 caps, or a legacy gas price when the node has no base fee.</summary>
/// <param name="MaxFeePerGas">EIP-1559 cap (2 × next base fee + tip).</param>
/// <param name="MaxPriorityFeePerGas">EIP-1559 tip.</param>
/// <param name="GasPrice">Legacy gas price, set only when <see cref="IsLegacy"/>.</param>
public sealed record FeeEstimate(BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas, BigInteger GasPrice)
{
    /// <summary>True when the node has no EIP-1559 base fee and a legacy transaction must be sent.</summary>
    public bool IsLegacy => MaxFeePerGas.IsZero;
}
