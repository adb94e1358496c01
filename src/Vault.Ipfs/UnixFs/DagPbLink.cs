namespace Vault.Ipfs.UnixFs;

/// <summary>A dag-pb link (PBLink): the child's CID, an optional name and the optional cumulative size of the child's
/// DAG (<c>Tsize</c>). UnixFS file links carry an empty name, which is encoded (IPFS does so too).</summary>
/// <param name="Hash">The child's CID.</param>
/// <param name="Name">The link name; null means absent, "" is encoded as an empty field.</param>
/// <param name="Tsize">Total bytes of the child's blocks (its serialized size plus its children's), or null.</param>
public sealed record DagPbLink(Cid Hash, string? Name, ulong? Tsize);
