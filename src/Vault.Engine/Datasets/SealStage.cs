namespace Vault.Engine.Datasets;

/// <summary>The passes of sealing.</summary>
public enum SealStage
{
    /// <summary>First pass: checking every value and gathering per-column statistics.</summary>
    Scanning = 0,

    /// <summary>Second pass: normalising, packing, encrypting and storing the ciphertext blocks.</summary>
    Encrypting = 1,

    /// <summary>The manifest is written; the dataset exists.</summary>
    Done = 2,
}
