namespace Vault.Engine.Datasets;

/// <summary>The affine map applied to a column before encryption: x' = (x − <see cref="Offset"/>) / <see cref="Scale"/>.
/// Results computed on normalised values map back with x = x'·Scale + Offset.</summary>
/// <param name="Method">Which rule chose the constants.</param>
/// <param name="Offset">Subtracted first.</param>
/// <param name="Scale">Divided by second; never 0.</param>
/// <param name="Source">Whether the constants come from the schema or from the data.</param>
public sealed record ColumnNormalisation(NormalisationMethod Method, double Offset, double Scale, NormalisationSource Source)
{
    /// <summary>The identity: offset 0, scale 1, declared.</summary>
    public static ColumnNormalisation Identity { get; } = new(NormalisationMethod.None, 0, 1, NormalisationSource.Declared);

    /// <summary>(x − Offset) / Scale, clamped to [−1, 1] for <see cref="NormalisationMethod.Winsorised"/>.</summary>
    public double Apply(double x) => Method == NormalisationMethod.Winsorised ? Math.Clamp((x - Offset) / Scale, -1, 1) : (x - Offset) / Scale;

    /// <summary>x'·Scale + Offset.</summary>
    public double Invert(double normalised) => normalised * Scale + Offset;
}
