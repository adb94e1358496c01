using Vault.Ckks;

namespace Vault.ML.Tests;

public sealed class JobPlannerTests
{
    [Theory]
    [InlineData(3, 7, 21)]
    [InlineData(5, 5, 20)]
    [InlineData(7, 5, 20)]
    public void Depth_Logistic_IsIterationsTimesLevelsPerIteration(int degree, int iterations, int depth) =>
        Assert.Equal(depth, JobPlanner.Depth(new JobRequest { Kind = JobKind.LogisticRegression, Rows = 1000, Features = 9, Iterations = iterations, Degree = degree }));

    [Fact]
    public void Plan_EdinSevenIterations_ChoosesA128BitSetThatFits()
    {
        var plan = JobPlanner.Plan(new JobRequest { Kind = JobKind.LogisticRegression, Rows = 1003, Features = 9, Iterations = 7, Degree = 3 });
        Assert.True(plan.Parameters.IsSecure);
        Assert.True(plan.Parameters.LogQP <= HomomorphicEncryptionStandard.MaxLogQP(plan.Parameters.LogN, SecurityLevel.Classical128));
        Assert.True(plan.Parameters.MaxLevel >= plan.Depth);
        Assert.Equal(15, plan.Parameters.LogN);
        Assert.Equal(16, plan.Layout.Stride);
        Assert.Equal(512, plan.Layout.RowsPerCiphertext);
        Assert.Equal(2, plan.Ciphertexts);
        Assert.Contains("depth 21", plan.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_TooManyIterations_RefusesWithWhatToChange()
    {
        var e = Assert.Throws<JobPlanException>(() =>
            JobPlanner.Plan(new JobRequest { Kind = JobKind.LogisticRegression, Rows = 1000, Features = 9, Iterations = 40, Degree = 7 }));
        Assert.Contains("needs depth 160", e.Message, StringComparison.Ordinal);
        Assert.Contains("use at most", e.Message, StringComparison.Ordinal);
        Assert.Contains("iterations", e.Message, StringComparison.Ordinal);
        Assert.Contains("degree 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_FixedPresetTooShallow_RefusesWithLargerNAdvice()
    {
        var e = Assert.Throws<JobPlanException>(() => JobPlanner.Plan(new JobRequest
        {
            Kind = JobKind.LogisticRegression,
            Rows = 100,
            Features = 9,
            Iterations = 3,
            Degree = 3,
            Parameters = CkksParameterPresets.LogN14,
        }));
        Assert.Contains("depth 9", e.Message, StringComparison.Ordinal);
        Assert.Contains("6 levels", e.Message, StringComparison.Ordinal);
        Assert.Contains("at most 2 iterations", e.Message, StringComparison.Ordinal);
        Assert.Contains("larger N", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_FixedPresetThatFits_IsAccepted()
    {
        var plan = JobPlanner.Plan(new JobRequest
        {
            Kind = JobKind.LogisticRegression,
            Rows = 1253,
            Features = 9,
            Iterations = 10,
            Degree = 3,
            Parameters = CkksParameterPresets.LogN16,
        });
        Assert.Equal(30, plan.Depth);
        Assert.Equal(1024, plan.Layout.RowsPerCiphertext);
        Assert.Equal(2, plan.Ciphertexts);
    }

    [Theory]
    [InlineData(JobKind.LinearInference, 2)]
    [InlineData(JobKind.LogisticInference, 4)]
    [InlineData(JobKind.MlpInference, 5)]
    [InlineData(JobKind.Statistics, 2)]
    [InlineData(JobKind.RidgeRegression, 8)]
    public void Plan_OtherJobs_HaveTheirDepth(JobKind kind, int depth)
    {
        var plan = JobPlanner.Plan(new JobRequest { Kind = kind, Rows = 500, Features = 9, Iterations = 4, Degree = 3 });
        Assert.Equal(depth, plan.Depth);
        Assert.True(plan.Parameters.IsSecure);
        Assert.True(plan.ExpectedPrecisionBits > 10);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(3, 4)]
    public void Plan_BadHyperparameters_Throw(int iterations, int degree) =>
        Assert.Throws<JobPlanException>(() => JobPlanner.Plan(new JobRequest { Kind = JobKind.LogisticRegression, Rows = 10, Features = 2, Iterations = iterations, Degree = degree }));

    [Fact]
    public void Plan_RowTooWideForTheRing_Throws() =>
        Assert.Throws<JobPlanException>(() => JobPlanner.Plan(new JobRequest
        {
            Kind = JobKind.LinearInference,
            Rows = 10,
            Features = 5000,
            Parameters = CkksParameterPresets.LogN13,
        }));
}
