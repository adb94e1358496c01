using System.Numerics;

namespace Vault.Ethereum.Transactions;

/// <summary>A legacy (type 0) transaction signed with EIP-155 replay protection: the signing payload is
/// RLP(nonce, gasPrice, gasLimit, to, value, data, chainId, 0, 0) and v = 35 + 2·chainId + recovery id.</summary>
public sealed record LegacyTransaction : EthereumTransaction
{
    private readonly BigInteger _gasPrice;

    /// <summary>Wei per gas.</summary>
    public required BigInteger GasPrice
    {
        get => _gasPrice;
        init => _gasPrice = CheckNonNegative(value, nameof(GasPrice));
    }

    /// <inheritdoc/>
    public override byte[] EncodeForSigning() => Rlp.EncodeList(
        Rlp.EncodeInteger(Nonce), EncodeInteger(GasPrice), Rlp.EncodeInteger(GasLimit), EncodeTo(), EncodeInteger(Value),
        Rlp.EncodeBytes(Data.Span), Rlp.EncodeInteger(ChainId), Rlp.EncodeBytes([]), Rlp.EncodeBytes([]));

    /// <inheritdoc/>
    public override byte[] EncodeSigned(EcdsaSignature signature) => Rlp.EncodeList(
        Rlp.EncodeInteger(Nonce), EncodeInteger(GasPrice), Rlp.EncodeInteger(GasLimit), EncodeTo(), EncodeInteger(Value),
        Rlp.EncodeBytes(Data.Span), Rlp.EncodeInteger(V(signature)), EncodeInteger(signature.R), EncodeInteger(signature.S));

    /// <summary>v = 35 + 2·chainId + recovery id.</summary>
    public BigInteger V(EcdsaSignature signature) => 35 + 2 * (BigInteger)ChainId + signature.RecoveryId;
}
