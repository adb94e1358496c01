using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Vault.Engine.Datasets;
using Vault.ML;

namespace Vault.Engine.Jobs;

/// <summary>The algorithms the isolated engine runs. Each digest is the SHA-256 of a canonical description of the
/// method (trainer, approximation, schedule, packing, format version): a change to the arithmetic gets a new
/// description, hence a new digest, and policies that pinned the old one refuse it.</summary>
public static class AlgorithmCatalog
{
    /// <summary>Logistic regression by Nesterov-accelerated gradient descent with a least-squares polynomial sigmoid
    /// (Kim, Song, Kim, Lee, Cheon 2018) on the logistic design rows, each column's step preconditioned by the
    /// dataset's diagonal Hessian bound with the constant step 1/s (fixed Hessian: Böhning–Lindsay, Bonte–Vercauteren).
    /// A learning rate of 0 (the default) means 1/s.</summary>
    public static AlgorithmDescriptor LogisticRegression { get; } = Describe("logistic-regression", TrainingAlgorithm.Logistic, TrainingDesign.Logistic,
        "Vault.ML.EncryptedGradientDescent: Nesterov accelerated gradient, fixed-Hessian diagonal preconditioner from the sealed rows, constant step 1/s (s = max slope of the sigmoid polynomial) unless set, least-squares sigmoid of degree 3/5/7 on [-12, 12], doubled design rows z = (2y-1)(1, x), model replicated per block",
        new() { ["iterations"] = 5, ["degree"] = 5, ["learningRate"] = 0 }, preconditioned: true, radius: 12);

    /// <summary>Ridge regression by Nesterov-accelerated gradient descent on the linear design rows.</summary>
    public static AlgorithmDescriptor RidgeRegression { get; } = Describe("ridge-regression", TrainingAlgorithm.Ridge, TrainingDesign.Linear,
        "Vault.ML.EncryptedGradientDescent: Nesterov accelerated gradient on (1/2n)|X b - y|^2 + (lambda/2)|b|^2, gamma_t = a/(t+1), doubled design rows z = (1, x, y), model replicated per block",
        new() { ["iterations"] = 7, ["learningRate"] = 1, ["ridgeLambda"] = 0 }, preconditioned: false, radius: 8);

    /// <summary>Every algorithm, by id.</summary>
    public static ImmutableSortedDictionary<string, AlgorithmDescriptor> All { get; } =
        new[] { LogisticRegression, RidgeRegression }.ToImmutableSortedDictionary(a => a.Id, a => a, StringComparer.Ordinal);

    /// <summary>The algorithm <paramref name="id"/>.</summary>
    /// <exception cref="JobFormatException">The engine does not know it.</exception>
    public static AlgorithmDescriptor Find(string id) =>
        All.TryGetValue(id, out var a) ? a : throw new JobFormatException($"Job: unknown algorithm \"{id}\"; the engine runs {string.Join(", ", All.Keys)}.");

    private static AlgorithmDescriptor Describe(string id, TrainingAlgorithm algorithm, TrainingDesign design, string method, SortedDictionary<string, double> defaults,
        bool preconditioned, double radius)
    {
        var description = new JsonObject
        {
            ["format"] = "vault.algorithm",
            ["version"] = 1,
            ["id"] = id,
            ["method"] = method,
            ["design"] = DatasetNames.Of(design),
            ["hyperparameters"] = JsonReader.ToJson(defaults),
            ["output"] = "model-weights",
        };
        string digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Encode(description)));
        return new AlgorithmDescriptor(id, digest, algorithm, design, defaults.ToImmutableSortedDictionary(StringComparer.Ordinal), "model-weights", preconditioned, radius);
    }
}
