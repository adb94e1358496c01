using Vault.Ipfs;

namespace Vault.Engine.Datasets;

/// <summary>The public CKKS material a sealed dataset was made with, by CID: each object is a file in the CKKS binary
/// format (<c>proofs/formats/ckks-binary-format.md</c>) imported as UnixFS (CIDv1, raw leaves). The secret key is
/// never among them.</summary>
/// <param name="ParameterId">The parameters' Id (lower-case hex of 32 bytes), which every ciphertext header carries.</param>
/// <param name="IsSecure">Whether the parameters meet 128-bit security (false only for the insecure test presets).</param>
/// <param name="Parameters">The parameters object.</param>
/// <param name="PublicKey">The public key the ciphertexts were encrypted under.</param>
/// <param name="RelinearizationKey">The relinearization key, when published.</param>
/// <param name="GaloisKeys">The Galois keys (power-of-two rotations and conjugation), when published.</param>
public sealed record DatasetKeyReferences(string ParameterId, bool IsSecure, Cid Parameters, Cid PublicKey, Cid? RelinearizationKey, Cid? GaloisKeys)
{
    /// <summary>Every CID, in manifest order: parameters, public key, relinearization key, Galois keys.</summary>
    public IEnumerable<Cid> All()
    {
        yield return Parameters;
        yield return PublicKey;
        if (RelinearizationKey is not null) yield return RelinearizationKey;
        if (GaloisKeys is not null) yield return GaloisKeys;
    }
}
