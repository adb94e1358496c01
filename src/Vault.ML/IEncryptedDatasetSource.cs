namespace Vault.ML;

/// <summary>Where the engine gets an encrypted dataset from. The composition root supplies it: today the CLI
/// encrypts a file in memory (it plays provider and engine in one process); the sealed-dataset store plugs in
/// here without any change to the trainers. Implementations do the I/O; Vault.ML never does.</summary>
public interface IEncryptedDatasetSource
{
    /// <summary>A short description for reports (dataset name, CID, …).</summary>
    string Description { get; }

    /// <summary>Opens the encrypted rows for a job whose design rows have <paramref name="layout"/>.</summary>
    /// <exception cref="DatasetException">The stored dataset does not match the layout.</exception>
    ValueTask<EncryptedDataset> OpenAsync(SlotLayout layout, CancellationToken cancellationToken);
}
