using Vault.Ckks;
using Vault.Ipfs;

namespace Vault.Engine.Datasets;

/// <summary>What <see cref="DatasetVerifier.VerifyAsync"/> checked, for a dataset that passed.</summary>
/// <param name="ManifestCid">The dataset's identity.</param>
/// <param name="Manifest">The manifest.</param>
/// <param name="IntegrityHash">SHA-256 of the canonical manifest, lower-case hex (the on-chain value).</param>
/// <param name="Parameters">The CKKS parameters the manifest names, rebuilt and checked.</param>
/// <param name="Ciphertexts">Ciphertexts parsed and checked.</param>
/// <param name="CiphertextBytes">Bytes of the ciphertext files.</param>
/// <param name="TotalBytes">Bytes of every object: manifest, policy, key objects and ciphertext files.</param>
public sealed record DatasetVerification(Cid ManifestCid, SealedDatasetManifest Manifest, string IntegrityHash, CkksParameters Parameters,
    long Ciphertexts, long CiphertextBytes, long TotalBytes);
