using Vault.Ring;
using Vault.Ring.Gpu;
using Vault.Testing;
using Xunit.Abstractions;

namespace Vault.ML.Tests;

/// <summary>Encrypted training against the identical plaintext algorithm (same rows, polynomial, schedule,
/// iterations): the weights must agree to ~1e-3 or better; the only difference is CKKS noise.</summary>
public sealed class EncryptedGradientDescentTests : IClassFixture<LogN10DeepFixture>
{
    private readonly CkksTestContext _ctx;
    private readonly ITestOutputHelper _output;

    public EncryptedGradientDescentTests(LogN10DeepFixture fixture, ITestOutputHelper output)
    {
        _ctx = fixture.Context;
        _output = output;
    }

    /// <summary>100 rows fill two ciphertexts (one per worker); 50 rows fill one, whose products are split between the workers.</summary>
    [Theory]
    [InlineData(3, 4, 100)]
    [InlineData(5, 3, 100)]
    [InlineData(7, 3, 100)]
    [InlineData(3, 4, 50)]
    [InlineData(5, 3, 50)]
    [InlineData(7, 3, 50)]
    public void Train_Logistic_MatchesPlaintextTwin(int degree, int iterations, int rows)
    {
        var data = MLTestData.Logistic(rows, 3, salt: degree);
        var options = new TrainingOptions { Algorithm = TrainingAlgorithm.Logistic, Iterations = iterations, Degree = degree };
        AssertMatchesPlaintext(data, options, tolerance: 1e-5);
    }

    /// <summary>The fixed-Hessian method: winsorised rows, per-column step scales folded into the mask, constant step
    /// 1/s; one column badly scaled so the factors differ by an order of magnitude.</summary>
    [Theory]
    [InlineData(3, 4, 100)]
    [InlineData(5, 3, 100)]
    [InlineData(7, 3, 50)]
    public void Train_LogisticWithFixedHessianPreconditioner_MatchesPlaintextTwin(int degree, int iterations, int rows)
    {
        var raw = MLTestData.Logistic(rows, 3, salt: 20 + degree);
        var skewed = LabeledData.Create([.. Enumerable.Range(0, raw.Rows).Select(i => new[] { raw.Row(i)[0], 0.1 * raw.Row(i)[1] + 3, Math.Pow(raw.Row(i)[2], 3) })],
            raw.Targets(), binary: true);
        var scaling = FeatureScaling.FitWinsorised(skewed);
        var normalised = scaling.Apply(skewed);
        var data = LabeledData.Create(normalised, skewed.Targets(), binary: true);
        var stepScales = DiagonalHessianBound.StepScales(normalised);
        Assert.True(stepScales.Max() / stepScales.Min() > 2, $"step scales {string.Join(", ", stepScales)}");
        var options = new TrainingOptions
        {
            Algorithm = TrainingAlgorithm.Logistic,
            Iterations = iterations,
            Degree = degree,
            SigmoidRadius = 12,
            LearningRate = 1 / SigmoidApproximation.LeastSquares(degree, 12).MaxSlope,
            DecayingLearningRate = false,
            StepScales = stepScales,
        };
        AssertMatchesPlaintext(data, options, tolerance: 1e-5);
    }

    [Fact]
    public void Train_RidgeWithStepScales_MatchesPlaintextTwin()
    {
        var data = MLTestData.Linear(90, 3, salt: 15);
        var options = new TrainingOptions
        {
            Algorithm = TrainingAlgorithm.Ridge,
            Iterations = 6,
            LearningRate = 1,
            DecayingLearningRate = false,
            RidgeLambda = 0.05,
            StepScales = [1.0, 2, 0.5, 3],
        };
        AssertMatchesPlaintext(data, options, tolerance: 1e-5);
    }

    [Fact]
    public void Train_LogisticWithInitialWeightsWithoutNesterov_MatchesPlaintextTwin()
    {
        var data = MLTestData.Logistic(70, 3, salt: 11);
        var options = new TrainingOptions
        {
            Algorithm = TrainingAlgorithm.Logistic,
            Iterations = 3,
            Degree = 3,
            Nesterov = false,
            InitialWeights = [0.2, -0.5, 0.1, 0.3],
            LearningRate = 2,
            DecayingLearningRate = false,
        };
        AssertMatchesPlaintext(data, options, tolerance: 1e-5);
    }

    [Fact]
    public void Train_Ridge_MatchesPlaintextTwin()
    {
        var data = MLTestData.Linear(90, 3, salt: 12);
        var options = new TrainingOptions
        {
            Algorithm = TrainingAlgorithm.Ridge,
            Iterations = 6,
            LearningRate = 1,
            DecayingLearningRate = false,
            RidgeLambda = 0.05,
        };
        AssertMatchesPlaintext(data, options, tolerance: 1e-5);
    }

    /// <summary>The same job on a ring backend (data uploaded once, every step on the device, the model downloaded) gives
    /// the host's bytes: a zero start, a non-zero start, ridge, one and two data ciphertexts, every iterate.</summary>
    [Theory]
    [InlineData(3, 3, 100, false, 0.0)]
    [InlineData(5, 2, 50, true, 0.05)]
    [InlineData(7, 3, 50, true, 0.0)]
    public void Train_OnRingBackend_BitIdenticalWithHost(int degree, int iterations, int rows, bool warmStart, double lambda)
    {
        var data = MLTestData.Logistic(rows, 3, salt: 40 + degree);
        var options = new TrainingOptions
        {
            Algorithm = TrainingAlgorithm.Logistic,
            Iterations = iterations,
            Degree = degree,
            RidgeLambda = lambda,
            InitialWeights = warmStart ? [0.1, -0.2, 0.05, 0.3] : [],
        };
        var problem = GradientProblem.Create(options, data.Features);
        var encrypted = EncryptDesign(problem, data);
        var host = new EncryptedGradientDescent(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys, threads: 2)
            .Train(problem, encrypted, keepIterates: true);
        using var cpu = new CpuRingBackend(_ctx.Parameters.Rlwe.Ring);
        using var backend = new CountingRingBackend(cpu);
        var progress = new ProgressRecorder();
        var device = new EncryptedGradientDescent(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys, backend)
            .Train(problem, encrypted, progress, keepIterates: true);

        CiphertextAssert.Identical(host.Weights, device.Weights, "weights");
        Assert.Equal(host.Iterates.Count, device.Iterates.Count);
        for (int t = 0; t < host.Iterates.Count; t++) CiphertextAssert.Identical(host.Iterates[t], device.Iterates[t], $"iterate {t + 1}");
        Assert.Equal(Enumerable.Range(1, iterations), progress.Reports.Select(p => p.Iteration));
        Assert.Equal(2 * (1 + host.Iterates.Count), backend.Downloads);      // two parts of the model and of each iterate, nothing else
    }

    /// <summary>The same on the GPU kernels, with ILGPU's CPU accelerator standing in for a GPU (a slow simulator, so one
    /// data ciphertext and two steps).</summary>
    [Fact]
    public void Train_OnTheGpuKernels_BitIdenticalWithHost()
    {
        var data = MLTestData.Logistic(50, 3, salt: 47);
        var problem = GradientProblem.Create(new TrainingOptions { Algorithm = TrainingAlgorithm.Logistic, Iterations = 2, Degree = 3, RidgeLambda = 0.05 }, data.Features);
        var encrypted = EncryptDesign(problem, data);
        var host = new EncryptedGradientDescent(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys, threads: 1).Train(problem, encrypted);
        using var accelerator = GpuAccelerator.Create(GpuDevice.Cpu);
        using var backend = GpuRingBackend.Create(_ctx.Parameters.Rlwe.Ring, accelerator);
        var device = new EncryptedGradientDescent(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys, backend).Train(problem, encrypted);
        CiphertextAssert.Identical(host.Weights, device.Weights, "weights");
    }

    [Fact]
    public void Train_OnBackendOfAnotherRing_Throws()
    {
        using var other = new CkksTestContext(InsecureTestParameters.LogN10Dnum2, salt: 1);
        using var backend = new CpuRingBackend(other.Parameters.Rlwe.Ring);
        Assert.Throws<ArgumentException>(() => new EncryptedGradientDescent(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys, backend));
    }

    [Fact]
    public void Train_TooManyIterations_ThrowsJobPlanException()
    {
        var data = MLTestData.Logistic(20, 3, salt: 13);
        var options = new TrainingOptions { Algorithm = TrainingAlgorithm.Logistic, Iterations = 5, Degree = 3 };
        var problem = GradientProblem.Create(options, data.Features);
        var encrypted = EncryptDesign(problem, data);
        var trainer = new EncryptedGradientDescent(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys, threads: 1);
        var e = Assert.Throws<JobPlanException>(() => trainer.Train(problem, encrypted));
        Assert.Contains("at most 4 iterations", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_LayoutOfAnotherWidth_ThrowsDatasetException()
    {
        var data = MLTestData.Logistic(20, 3, salt: 14);
        var problem = GradientProblem.Create(new TrainingOptions { Algorithm = TrainingAlgorithm.Logistic, Iterations = 1 }, data.Features);
        var wider = GradientProblem.Create(new TrainingOptions { Algorithm = TrainingAlgorithm.Logistic, Iterations = 1 }, 4);
        var encrypted = EncryptDesign(problem, data);
        var trainer = new EncryptedGradientDescent(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys, threads: 1);
        var e = Assert.Throws<DatasetException>(() => trainer.Train(wider, encrypted));
        Assert.Equal(DatasetProblem.ColumnCountMismatch, e.Problem);
    }

    private void AssertMatchesPlaintext(LabeledData data, TrainingOptions options, double tolerance)
    {
        var problem = GradientProblem.Create(options, data.Features);
        var rows = Enumerable.Range(0, data.Rows).Select(i => data.Row(i).ToArray()).ToArray();
        var design = problem.DesignRows(rows, data.Targets());
        var plain = PlaintextGradientDescent.Train(problem, design);
        var encrypted = EncryptDesign(problem, data);
        var trainer = new EncryptedGradientDescent(_ctx.Parameters, _ctx.RelinearizationKey, _ctx.GaloisKeys, threads: 2);
        var result = trainer.Train(problem, encrypted, keepIterates: true);
        var weights = result.DecodeWeights(MLTestData.Decrypt(_ctx, result.Weights));
        double error = MLTestData.MaxDifference(plain.Weights, weights);
        _output.WriteLine($"plaintext {string.Join(", ", plain.Weights.Select(w => w.ToString("F5")))}");
        _output.WriteLine($"encrypted {string.Join(", ", weights.Select(w => w.ToString("F5")))}  max |Δ| = {error:E2}, level {result.Weights.Level}");
        Assert.True(error < tolerance, $"max |Δw| = {error:E3} ≥ {tolerance} {TestSeed.Describe}");
        Assert.Equal(options.Iterations - 1, result.Iterates.Count);
        for (int t = 0; t < result.Iterates.Count; t++)
        {
            var iterate = result.DecodeWeights(MLTestData.Decrypt(_ctx, result.Iterates[t]));
            Assert.True(MLTestData.MaxDifference(plain.Iterates[t], iterate) < tolerance, $"iterate {t + 1} differs {TestSeed.Describe}");
        }
    }

    private EncryptedDataset EncryptDesign(GradientProblem problem, LabeledData data)
    {
        var rows = Enumerable.Range(0, data.Rows).Select(i => data.Row(i).ToArray()).ToArray();
        var design = problem.DesignRows(rows, data.Targets());
        var layout = SlotLayout.Create(_ctx.Parameters.Slots, problem.Columns, doubled: true);
        return new EncryptedDataset(layout, data.Rows, MLTestData.Encrypt(_ctx, layout.PackRows(design)));
    }

    private sealed class ProgressRecorder : IProgress<TrainingProgress>
    {
        public List<TrainingProgress> Reports { get; } = [];

        public void Report(TrainingProgress value) => Reports.Add(value);
    }
}
