using Vault.Ipfs;

namespace Vault.Engine.Datasets;

/// <summary>A sealed dataset, as written.</summary>
/// <param name="ManifestCid">The dataset's identity: the CID of the manifest block.</param>
/// <param name="Manifest">The manifest.</param>
/// <param name="ManifestBytes">Its canonical JSON.</param>
/// <param name="CiphertextBytes">Bytes of all ciphertext files (CKKS binary format).</param>
public sealed record SealResult(Cid ManifestCid, SealedDatasetManifest Manifest, byte[] ManifestBytes, long CiphertextBytes)
{
    /// <summary>The integrity hash (SHA-256 of the canonical manifest), lower-case hex: the value recorded on chain.</summary>
    public string IntegrityHash => Convert.ToHexStringLower(SealedDatasetManifest.IntegrityHash(ManifestBytes));
}
