using System.Numerics;

namespace Vault.Ethereum.Transactions;

/// <summary>A signed transaction: the raw bytes for <c>eth_sendRawTransaction</c>, its hash (Keccak-256 of the raw
/// bytes, the id nodes report) and the sender.</summary>
public sealed class SignedTransaction
{
    internal SignedTransaction(EthereumTransaction transaction, EcdsaSignature signature, byte[] raw, EthereumAddress sender)
    {
        Transaction = transaction;
        Signature = signature;
        Raw = raw;
        Sender = sender;
        Hash = Keccak256.Hash32(raw);
    }

    /// <summary>The unsigned fields.</summary>
    public EthereumTransaction Transaction { get; }

    /// <summary>The signature.</summary>
    public EcdsaSignature Signature { get; }

    /// <summary>The raw bytes (RLP for legacy, type byte ‖ RLP for typed transactions).</summary>
    public ReadOnlyMemory<byte> Raw { get; }

    /// <summary>The transaction hash.</summary>
    public Bytes32 Hash { get; }

    /// <summary>The sender, recovered from (or signing) the signature.</summary>
    public EthereumAddress Sender { get; }

    /// <summary>Decodes a raw signed legacy (EIP-155) or EIP-1559 transaction and recovers its sender.</summary>
    /// <exception cref="RlpFormatException">Malformed, an unsupported type, or a signature that recovers no sender.</exception>
    public static SignedTransaction Decode(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty) throw new RlpFormatException("SignedTransaction.Decode: empty input.");
        if (raw[0] >= 0xc0) return DecodeLegacy(raw);
        if (raw[0] == Eip1559Transaction.TypeByte) return DecodeEip1559(raw);
        throw new RlpFormatException($"SignedTransaction.Decode: transaction type 0x{raw[0]:x2} is not supported (legacy and 0x02 are).");
    }

    private static SignedTransaction DecodeLegacy(ReadOnlySpan<byte> raw)
    {
        var fields = Fields(Rlp.Decode(raw), 9, "legacy");
        var v = fields[6].ToBigInteger();
        if (v < 35) throw new RlpFormatException($"SignedTransaction.Decode: v = {v} is not EIP-155 (pre-EIP-155 transactions are not accepted).");
        ulong chainId = (ulong)((v - 35) / 2);
        var transaction = new LegacyTransaction
        {
            ChainId = chainId,
            Nonce = fields[0].ToUInt64(),
            GasPrice = fields[1].ToBigInteger(),
            GasLimit = fields[2].ToUInt64(),
            To = To(fields[3]),
            Value = fields[4].ToBigInteger(),
            Data = fields[5].Bytes.ToArray(),
        };
        return Recover(transaction, fields[7].ToBigInteger(), fields[8].ToBigInteger(), (byte)((v - 35) % 2), raw);
    }

    private static SignedTransaction DecodeEip1559(ReadOnlySpan<byte> raw)
    {
        var fields = Fields(Rlp.Decode(raw[1..]), 12, "EIP-1559");
        var access = new List<AccessListEntry>();
        foreach (var entry in fields[8].Items)
        {
            if (entry.Items.Count != 2) throw new RlpFormatException("SignedTransaction.Decode: an access-list entry must be [address, keys].");
            access.Add(new AccessListEntry(new EthereumAddress(Exact(entry.Items[0], 20, "access-list address")),
                [.. entry.Items[1].Items.Select(k => new Bytes32(Exact(k, 32, "storage key")))]));
        }
        var transaction = new Eip1559Transaction
        {
            ChainId = fields[0].ToUInt64(),
            Nonce = fields[1].ToUInt64(),
            MaxPriorityFeePerGas = fields[2].ToBigInteger(),
            MaxFeePerGas = fields[3].ToBigInteger(),
            GasLimit = fields[4].ToUInt64(),
            To = To(fields[5]),
            Value = fields[6].ToBigInteger(),
            Data = fields[7].Bytes.ToArray(),
            AccessList = access,
        };
        var parity = fields[9].ToBigInteger();
        if (parity > 1) throw new RlpFormatException($"SignedTransaction.Decode: yParity = {parity}, not 0 or 1.");
        return Recover(transaction, fields[10].ToBigInteger(), fields[11].ToBigInteger(), (byte)parity, raw);
    }

    private static SignedTransaction Recover(EthereumTransaction transaction, BigInteger r, BigInteger s, byte recoveryId, ReadOnlySpan<byte> raw)
    {
        try
        {
            var signature = new EcdsaSignature(r, s, recoveryId);
            var sender = signature.RecoverSigner(transaction.SigningHash());
            return new SignedTransaction(transaction, signature, raw.ToArray(), sender);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new RlpFormatException($"SignedTransaction.Decode: invalid signature: {e.Message}", e);
        }
    }

    private static IReadOnlyList<RlpItem> Fields(RlpItem item, int count, string kind)
    {
        if (!item.IsList || item.Items.Count != count)
            throw new RlpFormatException($"SignedTransaction.Decode: a signed {kind} transaction is a list of {count} fields.");
        return item.Items;
    }

    private static EthereumAddress? To(RlpItem item) =>
        item.Bytes.Length == 0 ? null : new EthereumAddress(Exact(item, 20, "recipient"));

    private static ReadOnlySpan<byte> Exact(RlpItem item, int length, string what) =>
        item.Bytes.Length == length ? item.Bytes : throw new RlpFormatException($"SignedTransaction.Decode: {what} has {item.Bytes.Length} bytes, not {length}.");
}
