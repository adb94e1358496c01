using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vault.Gate;

/// <summary>What a buyer receives (inside the ECIES payload): the trained model's weights over the normalised
/// features, intercept first, each a multiple of 2^-<see cref="PrecisionBits"/>, with the dataset's recorded
/// normalisation so the model applies to raw rows (x_j − offset_j)/scale_j. The JSON shape is that of
/// <c>vault train --output</c>, so <c>vault infer --model</c> reads it.</summary>
public sealed record ReleasedModel
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>Logistic or Ridge.</summary>
    public required Vault.ML.TrainingAlgorithm Algorithm { get; init; }

    /// <summary>Intercept, then one weight per feature.</summary>
    public required ImmutableArray<double> Weights { get; init; }

    /// <summary>Per feature: the offset subtracted before scaling.</summary>
    public required ImmutableArray<double> Offsets { get; init; }

    /// <summary>Per feature: the divisor after the offset.</summary>
    public required ImmutableArray<double> Scales { get; init; }

    /// <summary>Whether normalised values beyond ±1 are clamped (the dataset's winsorised normalisation), in inference too.</summary>
    public bool Winsorised { get; init; }

    /// <summary>The feature names, in weight order.</summary>
    public required ImmutableArray<string> Features { get; init; }

    /// <summary>Sigmoid degree the model was trained with.</summary>
    public int Degree { get; init; }

    /// <summary>Sigmoid interval radius.</summary>
    public double SigmoidRadius { get; init; }

    /// <summary>Training iterations.</summary>
    public int Iterations { get; init; }

    /// <summary>The dataset's CID.</summary>
    public required string Dataset { get; init; }

    /// <summary>The job id.</summary>
    public required string JobId { get; init; }

    /// <summary>Released precision p.</summary>
    public required int PrecisionBits { get; init; }

    /// <summary>Ridge: predictions in the target's units are score·TargetScale + TargetOffset.</summary>
    public double TargetOffset { get; init; }

    /// <summary>Ridge: see <see cref="TargetOffset"/>.</summary>
    public double TargetScale { get; init; } = 1;

    /// <summary>UTF-8 JSON.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Parses the JSON form.</summary>
    /// <exception cref="ReleaseException">Not a released model.</exception>
    public static ReleasedModel Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var model = JsonSerializer.Deserialize<ReleasedModel>(json, Json) ?? throw new JsonException("empty");
            if (model.Weights.IsDefault || model.Offsets.IsDefault || model.Scales.IsDefault || model.Features.IsDefault
                || model.Weights.Length != model.Features.Length + 1 || model.Offsets.Length != model.Features.Length || model.Scales.Length != model.Features.Length)
                throw new JsonException("weights, offsets, scales and features disagree in length");
            return model;
        }
        catch (JsonException e)
        {
            throw new ReleaseException($"Released model: not a model ({e.Message}).", e);
        }
    }
}
