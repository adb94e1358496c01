namespace Vault.ML;

/// <summary>The plaintext twin of <see cref="EncryptedGradientDescent"/>: the same design rows, row polynomial,
/// learning rates, momentum and iteration count, in doubles. It is the reference the encrypted result is compared
/// with (the two differ only by CKKS noise).</summary>
public static class PlaintextGradientDescent
{
    /// <summary>Runs K steps of (accelerated) gradient descent on <paramref name="designRows"/>.</summary>
    public static PlaintextTrainingResult Train(GradientProblem problem, IReadOnlyList<double[]> designRows)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(designRows);
        if (designRows.Count == 0) throw new DatasetException(DatasetProblem.Empty, "Train: no rows.");
        int c = problem.Columns, n = designRows.Count;
        var schedule = problem.Schedule;
        var v = problem.InitialWeights.ToArray();
        var beta = (double[])v.Clone();
        var gradient = new double[c];
        var iterates = new List<double[]>();
        double maxInput = 0;
        for (int t = 1; t <= schedule.Iterations; t++)
        {
            Array.Clear(gradient);
            foreach (var z in designRows)
            {
                if (z.Length != c) throw new DatasetException(DatasetProblem.ColumnCountMismatch, $"Train: a design row has {z.Length} values, expected {c}.");
                double u = 0;
                for (int j = 0; j < c; j++) u += z[j] * v[j];
                maxInput = Math.Max(maxInput, Math.Abs(u));
                double g = problem.EvaluateRow(u);
                for (int j = 0; j < c; j++) gradient[j] += g * z[j];
            }
            double gamma = schedule.Gamma(t), eta = schedule.Eta(t);
            var next = new double[c];
            for (int j = 0; j < c; j++)
            {
                double step = 0;
                if (problem.IsTrainable(j)) step = gradient[j] / n;
                if (problem.IsPenalized(j)) step -= problem.Lambda * v[j];
                next[j] = v[j] + gamma * problem.StepScale(j) * step;
            }
            for (int j = 0; j < c; j++) v[j] = (1 - eta) * next[j] + eta * beta[j];
            beta = next;
            iterates.Add(problem.ModelWeights(beta));
        }
        return new PlaintextTrainingResult(problem.ModelWeights(beta), iterates, maxInput);
    }
}
