namespace Vault.Ipfs;

/// <summary>A block: bytes and the CID they hash to. Every instance is verified on construction, so code that holds
/// a <see cref="Block"/> holds bytes that match their CID.</summary>
public sealed class Block
{
    private Block(Cid cid, ReadOnlyMemory<byte> data)
    {
        Cid = cid;
        Data = data;
    }

    /// <summary>The block's identifier.</summary>
    public Cid Cid { get; }

    /// <summary>The block's bytes. Callers must not change the memory they passed in.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Hashes <paramref name="data"/> (SHA-256) into a new block: CIDv1 for any codec, CIDv0 for dag-pb.</summary>
    public static Block Create(ulong codec, ReadOnlyMemory<byte> data, int cidVersion = 1) =>
        new(Cid.Compute(codec, data.Span, cidVersion), data);

    /// <summary>Pairs <paramref name="data"/> with the CID it is claimed to have, after checking the claim.</summary>
    /// <exception cref="ContentIntegrityException">The bytes do not hash to <paramref name="cid"/>; <paramref name="source"/> names where they came from.</exception>
    public static Block Verify(Cid cid, ReadOnlyMemory<byte> data, string source = "block")
    {
        ArgumentNullException.ThrowIfNull(cid);
        if (!cid.Matches(data.Span))
        {
            string actual = cid.Multihash.Code == MultihashCode.Sha2256 ? $"hash to {Multihash.Compute(MultihashCode.Sha2256, data.Span)}, not to the CID" : "do not match the CID";
            throw new ContentIntegrityException($"{source}: the {data.Length} bytes received for {cid} {actual}: the content was altered and was not used.");
        }
        return new Block(cid, data);
    }
}
