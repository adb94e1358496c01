using System.Numerics;

namespace Vault.Ethereum.Transactions;

/// <summary>An unsigned transaction: what is signed (<see cref="SigningHash"/>) and how a signature turns it into the raw
/// bytes that <c>eth_sendRawTransaction</c> takes. Pure: no I/O.</summary>
public abstract record EthereumTransaction
{
    /// <summary>The chain id (EIP-155 replay protection).</summary>
    public required ulong ChainId { get; init; }

    /// <summary>The sender's nonce.</summary>
    public required ulong Nonce { get; init; }

    /// <summary>Gas limit.</summary>
    public required ulong GasLimit { get; init; }

    /// <summary>Recipient; null creates a contract from <see cref="Data"/>.</summary>
    public EthereumAddress? To { get; init; }

    /// <summary>Wei transferred.</summary>
    public BigInteger Value { get; init; }

    /// <summary>Call data, or init code for a creation.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The bytes whose Keccak-256 is signed.</summary>
    public abstract byte[] EncodeForSigning();

    /// <summary>The raw signed transaction.</summary>
    public abstract byte[] EncodeSigned(EcdsaSignature signature);

    /// <summary>Keccak-256 of <see cref="EncodeForSigning"/>.</summary>
    public Bytes32 SigningHash() => Keccak256.Hash32(EncodeForSigning());

    /// <summary>Signs with <paramref name="key"/> (RFC 6979, low s) and returns the raw transaction and its hash.</summary>
    public SignedTransaction Sign(EthereumKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var signature = key.Sign(SigningHash());
        return new SignedTransaction(this, signature, EncodeSigned(signature), key.Address);
    }

    private protected byte[] EncodeTo() => To is { } to ? Rlp.EncodeBytes(to.Span) : Rlp.EncodeBytes([]);

    private protected static byte[] EncodeInteger(BigInteger value) => Rlp.EncodeInteger(value);

    private protected static BigInteger CheckNonNegative(BigInteger value, string name) =>
        value.Sign >= 0 ? value : throw new ArgumentOutOfRangeException(name, "Must not be negative.");
}
