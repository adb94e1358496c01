using Vault.Rlwe;

namespace Vault.ML;

/// <summary>Encrypted rows as the engine sees them: ciphertexts packed by <see cref="Layout"/>, the public row count,
/// and nothing secret. Row i sits in ciphertext i / RowsPerCiphertext.</summary>
public sealed class EncryptedDataset
{
    /// <summary>Wraps ciphertexts produced under <paramref name="layout"/>.</summary>
    /// <exception cref="DatasetException">The ciphertext count does not match the rows.</exception>
    public EncryptedDataset(SlotLayout layout, int rows, IReadOnlyList<Ciphertext> ciphertexts)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(ciphertexts);
        if (rows < 1) throw new DatasetException(DatasetProblem.Empty, "EncryptedDataset: no rows.");
        if (ciphertexts.Count != layout.CiphertextCount(rows))
            throw new DatasetException(DatasetProblem.ColumnCountMismatch,
                $"EncryptedDataset: {rows} rows need {layout.CiphertextCount(rows)} ciphertexts in this layout, got {ciphertexts.Count}.");
        Layout = layout;
        Rows = rows;
        Ciphertexts = ciphertexts;
    }

    /// <summary>The packing.</summary>
    public SlotLayout Layout { get; }

    /// <summary>n.</summary>
    public int Rows { get; }

    /// <summary>The ciphertexts.</summary>
    public IReadOnlyList<Ciphertext> Ciphertexts { get; }
}
