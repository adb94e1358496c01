namespace Vault.Ipfs.UnixFs;

/// <summary>How a file is cut into a UnixFS DAG. The defaults are the IPFS defaults (Kubo and js-ipfs):
/// 256 KiB fixed-size chunks, a balanced DAG of at most 174 links per node, raw leaves for CIDv1.</summary>
public sealed record UnixFsImportOptions
{
    /// <summary>IPFS's default chunk size: 256 KiB.</summary>
    public const int DefaultChunkSize = 256 * 1024;

    /// <summary>IPFS's default fan-out of a balanced DAG.</summary>
    public const int DefaultMaxLinksPerNode = 174;

    /// <summary>What <c>ipfs add --cid-version=1</c> (raw leaves) produces: Vault's default.</summary>
    public static UnixFsImportOptions CidV1 { get; } = new();

    /// <summary>What <c>ipfs add</c> with the legacy defaults (CIDv0, dag-pb leaves) produces; also what Debian's <c>ipfs_cid</c> computes.</summary>
    public static UnixFsImportOptions CidV0 { get; } = new() { CidVersion = 0 };

    /// <summary>0 or 1: the version of the dag-pb nodes' CIDs.</summary>
    public int CidVersion { get; init; } = 1;

    /// <summary>Leaves as raw blocks (CIDv1, codec raw) rather than dag-pb UnixFS nodes. Null: raw exactly when
    /// <see cref="CidVersion"/> is 1, as IPFS does.</summary>
    public bool? RawLeaves { get; init; }

    /// <summary>Bytes per leaf.</summary>
    public int ChunkSize { get; init; } = DefaultChunkSize;

    /// <summary>Links per internal node.</summary>
    public int MaxLinksPerNode { get; init; } = DefaultMaxLinksPerNode;

    /// <summary>The effective raw-leaves setting.</summary>
    public bool UseRawLeaves => RawLeaves ?? CidVersion == 1;

    internal void Validate()
    {
        if (CidVersion is not (0 or 1)) ThrowHelper.ThrowArgument(nameof(CidVersion), $"UnixFsImportOptions: CidVersion {CidVersion} is neither 0 nor 1.");
        if (ChunkSize is < 1 or > 1024 * 1024) ThrowHelper.ThrowArgument(nameof(ChunkSize), $"UnixFsImportOptions: ChunkSize {ChunkSize} outside [1, 1 MiB] (IPFS nodes refuse larger blocks).");
        if (MaxLinksPerNode < 2) ThrowHelper.ThrowArgument(nameof(MaxLinksPerNode), $"UnixFsImportOptions: MaxLinksPerNode {MaxLinksPerNode} is below 2.");
    }
}
