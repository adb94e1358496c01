namespace Vault.ML;

/// <summary>What is wrong with a dataset handed to a job.</summary>
public enum DatasetProblem
{
    /// <summary>No rows, or no feature columns.</summary>
    Empty,

    /// <summary>A row's column count differs from the other rows', the model's, or the encrypted layout's.</summary>
    ColumnCountMismatch,

    /// <summary>A value is NaN or ±∞.</summary>
    NonFinite,

    /// <summary>A label is not 0 or 1 where a binary label is required.</summary>
    InvalidLabel,

    /// <summary>A normalised value lies outside [−1, 1], the range the recorded normalisation promises, so the
    /// polynomial activation would be evaluated outside its approximation interval.</summary>
    OutsideNormalisation,

    /// <summary>A column is constant, so it cannot be normalised.</summary>
    ConstantColumn,
}
