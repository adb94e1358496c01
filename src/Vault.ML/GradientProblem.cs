using System.Collections.Immutable;

namespace Vault.ML;

/// <summary>A training job reduced to what both the encrypted and the plaintext trainer compute: design rows z_i of
/// <see cref="Columns"/> values, a row polynomial g, and the step d_t = γ_t·D·((1/n)·Σ_i g(z_i·v_t)·z_i − λ·P·v_t)
/// restricted to the trainable columns, inside Nesterov's recurrence; D = diag(p_j) is the public diagonal
/// preconditioner (<see cref="TrainingOptions.StepScales"/>, the identity by default) and P masks the penalised columns.</summary>
/// <remarks>
/// <para>Logistic regression (labels y ∈ {0, 1}): z_i = (2y_i − 1)·(1, x_i) and g(u) ≈ σ(−u), the least-squares
/// sigmoid with its odd coefficients negated, so d_t is γ_t times the gradient of the mean log-likelihood (Kim et al.).</para>
/// <para>Ridge regression: z_i = (1, x_i, y_i) with a fixed weight −1 on the last column, so z_i·v = x_i·β − y_i is
/// the residual r_i; g(u) = −u, and the last column is not trainable, so d_t = −γ_t·((1/n)·Σ r_i·x_i + λ·β).</para>
/// </remarks>
public sealed class GradientProblem
{
    private readonly bool[] _trainable;
    private readonly bool[] _penalized;
    private readonly double[] _initial;
    private readonly double[] _stepScales;

    private GradientProblem(TrainingOptions options, int features)
    {
        Options = options;
        Features = features;
        Schedule = new NesterovSchedule(options.Iterations, options.LearningRate, options.DecayingLearningRate, options.Nesterov);
        if (options.Algorithm == TrainingAlgorithm.Logistic)
        {
            Sigmoid = SigmoidApproximation.LeastSquares(options.Degree, options.SigmoidRadius);
            var g = new double[options.Degree + 1];
            for (int k = 0; k < g.Length; k++) g[k] = k == 0 ? 0.5 : -Sigmoid.Coefficients[k];   // σ(−u) = 1 − σ(u)
            RowPolynomial = [.. g];
            Radius = options.SigmoidRadius;
            Columns = features + 1;
            _trainable = Enumerable.Repeat(true, Columns).ToArray();
            _penalized = new bool[Columns];
        }
        else
        {
            RowPolynomial = [0.0, -1.0];
            Radius = 1;
            Columns = features + 2;
            _trainable = Enumerable.Range(0, Columns).Select(j => j < Columns - 1).ToArray();
            _penalized = Enumerable.Range(0, Columns).Select(j => j > 0 && j < Columns - 1).ToArray();
        }
        _initial = new double[Columns];
        if (!options.InitialWeights.IsDefaultOrEmpty)
            for (int j = 0; j <= features; j++) _initial[j] = options.InitialWeights[j];
        if (options.Algorithm == TrainingAlgorithm.Ridge) _initial[Columns - 1] = -1;
        _stepScales = new double[Columns];
        for (int j = 0; j < Columns; j++) _stepScales[j] = !options.StepScales.IsDefaultOrEmpty && j <= features ? options.StepScales[j] : 1;
    }

    /// <summary>Validates the options for <paramref name="features"/> feature columns and builds the problem.</summary>
    /// <exception cref="JobPlanException">A hyperparameter is out of range.</exception>
    /// <exception cref="DatasetException">Initial weights of the wrong length, non-finite, or whose first-step inputs can
    /// leave the sigmoid interval on normalised rows.</exception>
    public static GradientProblem Create(TrainingOptions options, int features)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        options.Validate(features);
        if (options.Algorithm == TrainingAlgorithm.Logistic && !options.InitialWeights.IsDefaultOrEmpty)
        {
            // Rows are normalised into [−1, 1] (the recorded normalisation), so the first step's inputs satisfy
            // |z·β_1| ≤ Σ_j |β_1,j|: refuse before any work when that can leave the sigmoid's interval.
            double bound = 0;
            foreach (double w in options.InitialWeights) bound += Math.Abs(w);
            if (bound > options.SigmoidRadius)
                throw new DatasetException(DatasetProblem.OutsideNormalisation,
                    $"Training: the initial weights give |z·β_1| up to {bound:F2} on normalised rows, outside the sigmoid interval [−{options.SigmoidRadius}, {options.SigmoidRadius}]; " +
                    "start from smaller weights or widen the interval.");
        }
        return new GradientProblem(options, features);
    }

    /// <summary>The hyperparameters.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The algorithm.</summary>
    public TrainingAlgorithm Algorithm => Options.Algorithm;

    /// <summary>d, the feature count.</summary>
    public int Features { get; }

    /// <summary>c, the values per design row: d + 1 (logistic) or d + 2 (ridge).</summary>
    public int Columns { get; }

    /// <summary>The sigmoid approximation (logistic only).</summary>
    public SigmoidApproximation? Sigmoid { get; }

    /// <summary>g_0..g_deg in u.</summary>
    public ImmutableArray<double> RowPolynomial { get; }

    /// <summary>R: the encrypted trainer evaluates g on w = u/R ∈ [−1, 1] (1 for ridge).</summary>
    public double Radius { get; }

    /// <summary>The learning-rate and momentum schedule.</summary>
    public NesterovSchedule Schedule { get; }

    /// <summary>λ.</summary>
    public double Lambda => Options.RidgeLambda;

    /// <summary>Whether column j is updated.</summary>
    public bool IsTrainable(int j) => _trainable[j];

    /// <summary>Whether column j carries the ridge penalty.</summary>
    public bool IsPenalized(int j) => _penalized[j];

    /// <summary>p_j, the preconditioner's factor for column j (1 when none is set).</summary>
    public double StepScale(int j) => _stepScales[j];

    /// <summary>v_1 = β_1 over the columns (the ridge target column holds −1).</summary>
    public ReadOnlySpan<double> InitialWeights => _initial;

    /// <summary>The design rows z_i from normalised feature rows and targets.</summary>
    /// <exception cref="DatasetException">A row's width is not <see cref="Features"/>, or a logistic label is not 0/1.</exception>
    public double[][] DesignRows(IReadOnlyList<double[]> normalisedRows, IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(normalisedRows);
        ArgumentNullException.ThrowIfNull(targets);
        var z = new double[normalisedRows.Count][];
        for (int i = 0; i < z.Length; i++)
        {
            var x = normalisedRows[i];
            if (x.Length != Features)
                throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"DesignRows: row {i} has {x.Length} features, the job {Features}.");
            z[i] = new double[Columns];
            if (Algorithm == TrainingAlgorithm.Logistic)
            {
                if (targets[i] is not (0.0 or 1.0))
                    throw new DatasetException(DatasetProblem.InvalidLabel, $"DesignRows: label {targets[i]} of row {i} is not 0 or 1.");
                double sign = 2 * targets[i] - 1;
                z[i][0] = sign;
                for (int j = 0; j < Features; j++) z[i][j + 1] = sign * x[j];
            }
            else
            {
                z[i][0] = 1;
                for (int j = 0; j < Features; j++) z[i][j + 1] = x[j];
                z[i][Columns - 1] = targets[i];
            }
        }
        return z;
    }

    /// <summary>The model weights (intercept, then one per feature) from the weights over the columns.</summary>
    public double[] ModelWeights(ReadOnlySpan<double> columnWeights) => columnWeights[..(Features + 1)].ToArray();

    /// <summary>g(u).</summary>
    public double EvaluateRow(double u)
    {
        double r = 0;
        for (int k = RowPolynomial.Length - 1; k >= 0; k--) r = r * u + RowPolynomial[k];
        return r;
    }
}
