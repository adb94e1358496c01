namespace Vault.Engine.Datasets;

/// <summary>The JSON names of the dataset enums, shared by the schema file and the manifest.</summary>
public static class DatasetNames
{
    /// <summary><c>real</c>, <c>integer</c> or <c>binary</c>.</summary>
    public static string Of(ColumnType type) => type switch
    {
        ColumnType.Real => "real",
        ColumnType.Integer => "integer",
        ColumnType.Binary => "binary",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "DatasetNames: unknown column type."),
    };

    /// <summary><c>none</c>, <c>min-max</c>, <c>z-score</c> or <c>winsorised</c>.</summary>
    public static string Of(NormalisationMethod method) => method switch
    {
        NormalisationMethod.None => "none",
        NormalisationMethod.MinMax => "min-max",
        NormalisationMethod.ZScore => "z-score",
        NormalisationMethod.Winsorised => "winsorised",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "DatasetNames: unknown normalisation method."),
    };

    /// <summary><c>reject</c> or <c>impute-mean</c>.</summary>
    public static string Of(MissingValueRule rule) => rule switch
    {
        MissingValueRule.Reject => "reject",
        MissingValueRule.ImputeMean => "impute-mean",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "DatasetNames: unknown missing-value rule."),
    };

    /// <summary>Parses a column type name; null when unknown.</summary>
    public static ColumnType? ParseColumnType(string? name) => name switch
    {
        "real" => ColumnType.Real,
        "integer" => ColumnType.Integer,
        "binary" => ColumnType.Binary,
        _ => null,
    };

    /// <summary>Parses a normalisation method name; null when unknown.</summary>
    public static NormalisationMethod? ParseNormalisation(string? name) => name switch
    {
        "none" => NormalisationMethod.None,
        "min-max" => NormalisationMethod.MinMax,
        "z-score" => NormalisationMethod.ZScore,
        "winsorised" => NormalisationMethod.Winsorised,
        _ => null,
    };

    /// <summary>Parses a missing-value rule name; null when unknown.</summary>
    public static MissingValueRule? ParseMissingValueRule(string? name) => name switch
    {
        "reject" => MissingValueRule.Reject,
        "impute-mean" => MissingValueRule.ImputeMean,
        _ => null,
    };

    /// <summary><c>logistic</c> or <c>linear</c>.</summary>
    public static string Of(TrainingDesign design) => design switch
    {
        TrainingDesign.Logistic => "logistic",
        TrainingDesign.Linear => "linear",
        _ => throw new ArgumentOutOfRangeException(nameof(design), design, "DatasetNames: unknown training design."),
    };

    /// <summary>Parses a training design name; null when unknown.</summary>
    public static TrainingDesign? ParseTrainingDesign(string? name) => name switch
    {
        "logistic" => TrainingDesign.Logistic,
        "linear" => TrainingDesign.Linear,
        _ => null,
    };
}
