namespace Vault.Ipfs.UnixFs;

/// <summary>A piece of a UnixFS file in reading order: bytes held inline in a dag-pb node already fetched and
/// verified, or a raw leaf still to be read (<see cref="Length"/> bytes, or unknown for a raw root).</summary>
internal readonly record struct UnixFsSegment(ReadOnlyMemory<byte> Inline, Cid? RawLeaf, ulong? Length);
