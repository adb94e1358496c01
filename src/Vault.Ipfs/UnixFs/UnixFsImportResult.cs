namespace Vault.Ipfs.UnixFs;

/// <summary>What an import produced.</summary>
/// <param name="Root">The file's CID (what <c>ipfs add</c> prints).</param>
/// <param name="FileSize">Bytes of file content.</param>
/// <param name="DagSize">Bytes of all blocks of the DAG (the root's cumulative size, <c>CumulativeSize</c> in Kubo).</param>
/// <param name="BlockCount">Blocks produced (leaves and internal nodes).</param>
public sealed record UnixFsImportResult(Cid Root, ulong FileSize, ulong DagSize, int BlockCount);
