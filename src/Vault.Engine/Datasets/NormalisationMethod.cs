namespace Vault.Engine.Datasets;

/// <summary>How values are scaled before encryption: x' = (x − offset) / scale, recorded per column in the manifest so
/// that results can be mapped back with x = x'·scale + offset. JSON names: <c>none</c>, <c>min-max</c>, <c>z-score</c>,
/// <c>winsorised</c>.</summary>
public enum NormalisationMethod
{
    /// <summary>offset 0, scale 1: values are encrypted as they are.</summary>
    None = 0,

    /// <summary>offset = min, scale = max − min (1 when max = min), so values land in [0, 1]. The bounds are the
    /// column's declared domain when it has one (binary columns, or min/max in the schema), else the observed
    /// minimum and maximum.</summary>
    MinMax = 1,

    /// <summary>offset = mean, scale = population standard deviation (1 when it is 0), both observed.</summary>
    ZScore = 2,

    /// <summary>offset = mean, scale = min(2·standard deviation, largest deviation from the mean) (1 when 0), both
    /// observed; normalised values beyond ±1 are clamped to ±1. Centred, bounded rows train well-conditioned models
    /// (the fixed-Hessian logistic regression of Vault.ML), and 0/1 columns keep two distinct values.</summary>
    Winsorised = 3,
}
