using Vault.Ckks;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Engine.Datasets;

/// <summary>Everything <see cref="DatasetSealer.SealAsync"/> needs: the input (opened twice: a statistics pass and an
/// encryption pass), how to read and normalise it, and the provider's public material. No secret key is involved.</summary>
public sealed record SealRequest
{
    /// <summary>Opens the input (UTF-8, or UTF-16/32 with a byte order mark) from the start; called once per pass.</summary>
    public required Func<Stream> OpenInput { get; init; }

    /// <summary>The input's name in error messages (a file path).</summary>
    public required string InputName { get; init; }

    /// <summary>The columns; null infers them from the data (names from the header, or c1, c2, …; each column
    /// binary if every value is 0 or 1, integer if every value is whole, real otherwise).</summary>
    public DatasetSchema? Schema { get; init; }

    /// <summary>Whether the input has a header line, when <see cref="Schema"/> is null (a schema says it itself).</summary>
    public bool InferredSchemaHasHeader { get; init; } = true;

    /// <summary>The field separator; null detects it from the first lines (comma, semicolon, tab or bar).</summary>
    public char? Separator { get; init; }

    /// <summary>The normalisation applied to every column.</summary>
    public NormalisationMethod Normalisation { get; init; } = NormalisationMethod.MinMax;

    /// <summary>What to do with missing values.</summary>
    public MissingValueRule MissingValues { get; init; } = MissingValueRule.Reject;

    /// <summary>Also seal the design rows for encrypted training (<see cref="TrainingPacking"/>); null: column-major only.</summary>
    public TrainingDesign? TrainingDesign { get; init; }

    /// <summary>The label (logistic) or target (linear) column of <see cref="TrainingDesign"/>; the other columns are the features.</summary>
    public string? Label { get; init; }

    /// <summary>The CKKS parameters.</summary>
    public required CkksParameters Parameters { get; init; }

    /// <summary>The provider's public key: the ciphertexts are encrypted under it.</summary>
    public required PublicKey PublicKey { get; init; }

    /// <summary>The CIDs of the published parameters and keys (the provider key directory publishes them), already in the store.</summary>
    public required DatasetKeyReferences Keys { get; init; }

    /// <summary>The policy's bytes, stored as one raw block (any format for now), at most 1 MiB.</summary>
    public required ReadOnlyMemory<byte> Policy { get; init; }

    /// <summary>Who seals the dataset.</summary>
    public string Provider { get; init; } = "";

    /// <summary>The creation time recorded in the manifest (UTC; fractions of a second are dropped).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Pin the manifest and every object it references once the manifest is written (for IPFS nodes, which
    /// may otherwise garbage-collect them).</summary>
    public bool Pin { get; init; }

    /// <summary>Test hook: the randomness of the encryptions (reproducible ciphertexts). Null: a fresh CSPRNG stream.</summary>
    internal Prng? Randomness { get; init; }
}
