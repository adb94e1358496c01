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
/// <param name="Preconditioned">Each column's step is scaled by 1/h_j from the dataset's diagonal Hessian bound, with
/// a constant step 1/s (s the sigmoid polynomial's largest slope) unless the job sets one; false: Kim et al.'s
/// decaying step a/(t + 1).</param>
/// <param name="SigmoidRadius">R: the sigmoid is approximated on [−R, R].</param>
public sealed record AlgorithmDescriptor(string Id, string Digest, TrainingAlgorithm Algorithm, TrainingDesign Design,
    ImmutableSortedDictionary<string, double> Defaults, string OutputKind, bool Preconditioned, double SigmoidRadius)
{
    /// <summary>How many values the output holds for <paramref name="features"/> features: the intercept and one weight each.</summary>
    public static int OutputValues(int features) => features + 1;

    /// <summary>Checks that every hyperparameter is one the algorithm takes, and that counts are whole numbers.</summary>
    /// <exception cref="JobFormatException">An unknown hyperparameter, or a non-integer iteration count or degree.</exception>
    public void Check(IReadOnlyDictionary<string, double> hyperparameters)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        foreach (var (name, value) in hyperparameters)
        {
            if (!Defaults.ContainsKey(name))
                throw new JobFormatException($"Job: {Id} takes no hyperparameter \"{name}\"; it takes {string.Join(", ", Defaults.Keys)}.");
            if (name is "iterations" or "degree" && !(Math.Floor(value) == value && value is >= 0 and <= 1000))
                throw new JobFormatException($"Job: {name} = {value} must be a whole number in [0, 1000].");
        }
    }

    /// <summary>The training options of <paramref name="hyperparameters"/> (missing ones take their defaults) on a
    /// dataset whose training rows have the diagonal Hessian bound <paramref name="hessianBound"/>.</summary>
    /// <exception cref="JobFormatException">An unknown hyperparameter, a non-integer iteration count or degree, or no
    /// Hessian bound for a preconditioned algorithm.</exception>
    public TrainingOptions Options(IReadOnlyDictionary<string, double> hyperparameters, ImmutableArray<double> hessianBound)
    {
        Check(hyperparameters);
        double Get(string name) => hyperparameters.TryGetValue(name, out double v) ? v : Defaults[name];
        int Whole(string name) => (int)Get(name);
        int degree = Algorithm == TrainingAlgorithm.Logistic ? Whole("degree") : 3;
        if (!Preconditioned)
        {
            return new TrainingOptions
            {
                Algorithm = Algorithm,
                Iterations = Whole("iterations"),
                Degree = degree,
                SigmoidRadius = SigmoidRadius,
                LearningRate = Get("learningRate"),
                RidgeLambda = Algorithm == TrainingAlgorithm.Ridge ? Get("ridgeLambda") : 0,
            };
        }
        if (hessianBound.IsDefaultOrEmpty)
            throw new JobFormatException($"Job: {Id} scales each column's step by the dataset's Hessian bound, and this dataset records none; the provider must reseal it with a training design.");
        if (degree is not (3 or 5 or 7)) throw new JobFormatException($"Job: degree = {degree} must be 3, 5 or 7.");
        double rate = Get("learningRate");
        return new TrainingOptions
        {
            Algorithm = Algorithm,
            Iterations = Whole("iterations"),
            Degree = degree,
            SigmoidRadius = SigmoidRadius,
            LearningRate = rate > 0 ? rate : 1 / SigmoidApproximation.LeastSquares(degree, SigmoidRadius).MaxSlope,
            DecayingLearningRate = false,
            StepScales = DiagonalHessianBound.StepScales(hessianBound),
        };
    }
}
