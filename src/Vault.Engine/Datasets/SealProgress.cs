namespace Vault.Engine.Datasets;

/// <summary>Where sealing is: the stage and the rows done in it.</summary>
/// <param name="Stage">The current pass.</param>
/// <param name="Rows">Rows processed in this stage so far.</param>
/// <param name="TotalRows">Rows in the input, once the first pass has counted them.</param>
public sealed record SealProgress(SealStage Stage, long Rows, long? TotalRows);
