namespace Vault.Ipfs.UnixFs;

/// <summary>UnixFS node types (the <c>Data.DataType</c> enum of unixfs.proto).</summary>
public enum UnixFsType
{
    /// <summary>Raw data (old-style leaves).</summary>
    Raw = 0,

    /// <summary>A directory.</summary>
    Directory = 1,

    /// <summary>A file or a chunk of one.</summary>
    File = 2,

    /// <summary>Metadata.</summary>
    Metadata = 3,

    /// <summary>A symbolic link.</summary>
    Symlink = 4,

    /// <summary>A sharded directory.</summary>
    HamtShard = 5,
}
