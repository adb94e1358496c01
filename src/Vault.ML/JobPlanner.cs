using Vault.Ckks;

namespace Vault.ML;

/// <summary>Sizes an encrypted job before any work: multiplicative depth from the algorithm and hyperparameters, slot
/// layout from the dataset shape, and CKKS parameters at 128-bit security (chosen, or the caller's validated). Jobs
/// that cannot fit are refused with a message that says what to change. Vault has no bootstrapping and the engine
/// never holds the secret key, so the depth is a hard budget.</summary>
public static class JobPlanner
{
    private const int MinLogN = 13;
    private const int HeadroomBits = 18;
    private const int SpecialPrimeMargin = 15;

    /// <summary>The depth of a job: training K·(1 + chain) (chain 1, 2, 3, 3 for degree 1, 3, 5, 7; ridge is degree 1);
    /// linear scores 2 (inner product, output mask); logistic scores 2 + ⌈log2(deg + 1)⌉; MLP 3 + ⌈log2(deg + 1)⌉;
    /// statistics 3.</summary>
    /// <exception cref="JobPlanException">Bad hyperparameters.</exception>
    public static int Depth(JobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Kind switch
        {
            JobKind.LogisticRegression => Iterations(request) * EncryptedGradientDescent.LevelsPerIteration(SigmoidDegree(request)),
            JobKind.RidgeRegression => Iterations(request) * EncryptedGradientDescent.LevelsPerIteration(1),
            JobKind.LinearInference => 2,
            JobKind.LogisticInference => 2 + CkksEvaluator.PolynomialDepth(SigmoidDegree(request)),
            JobKind.MlpInference => 3 + CkksEvaluator.PolynomialDepth(ActivationDegree(request)),
            JobKind.Statistics => EncryptedStatistics.Depth,
            _ => throw new JobPlanException($"Plan: unknown job kind {request.Kind}."),
        };
    }

    /// <summary>Plans <paramref name="request"/>.</summary>
    /// <exception cref="JobPlanException">The job does not fit; the message says what to change.</exception>
    public static JobPlan Plan(JobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Rows < 1 || request.Features < 1)
            throw new JobPlanException($"Plan: a {request.Rows} × {request.Features} dataset has nothing to compute on.");
        int depth = Depth(request);
        int perIteration = request.Kind is JobKind.LogisticRegression or JobKind.RidgeRegression ? depth / Iterations(request) : 0;
        CkksParameters parameters = request.Parameters is { } fixedSpec ? Validate(request, fixedSpec, depth, perIteration) : Choose(request, depth, perIteration);
        bool training = perIteration > 0;
        int columns = request.Kind switch
        {
            JobKind.RidgeRegression => request.Features + 2,
            JobKind.Statistics => request.Features + 1,
            _ => request.Features + 1,
        };
        var layout = SlotLayout.Create(parameters.Slots, columns, doubled: training);
        var steps = training
            ? EncryptedGradientDescent.RotationSteps(layout)
            : request.Kind == JobKind.Statistics ? EncryptedStatistics.RotationSteps(layout) : EncryptedInference.RotationSteps(layout);
        double noise = 3.2 * Math.Sqrt(4.0 * parameters.N / 3) * Math.Sqrt(parameters.N);
        double bits = parameters.Spec.LogDefaultScale - Math.Log2(noise);
        return new JobPlan(request, depth, perIteration, layout, layout.CiphertextCount(request.Rows), parameters, steps, bits);
    }

    private static CkksParameters Validate(JobRequest request, CkksParameterSpec spec, int depth, int perIteration)
    {
        var parameters = spec.Security == SecurityLevel.InsecureTestOnly ? CkksParameters.CreateInsecure(spec) : CkksParameters.Create(spec);
        if (depth > parameters.MaxLevel)
        {
            string advice = perIteration > 0
                ? $"use at most {parameters.MaxLevel / perIteration} iterations ({perIteration} levels each){LowerDegreeAdvice(request)}, or a larger N (a set with at least {depth} levels)"
                : $"use a lower degree or a set with at least {depth} levels";
            throw new JobPlanException($"Plan: the {request.Kind} job needs depth {depth} but the parameters have {parameters.MaxLevel} levels; {advice}.");
        }
        return parameters;
    }

    private static CkksParameters Choose(JobRequest request, int depth, int perIteration)
    {
        int logScale = request.LogScale > 0 ? request.LogScale : perIteration > 0 ? 32 : 40;
        if (logScale is < 20 or > 50) throw new JobPlanException($"Plan: log2 Δ = {logScale} outside [20, 50].");
        int bestDepth = 0;
        for (int logN = MinLogN; logN <= HomomorphicEncryptionStandard.MaxLogN; logN++)
        {
            int budget = HomomorphicEncryptionStandard.MaxLogQP(logN, SecurityLevel.Classical128);
            int q0 = Math.Min(60, logScale + HeadroomBits);
            for (int alpha = Math.Min(6, depth + 1); alpha >= 1; alpha--)
            {
                int pBitsNeeded = alpha * logScale + SpecialPrimeMargin;
                int pCount = (pBitsNeeded + 59) / 60;
                int pBits = Math.Max(20, (pBitsNeeded + pCount - 1) / pCount);
                int available = (budget - q0 - pCount * pBits) / logScale;
                bestDepth = Math.Max(bestDepth, available);
                if (available < depth) continue;
                int primes = depth + 1;
                var spec = new CkksParameterSpec
                {
                    LogN = logN,
                    LogQ = [q0, .. Enumerable.Repeat(logScale, depth)],
                    LogP = [.. Enumerable.Repeat(pBits, pCount)],
                    LogDefaultScale = logScale,
                    Dnum = (primes + alpha - 1) / alpha,
                };
                try
                {
                    return CkksParameters.Create(spec);
                }
                catch (ParameterException)
                {
                    continue;      // not enough NTT primes of that size, or a digit split that does not exist
                }
            }
        }
        string advice = perIteration > 0
            ? $"use at most {Math.Max(0, bestDepth / perIteration)} iterations ({perIteration} levels each){LowerDegreeAdvice(request)}"
            : "use a lower degree";
        throw new JobPlanException(
            $"Plan: the {request.Kind} job needs depth {depth}, but the largest 128-bit set (N = 2^16, log2(QP) ≤ " +
            $"{HomomorphicEncryptionStandard.MaxLogQP(HomomorphicEncryptionStandard.MaxLogN, SecurityLevel.Classical128)}) holds {bestDepth} levels at Δ = 2^{logScale}; " +
            $"{advice}, or a smaller scale (less precision). Vault has no bootstrapping, so depth cannot be refreshed.");
    }

    private static string LowerDegreeAdvice(JobRequest request) =>
        request.Kind == JobKind.LogisticRegression && request.Degree > 3 ? ", or degree 3 (3 levels each)" : "";

    private static int Iterations(JobRequest request) =>
        request.Iterations >= 1 ? request.Iterations : throw new JobPlanException($"Plan: iterations = {request.Iterations} must be at least 1.");

    private static int SigmoidDegree(JobRequest request) =>
        request.Degree is 3 or 5 or 7 ? request.Degree : throw new JobPlanException($"Plan: sigmoid degree {request.Degree} must be 3, 5 or 7.");

    private static int ActivationDegree(JobRequest request) =>
        request.Degree is >= 1 and <= 15 ? request.Degree : throw new JobPlanException($"Plan: activation degree {request.Degree} must lie in [1, 15].");
}
