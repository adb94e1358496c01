namespace Vault.Ipfs;

/// <summary>Multihash function codes (multiformats/multihash hashtable.csv). Vault computes and verifies
/// <see cref="Sha2256"/> and <see cref="Identity"/>; other codes parse and format but cannot be verified.</summary>
public enum MultihashCode : ulong
{
    /// <summary>0x00: the "digest" is the content itself (inline CIDs).</summary>
    Identity = 0x00,

    /// <summary>0x12: SHA-256, 32 bytes. Every IPFS default.</summary>
    Sha2256 = 0x12,
}
