using System.Collections.Immutable;

namespace Vault.ML.Tests;

/// <summary>Bad input is refused with a typed error before any encrypted work.</summary>
public sealed class DatasetValidationTests
{
    [Fact]
    public void Create_NaN_ThrowsNonFinite()
    {
        var e = Assert.Throws<DatasetException>(() => LabeledData.Create([[1, double.NaN]], [1], binary: true));
        Assert.Equal(DatasetProblem.NonFinite, e.Problem);
        e = Assert.Throws<DatasetException>(() => LabeledData.Create([[1, 2]], [double.PositiveInfinity], binary: false));
        Assert.Equal(DatasetProblem.NonFinite, e.Problem);
    }

    [Fact]
    public void Create_RaggedRows_ThrowsColumnCountMismatch()
    {
        var e = Assert.Throws<DatasetException>(() => LabeledData.Create([[1, 2], [1]], [0, 1], binary: true));
        Assert.Equal(DatasetProblem.ColumnCountMismatch, e.Problem);
    }

    [Fact]
    public void Create_NonBinaryLabel_ThrowsInvalidLabel()
    {
        var e = Assert.Throws<DatasetException>(() => LabeledData.Create([[1.0]], [2], binary: true));
        Assert.Equal(DatasetProblem.InvalidLabel, e.Problem);
    }

    [Fact]
    public void Apply_ValueOutsideRecordedNormalisation_ThrowsBeforeAnyWork()
    {
        var train = LabeledData.Create([[0.0, 10], [1, 20]], [0, 1], binary: true);
        var scaling = FeatureScaling.FitMinMax(train);
        var test = LabeledData.Create([[0.5, 35]], [1], binary: true);
        var e = Assert.Throws<DatasetException>(() => scaling.Apply(test));
        Assert.Equal(DatasetProblem.OutsideNormalisation, e.Problem);
        Assert.Contains("outside [−1, 1]", e.Message, StringComparison.Ordinal);
        Assert.Equal([0.0, 1], scaling.Apply(LabeledData.Create([[0.5, 20.5]], [1], binary: true), tolerance: 0.5)[0]);
    }

    [Fact]
    public void Apply_ColumnCountMismatch_Throws()
    {
        var scaling = new FeatureScaling([0.0, 0], [1.0, 1]);
        var e = Assert.Throws<DatasetException>(() => scaling.Apply(LabeledData.Create([[1.0, 2, 3]], [0], binary: true)));
        Assert.Equal(DatasetProblem.ColumnCountMismatch, e.Problem);
    }

    [Fact]
    public void CheckSigmoidInterval_WeightsThatLeaveTheInterval_Throw()
    {
        EncryptedInference.CheckSigmoidInterval([1, -2, 3], 8);
        var e = Assert.Throws<DatasetException>(() => EncryptedInference.CheckSigmoidInterval([1, -4, 4], 8));
        Assert.Equal(DatasetProblem.OutsideNormalisation, e.Problem);
    }

    [Fact]
    public void Options_InitialWeightsOfWrongLengthOrNaN_Throw()
    {
        var wrong = new TrainingOptions { Algorithm = TrainingAlgorithm.Logistic, Iterations = 1, InitialWeights = [1.0, 2] };
        Assert.Equal(DatasetProblem.ColumnCountMismatch, Assert.Throws<DatasetException>(() => GradientProblem.Create(wrong, 3)).Problem);
        var nan = wrong with { InitialWeights = ImmutableArray.Create(1.0, double.NaN, 0, 0) };
        Assert.Equal(DatasetProblem.NonFinite, Assert.Throws<DatasetException>(() => GradientProblem.Create(nan, 3)).Problem);
        Assert.Throws<JobPlanException>(() => GradientProblem.Create(wrong with { Degree = 4, InitialWeights = [] }, 3));
    }

    [Fact]
    public void Options_StepScalesOfWrongLengthOrNotPositive_Throw()
    {
        var wrong = new TrainingOptions { Algorithm = TrainingAlgorithm.Logistic, Iterations = 1, StepScales = [1.0, 2] };
        Assert.Equal(DatasetProblem.ColumnCountMismatch, Assert.Throws<DatasetException>(() => GradientProblem.Create(wrong, 3)).Problem);
        Assert.Throws<JobPlanException>(() => GradientProblem.Create(wrong with { StepScales = [1.0, 0, 1, 1] }, 3));
        Assert.Throws<JobPlanException>(() => GradientProblem.Create(wrong with { StepScales = [1.0, double.NaN, 1, 1] }, 3));
        Assert.Throws<JobPlanException>(() => GradientProblem.Create(wrong with { StepScales = [1.0, 2 * TrainingOptions.MaxStepScale, 1, 1] }, 3));
        Assert.Equal(2, GradientProblem.Create(wrong with { StepScales = [1.0, 2, 3, 4] }, 3).StepScale(1));
    }

    [Fact]
    public void Create_InitialWeightsBeyondSigmoidInterval_ThrowsBeforeAnyWork()
    {
        var options = new TrainingOptions { Algorithm = TrainingAlgorithm.Logistic, Iterations = 1, InitialWeights = [3.0, -3, 2, 1] };
        var e = Assert.Throws<DatasetException>(() => GradientProblem.Create(options, 3));
        Assert.Equal(DatasetProblem.OutsideNormalisation, e.Problem);
        GradientProblem.Create(options with { SigmoidRadius = 10 }, 3);
    }

    [Fact]
    public void DesignRows_WrongWidth_Throws()
    {
        var problem = GradientProblem.Create(new TrainingOptions { Algorithm = TrainingAlgorithm.Logistic, Iterations = 1 }, 3);
        Assert.Equal(DatasetProblem.ColumnCountMismatch, Assert.Throws<DatasetException>(() => problem.DesignRows([[1.0, 2]], [1])).Problem);
    }

    [Fact]
    public void StratifiedFolds_PartitionTheRowsAndKeepProportions()
    {
        var data = MLTestData.Logistic(103, 2, salt: 21);
        var folds = data.StratifiedFolds(5, seed: 1);
        Assert.Equal(103, folds.Sum(f => f.Test.Length));
        Assert.Equal(Enumerable.Range(0, 103), folds.SelectMany(f => f.Test).Order());
        foreach (var (train, test) in folds) Assert.Empty(train.Intersect(test));
    }
}
