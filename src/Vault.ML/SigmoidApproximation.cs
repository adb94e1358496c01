using System.Collections.Immutable;

namespace Vault.ML;

/// <summary>The least-squares polynomial approximation of the logistic sigmoid σ(x) = 1/(1 + e^(−x)) on [−R, R]:
/// the polynomial p of the given degree minimising ∫_(−R)^R (σ(x) − p(x))² dx, as used by Kim, Song, Kim, Lee and
/// Cheon (BMC Med Genomics 2018) and Kim, Song, Wang, Xia and Jiang (JMIR Med Inform 2018).</summary>
/// <remarks>Computed here, not copied: σ(Rt) is projected onto the Legendre polynomials P_0..P_d on [−1, 1] with a
/// 64-point Gauss–Legendre rule (exact for the projections to far below double precision, since σ is analytic), and
/// the Legendre series is converted to monomials. σ − 1/2 is odd, so every even coefficient but the constant 1/2 is
/// exactly zero and is set so.</remarks>
public sealed class SigmoidApproximation
{
    private const int QuadraturePoints = 64;

    private SigmoidApproximation(int degree, double radius, double[] coefficients)
    {
        Degree = degree;
        Radius = radius;
        Coefficients = [.. coefficients];
        var scaled = new double[coefficients.Length];
        for (int k = 0; k < scaled.Length; k++) scaled[k] = coefficients[k] * Math.Pow(radius, k);
        ScaledCoefficients = [.. scaled];
    }

    /// <summary>The degree (odd: 1, 3, 5, 7 or 9).</summary>
    public int Degree { get; }

    /// <summary>R: the approximation interval is [−R, R].</summary>
    public double Radius { get; }

    /// <summary>a_0..a_d with p(x) = Σ a_k x^k.</summary>
    public ImmutableArray<double> Coefficients { get; }

    /// <summary>b_k = a_k·R^k, the coefficients in t = x/R ∈ [−1, 1] (all of moderate size; what the encrypted
    /// evaluation uses).</summary>
    public ImmutableArray<double> ScaledCoefficients { get; }

    /// <summary>Fits the least-squares polynomial of <paramref name="degree"/> on [−<paramref name="radius"/>, <paramref name="radius"/>].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The degree is not odd in [1, 9] or the radius is not in (0, 64].</exception>
    public static SigmoidApproximation LeastSquares(int degree, double radius = 8)
    {
        if (degree is < 1 or > 9 || degree % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(degree), $"SigmoidApproximation: degree {degree} must be odd in [1, 9] (3, 5 or 7 for training).");
        if (!(radius > 0 && radius <= 64))
            throw new ArgumentOutOfRangeException(nameof(radius), $"SigmoidApproximation: radius {radius} must lie in (0, 64].");
        var (nodes, weights) = GaussLegendre(QuadraturePoints);
        // Legendre coefficients c_k = (2k+1)/2 ∫ σ(Rt) P_k(t) dt.
        var legendre = new double[degree + 1];
        var p = new double[degree + 1];
        for (int i = 0; i < nodes.Length; i++)
        {
            LegendreValues(nodes[i], p);
            double f = Sigmoid(radius * nodes[i]) * weights[i];
            for (int k = 0; k <= degree; k++) legendre[k] += f * p[k];
        }
        for (int k = 0; k <= degree; k++) legendre[k] *= (2 * k + 1) / 2.0;
        // Monomial coefficients in t, then in x = R·t.
        var monomialT = new double[degree + 1];
        var pk = new double[degree + 2][];
        pk[0] = new double[degree + 1];
        pk[0][0] = 1;
        if (degree >= 1)
        {
            pk[1] = new double[degree + 1];
            pk[1][1] = 1;
        }
        for (int k = 1; k < degree; k++)
        {
            // (k+1) P_(k+1) = (2k+1) t P_k − k P_(k−1)
            pk[k + 1] = new double[degree + 1];
            for (int j = 0; j <= degree; j++)
            {
                double v = -k * pk[k - 1][j];
                if (j > 0) v += (2 * k + 1) * pk[k][j - 1];
                pk[k + 1][j] = v / (k + 1);
            }
        }
        for (int k = 0; k <= degree; k++)
            for (int j = 0; j <= degree; j++) monomialT[j] += legendre[k] * pk[k][j];
        var a = new double[degree + 1];
        for (int j = 0; j <= degree; j++) a[j] = j == 0 ? 0.5 : j % 2 == 0 ? 0 : monomialT[j] / Math.Pow(radius, j);
        return new SigmoidApproximation(degree, radius, a);
    }

    /// <summary>p(x) by Horner's rule.</summary>
    public double Evaluate(double x)
    {
        double r = 0;
        for (int k = Coefficients.Length - 1; k >= 0; k--) r = r * x + Coefficients[k];
        return r;
    }

    /// <summary>s = max |p'(x)| over [−R, R] (sampled at 4001 equally spaced points, which resolves it to ~1e-7 since p'
    /// is a smooth even polynomial): the largest curvature of the surrogate loss −log-likelihood built on p per unit of
    /// (1/n)·ZᵀZ, so 1/s is the majorise–minimise step size under a fixed-Hessian bound (see
    /// <see cref="DiagonalHessianBound"/>). For σ itself s would be ¼; the least-squares fits are flatter (degree 3 on
    /// [−8, 8]: 0.156).</summary>
    public double MaxSlope
    {
        get
        {
            double max = 0;
            for (int i = 0; i <= 4000; i++)
            {
                double x = -Radius + 2 * Radius * i / 4000, slope = 0;
                for (int k = Coefficients.Length - 1; k >= 1; k--) slope = slope * x + k * Coefficients[k];
                max = Math.Max(max, Math.Abs(slope));
            }
            return max;
        }
    }

    /// <summary>The largest |σ(x) − p(x)| over <paramref name="samples"/> equally spaced points of [−R, R].</summary>
    public double MaxError(int samples = 4001)
    {
        double max = 0;
        for (int i = 0; i < samples; i++)
        {
            double x = -Radius + 2 * Radius * i / (samples - 1);
            max = Math.Max(max, Math.Abs(Sigmoid(x) - Evaluate(x)));
        }
        return max;
    }

    /// <summary>The root-mean-square error over [−R, R], (1/2R ∫ (σ − p)²)^(1/2), by Gauss–Legendre quadrature.</summary>
    public double RmsError()
    {
        var (nodes, weights) = GaussLegendre(QuadraturePoints);
        double sum = 0;
        for (int i = 0; i < nodes.Length; i++)
        {
            double x = Radius * nodes[i], e = Sigmoid(x) - Evaluate(x);
            sum += weights[i] * e * e;
        }
        return Math.Sqrt(sum / 2);
    }

    /// <summary>The logistic function 1/(1 + e^(−x)), computed without overflow.</summary>
    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private static void LegendreValues(double t, double[] p)
    {
        p[0] = 1;
        if (p.Length > 1) p[1] = t;
        for (int k = 1; k + 1 < p.Length; k++) p[k + 1] = ((2 * k + 1) * t * p[k] - k * p[k - 1]) / (k + 1);
    }

    /// <summary>Nodes and weights of the n-point Gauss–Legendre rule on [−1, 1] (Newton on P_n from Chebyshev guesses).</summary>
    internal static (double[] Nodes, double[] Weights) GaussLegendre(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                double p0 = 1, p1 = x;
                for (int k = 1; k < n; k++)
                {
                    double p2 = ((2 * k + 1) * x * p1 - k * p0) / (k + 1);
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (x * p1 - p0) / (x * x - 1);
                double dx = p1 / dp;
                x -= dx;
                if (Math.Abs(dx) < 1e-16) break;
            }
            nodes[i] = x;
            weights[i] = 2 / ((1 - x * x) * dp * dp);
        }
        return (nodes, weights);
    }
}
