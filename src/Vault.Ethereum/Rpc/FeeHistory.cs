using System.Numerics;

namespace Vault.Ethereum.Rpc;

/// <summary>What <c>eth_feeHistory</c> returns.</summary>
/// <param name="OldestBlock">The first block covered.</param>
/// <param name="BaseFeePerGas">Base fee per block, plus one more entry: the next block's base fee.</param>
/// <param name="Reward">Per block, the priority fees at the requested percentiles.</param>
public sealed record FeeHistory(ulong OldestBlock, IReadOnlyList<BigInteger> BaseFeePerGas, IReadOnlyList<IReadOnlyList<BigInteger>> Reward);
