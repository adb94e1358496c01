namespace Vault.ML;

/// <summary>The step sizes and momentum of Nesterov's accelerated gradient as Kim, Song, Kim, Lee and Cheon use it
/// (BMC Med Genomics 2018, §Methods): β_(t+1) = v_t + γ_t·∇(v_t), v_(t+1) = (1 − η_t)·β_(t+1) + η_t·β_t, with
/// λ_1 = 1, λ_(t+1) = (1 + √(1 + 4λ_t²))/2, η_t = (1 − λ_t)/λ_(t+1) (so η_1 = 0 and η_t ≤ 0 after), and the
/// learning rate γ_t = a/(t + 1) (a = 10 in the paper) or a constant.</summary>
/// <remarks>
/// Every iterate is a fixed linear combination of β_1 and the steps d_s = γ_s·∇(v_s):
/// β_t = β_1 + Σ_s A[t, s]·d_s and v_t = β_1 + Σ_s C[t, s]·d_s, with A[t+1, s] = C[t, s] + [s = t] and
/// C[t+1, s] = (1 − η_t)·A[t+1, s] + η_t·A[t, s]. The encrypted trainer uses these public coefficients to fold the
/// momentum into constants and save a level per iteration; the plaintext trainer runs the recurrence directly.
/// </remarks>
public sealed class NesterovSchedule
{
    private readonly double[] _gamma, _eta;
    private readonly double[,] _a, _c;

    /// <summary>Builds the schedule for <paramref name="iterations"/> steps.</summary>
    /// <param name="iterations">K ≥ 1.</param>
    /// <param name="learningRate">a: γ_t = a/(t + 1) when <paramref name="decaying"/>, else γ_t = a.</param>
    /// <param name="decaying">Use Kim et al.'s a/(t + 1).</param>
    /// <param name="nesterov">False gives plain gradient descent (η_t = 0).</param>
    public NesterovSchedule(int iterations, double learningRate, bool decaying, bool nesterov)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), "NesterovSchedule: the learning rate must be positive.");
        Iterations = iterations;
        _gamma = new double[iterations + 1];
        _eta = new double[iterations + 1];
        double lambda = 1;
        for (int t = 1; t <= iterations; t++)
        {
            double next = (1 + Math.Sqrt(1 + 4 * lambda * lambda)) / 2;
            _eta[t] = nesterov ? (1 - lambda) / next : 0;
            _gamma[t] = decaying ? learningRate / (t + 1) : learningRate;
            lambda = next;
        }
        _a = new double[iterations + 2, iterations + 1];
        _c = new double[iterations + 2, iterations + 1];
        for (int t = 1; t <= iterations; t++)
        {
            for (int s = 1; s <= t; s++)
            {
                _a[t + 1, s] = _c[t, s] + (s == t ? 1 : 0);
                _c[t + 1, s] = (1 - _eta[t]) * _a[t + 1, s] + _eta[t] * _a[t, s];
            }
        }
    }

    /// <summary>K.</summary>
    public int Iterations { get; }

    /// <summary>γ_t for t = 1..K.</summary>
    public double Gamma(int t) => _gamma[t];

    /// <summary>η_t for t = 1..K.</summary>
    public double Eta(int t) => _eta[t];

    /// <summary>A[t, s]: the weight of d_s in β_t (t = 1..K+1, s &lt; t).</summary>
    public double BetaCoefficient(int t, int s) => _a[t, s];

    /// <summary>C[t, s]: the weight of d_s in v_t (t = 1..K+1, s &lt; t).</summary>
    public double LookaheadCoefficient(int t, int s) => _c[t, s];

    /// <summary>κ_t, the factor the encrypted trainer folds into step t so it enters the next look-ahead (or, for the
    /// last step, the output) with weight one: C[t+1, t] for t &lt; K, A[K+1, K] = 1 for t = K.</summary>
    public double StepFold(int t) => t < Iterations ? _c[t + 1, t] : _a[t + 1, t];
}
