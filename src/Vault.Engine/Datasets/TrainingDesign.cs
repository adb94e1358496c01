namespace Vault.Engine.Datasets;

/// <summary>How a label and the features become the design rows z_i that gradient-descent training consumes (Kim et
/// al. 2018: the data owner encrypts z_i, so the engine needs no label arithmetic).</summary>
public enum TrainingDesign
{
    /// <summary>Logistic regression: z_i = (2y_i − 1)·(1, x_i), the label binary.</summary>
    Logistic,

    /// <summary>Linear (ridge) regression: z_i = (1, x_i, y_i), the normalised target last.</summary>
    Linear,
}
