using System.Collections.Immutable;
using Vault.Engine.Datasets;
using Vault.ML;

namespace Vault.Engine.Jobs;

/// <summary>One algorithm the engine runs: its id, its digest (SHA-256 of its canonical description, which names the
/// method and its arithmetic; a policy pins it), the training design it needs in the sealed dataset, the
/// hyperparameters it takes with their defaults, and what it outputs.</summary>
/// <param name="Id">Stable id, as policies name it.</param>
/// <param name="Digest"><c>sha256:</c> and 64 hex digits.</param>
/// <param name="Algorithm">The Vault.ML trainer.</param>
/// <param name="Design">The design rows the sealed dataset must hold.</param>
/// <param name="Defaults">Every hyperparameter it accepts, with its default.</param>
/// <param name="OutputKind">The kind of output (policy vocabulary): <c>model-weights</c>.</param>
public sealed record AlgorithmDescriptor(string Id, string Digest, TrainingAlgorithm Algorithm, TrainingDesign Design,
    ImmutableSortedDictionary<string, double> Defaults, string OutputKind)
{
    /// <summary>How many values the output holds for <paramref name="features"/> features: the intercept and one weight each.</summary>
    public static int OutputValues(int features) => features + 1;

    /// <summary>The training options of <paramref name="hyperparameters"/> (missing ones take their defaults).</summary>
    /// <exception cref="JobFormatException">An unknown hyperparameter, or a non-integer iteration count or degree.</exception>
    public TrainingOptions Options(IReadOnlyDictionary<string, double> hyperparameters)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        foreach (string name in hyperparameters.Keys)
            if (!Defaults.ContainsKey(name))
                throw new JobFormatException($"Job: {Id} takes no hyperparameter \"{name}\"; it takes {string.Join(", ", Defaults.Keys)}.");
        double Get(string name) => hyperparameters.TryGetValue(name, out double v) ? v : Defaults[name];
        int Whole(string name)
        {
            double v = Get(name);
            return Math.Floor(v) == v && v is >= 0 and <= 1000 ? (int)v : throw new JobFormatException($"Job: {name} = {v} must be a whole number in [0, 1000].");
        }
        return new TrainingOptions
        {
            Algorithm = Algorithm,
            Iterations = Whole("iterations"),
            Degree = Algorithm == TrainingAlgorithm.Logistic ? Whole("degree") : 3,
            LearningRate = Get("learningRate"),
            RidgeLambda = Algorithm == TrainingAlgorithm.Ridge ? Get("ridgeLambda") : 0,
        };
    }
}
