namespace Vault.Engine.Jobs;

/// <summary>Where a running job is: a stage name and, when known, how far it is through it.</summary>
/// <param name="Stage">load, train, write or done.</param>
/// <param name="Done">Units done in the stage (objects read and verified, iterations trained).</param>
/// <param name="Total">Units in the stage.</param>
public sealed record JobProgress(string Stage, long Done, long Total);
