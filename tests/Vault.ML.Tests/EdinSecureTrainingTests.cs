using System.Globalization;
using Vault.Ckks;
using Vault.Rlwe;
using Vault.Testing;
using Xunit.Abstractions;

namespace Vault.ML.Tests;

/// <summary>The one slow test: vault train's default method on the real edin data (1253 × 9) at 128-bit security,
/// planned by the depth planner (winsorised rows, the fixed-Hessian preconditioner, 5 iterations of degree 5 on
/// [−12, 12], N = 2^15), one fold of a 5-fold split. About half a minute on two cores.</summary>
public sealed class EdinSecureTrainingTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public void Train_EdinAt128Bit_EncryptedAucWithinHalfAPercentOfPlaintextTwin()
    {
        var data = LoadEdin();
        var scaling = FeatureScaling.FitWinsorised(data);
        var normalised = scaling.Apply(data);
        var targets = data.Targets();
        var (train, test) = data.StratifiedFolds(5, seed: 1)[0];
        var options = new TrainingOptions
        {
            Algorithm = TrainingAlgorithm.Logistic,
            Iterations = 5,
            Degree = 5,
            SigmoidRadius = 12,
            LearningRate = 1 / SigmoidApproximation.LeastSquares(5, 12).MaxSlope,
            DecayingLearningRate = false,
            StepScales = DiagonalHessianBound.StepScales([.. train.Select(i => normalised[i])]),
        };
        var problem = GradientProblem.Create(options, data.Features);
        var design = problem.DesignRows([.. train.Select(i => normalised[i])], [.. train.Select(i => targets[i])]);

        var plan = JobPlanner.Plan(new JobRequest { Kind = JobKind.LogisticRegression, Rows = train.Length, Features = data.Features, Iterations = 5, Degree = 5 });
        var parameters = plan.Parameters;
        Assert.True(parameters.IsSecure);
        using var prng = new Vault.Ring.Prng(TestSeed.PrngSeed(901));
        using var generator = new KeyGenerator(parameters.Rlwe, prng);
        using var secretKey = generator.GenerateSecretKey();
        var publicKey = generator.GeneratePublicKey(secretKey);
        var galoisKeys = generator.GenerateGaloisKeys(secretKey, plan.RotationSteps.Select(s => GaloisElements.ForRotation(parameters.LogN, s)));
        var encoder = new CkksEncoder(parameters);
        using var encryptor = new Encryptor(parameters.Rlwe, publicKey, null, prng);
        var ciphertexts = plan.Layout.PackRows(design).Select(v =>
        {
            var pt = new Plaintext(parameters.Rlwe, parameters.MaxLevel, parameters.DefaultScale);
            encoder.Encode(v, pt.Level, pt.Scale, pt);
            return encryptor.Encrypt(pt);
        }).ToList();
        var trainer = new EncryptedGradientDescent(parameters, generator.GenerateRelinearizationKey(secretKey), galoisKeys, threads: 2);
        var result = trainer.Train(problem, new EncryptedDataset(plan.Layout, design.Length, ciphertexts));
        var weights = result.DecodeWeights(encoder.DecodeReal(new Decryptor(parameters.Rlwe, secretKey).Decrypt(result.Weights)));
        var plain = PlaintextGradientDescent.Train(problem, design);

        var testRows = test.Select(i => normalised[i]).ToArray();
        var testLabels = test.Select(i => targets[i]).ToArray();
        double encryptedAuc = Metrics.Auc([.. testRows.Select(x => Metrics.LinearScore(x, weights))], testLabels);
        double plainAuc = Metrics.Auc([.. testRows.Select(x => Metrics.LinearScore(x, plain.Weights))], testLabels);
        double maxDifference = weights.Zip(plain.Weights, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"{plan.Summary}\nencrypted AUC {encryptedAuc:F4}, plaintext AUC {plainAuc:F4}, max |Δw| {maxDifference:E2}");
        Assert.True(Math.Abs(encryptedAuc - plainAuc) <= 0.005, $"AUC {encryptedAuc:F4} vs {plainAuc:F4} {TestSeed.Describe}");
        Assert.True(maxDifference < 2e-3, $"max |Δw| = {maxDifference:E2} {TestSeed.Describe}");
        Assert.True(encryptedAuc > 0.9, $"edin AUC {encryptedAuc:F4} (Kim et al. report 0.93–0.96)");
        Assert.True(plain.MaxAbsRowInput < 12, $"max |z·v| = {plain.MaxAbsRowInput:F2}");
    }

    private static LabeledData LoadEdin()
    {
        var path = Path.Combine(Peers.RepositoryRoot, "datasets", "edin", "edin.txt");
        var rows = new List<double[]>();
        var labels = new List<double>();
        foreach (var line in File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var cells = line.Split('\t').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            rows.Add(cells[..^1]);
            labels.Add(cells[^1]);
        }
        return LabeledData.Create(rows, labels, binary: true);
    }
}
