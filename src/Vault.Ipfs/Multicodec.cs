namespace Vault.Ipfs;

/// <summary>Multicodec content types a CID can name (multiformats/multicodec table.csv). Others parse and format,
/// but Vault only builds and decodes these.</summary>
public static class Multicodec
{
    /// <summary>raw: the block is the bytes themselves (IPFS raw leaves).</summary>
    public const ulong Raw = 0x55;

    /// <summary>dag-pb: the MerkleDAG protobuf (PBNode) UnixFS is built from.</summary>
    public const ulong DagPb = 0x70;

    /// <summary>dag-cbor: CBOR with tag 42 links (the CAR header's codec).</summary>
    public const ulong DagCbor = 0x71;

    /// <summary>The multicodec table name of <paramref name="code"/>, or its hex value when Vault does not know it.</summary>
    public static string Name(ulong code) => code switch
    {
        Raw => "raw",
        DagPb => "dag-pb",
        DagCbor => "dag-cbor",
        _ => $"0x{code:x}",
    };
}
