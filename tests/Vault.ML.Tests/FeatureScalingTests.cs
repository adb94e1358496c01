namespace Vault.ML.Tests;

/// <summary>The recorded normalisations, in particular the winsorised standardisation.</summary>
public sealed class FeatureScalingTests
{
    [Fact]
    public void FitWinsorised_CentresScalesByDeviationsAndClampsTheTail()
    {
        // Column 0: mean 2, σ = √(22/5) = 2.10; column 1: a 0/1 flag with prevalence 0.2, σ = 0.4.
        double[][] rows = [[0.0, 0], [1, 0], [1, 1], [2, 0], [6, 0]];
        var data = LabeledData.Create(rows, [0, 0, 1, 0, 1], binary: true);
        var scaling = FeatureScaling.FitWinsorised(data, deviations: 1);
        Assert.True(scaling.Winsorised);
        Assert.Equal(2, scaling.Offsets[0], 12);
        Assert.Equal(Math.Sqrt(22.0 / 5), scaling.Scales[0], 12);
        Assert.Equal(0.2, scaling.Offsets[1], 12);
        Assert.Equal(0.4, scaling.Scales[1], 12);
        var x = scaling.Apply(data);
        Assert.Equal(1, x[4][0]);                                            // (6 − 2)/2.10 clamped
        Assert.Equal(-2 / Math.Sqrt(22.0 / 5), x[0][0], 12);
        Assert.Equal(1, x[2][1]);                                            // (1 − 0.2)/0.4 = 2 clamped: the flag keeps two values
        Assert.Equal(-0.5, x[0][1], 12);
        foreach (var row in x) Assert.All(row, v => Assert.InRange(v, -1, 1));
    }

    [Fact]
    public void FitWinsorised_Infinity_IsPlainCentring()
    {
        var data = LabeledData.Create([[0.0], [1], [5]], [0, 1, 0], binary: true);
        var scaling = FeatureScaling.FitWinsorised(data, double.PositiveInfinity);
        Assert.Equal(2, scaling.Offsets[0], 12);
        Assert.Equal(3, scaling.Scales[0], 12);
        Assert.Equal([-2 / 3.0, -1 / 3.0, 1], scaling.Apply(data).Select(r => r[0]));
    }

    [Fact]
    public void Apply_Winsorised_ClampsUnseenValuesInsteadOfRefusing()
    {
        var scaling = new FeatureScaling([0.0], [1.0]) { Winsorised = true };
        Assert.Equal(-1, scaling.Apply(LabeledData.Create([[-40.0]], [0], binary: true))[0][0]);
        Assert.Throws<DatasetException>(() => new FeatureScaling([0.0], [1.0]).Apply(LabeledData.Create([[-40.0]], [0], binary: true)));
    }

    [Fact]
    public void FitWinsorised_NonPositiveDeviations_Throws()
    {
        var data = LabeledData.Create([[0.0], [1]], [0, 1], binary: true);
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureScaling.FitWinsorised(data, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureScaling.FitWinsorised(data, double.NaN));
    }
}
