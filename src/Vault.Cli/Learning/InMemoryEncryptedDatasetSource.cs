using Vault.Ckks;
using Vault.ML;
using Vault.Rlwe;

namespace Vault.Cli.Learning;

/// <summary>The provider's side, in process: packs rows that are already normalised and in design form and encrypts
/// them under the public key. The sealed-dataset store replaces this with an <see cref="IEncryptedDatasetSource"/>
/// that reads ciphertexts sealed earlier; the trainers do not change.</summary>
internal sealed class InMemoryEncryptedDatasetSource(string description, IReadOnlyList<double[]> rows, CkksParameters parameters, PublicKey publicKey)
    : IEncryptedDatasetSource
{
    public string Description { get; } = description;

    public ValueTask<EncryptedDataset> OpenAsync(SlotLayout layout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var vectors = layout.PackRows(rows);
        var ciphertexts = new Ciphertext[vectors.Length];
        // One encoder and encryptor per worker: neither is thread-safe.
        Parallel.For(0, vectors.Length, new ParallelOptions { CancellationToken = cancellationToken }, () =>
            (new CkksEncoder(parameters), new Encryptor(parameters.Rlwe, publicKey)), (k, _, local) =>
        {
            var pt = new Plaintext(parameters.Rlwe, parameters.MaxLevel, parameters.DefaultScale);
            local.Item1.Encode(vectors[k], pt.Level, pt.Scale, pt);
            ciphertexts[k] = local.Item2.Encrypt(pt);
            return local;
        }, local => local.Item2.Dispose());
        return ValueTask.FromResult(new EncryptedDataset(layout, rows.Count, ciphertexts));
    }
}
