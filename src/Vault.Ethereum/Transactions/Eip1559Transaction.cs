using System.Numerics;

namespace Vault.Ethereum.Transactions;

/// <summary>An EIP-1559 (type 2) transaction: 0x02 ‖ RLP([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit,
/// to, value, data, accessList, yParity, r, s]); the signing payload omits the last three.</summary>
public sealed record Eip1559Transaction : EthereumTransaction
{
    /// <summary>The type byte.</summary>
    public const byte TypeByte = 0x02;

    private readonly BigInteger _maxPriorityFeePerGas;
    private readonly BigInteger _maxFeePerGas;

    /// <summary>Tip per gas to the block producer.</summary>
    public required BigInteger MaxPriorityFeePerGas
    {
        get => _maxPriorityFeePerGas;
        init => _maxPriorityFeePerGas = CheckNonNegative(value, nameof(MaxPriorityFeePerGas));
    }

    /// <summary>Cap on base fee + tip per gas.</summary>
    public required BigInteger MaxFeePerGas
    {
        get => _maxFeePerGas;
        init => _maxFeePerGas = CheckNonNegative(value, nameof(MaxFeePerGas));
    }

    /// <summary>EIP-2930 access list (usually empty).</summary>
    public IReadOnlyList<AccessListEntry> AccessList { get; init; } = [];

    /// <inheritdoc/>
    public override byte[] EncodeForSigning() => [TypeByte, .. Rlp.EncodeList(Fields())];

    /// <inheritdoc/>
    public override byte[] EncodeSigned(EcdsaSignature signature) =>
        [TypeByte, .. Rlp.EncodeList([.. Fields(), Rlp.EncodeInteger(signature.RecoveryId), EncodeInteger(signature.R), EncodeInteger(signature.S)])];

    private byte[][] Fields() =>
    [
        Rlp.EncodeInteger(ChainId), Rlp.EncodeInteger(Nonce), EncodeInteger(MaxPriorityFeePerGas), EncodeInteger(MaxFeePerGas),
        Rlp.EncodeInteger(GasLimit), EncodeTo(), EncodeInteger(Value), Rlp.EncodeBytes(Data.Span), EncodeAccessList(),
    ];

    private byte[] EncodeAccessList() => Rlp.EncodeList([.. AccessList.Select(e => Rlp.EncodeList(
        Rlp.EncodeBytes(e.Address.Span),
        Rlp.EncodeList([.. e.StorageKeys.Select(k => Rlp.EncodeBytes(k.Span))])))]);
}
