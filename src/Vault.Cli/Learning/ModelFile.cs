using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vault.ML;

namespace Vault.Cli.Learning;

/// <summary>A released model as JSON: the algorithm, its weights over the normalised features (intercept first),
/// the recorded normalisation, and the sigmoid approximation it was trained with.</summary>
internal sealed record ModelFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public required TrainingAlgorithm Algorithm { get; init; }
    public required ImmutableArray<double> Weights { get; init; }
    public required ImmutableArray<double> Offsets { get; init; }
    public required ImmutableArray<double> Scales { get; init; }
    /// <summary>Values beyond ±1 after normalisation are clamped (see <see cref="FeatureScaling.Winsorised"/>).</summary>
    public bool Winsorised { get; init; }
    public int Degree { get; init; } = 3;
    public double SigmoidRadius { get; init; } = 8;
    public int Iterations { get; init; }
    public string Dataset { get; init; } = "";

    /// <summary>Ridge: predictions in the original units are score·TargetScale + TargetOffset.</summary>
    public double TargetOffset { get; init; }

    /// <summary>Ridge: see <see cref="TargetOffset"/>.</summary>
    public double TargetScale { get; init; } = 1;

    public FeatureScaling Scaling => new(Offsets, Scales) { Winsorised = Winsorised };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <exception cref="DatasetException">The file is not a model.</exception>
    public static ModelFile Load(string path)
    {
        try
        {
            var model = JsonSerializer.Deserialize<ModelFile>(File.ReadAllText(path), Json) ?? throw new JsonException("empty");
            if (model.Weights.Length != model.Offsets.Length + 1 || model.Scales.Length != model.Offsets.Length)
                throw new JsonException($"{model.Weights.Length} weights for {model.Offsets.Length} normalised columns");
            return model;
        }
        catch (JsonException e)
        {
            throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"{path}: not a Vault model file ({e.Message}).");
        }
    }
}
