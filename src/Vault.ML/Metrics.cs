namespace Vault.ML;

/// <summary>Evaluation metrics computed from scores and labels (checked against ML.NET's evaluators in the tests).</summary>
public static class Metrics
{
    /// <summary>Area under the ROC curve: the Mann–Whitney statistic P(score⁺ &gt; score⁻) + ½·P(tie), by ranking.</summary>
    /// <exception cref="DatasetException">Only one class is present.</exception>
    public static double Auc(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        int n = scores.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var s = scores.ToArray();
        Array.Sort(s, order);
        double positives = 0, rankSum = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && s[j + 1] == s[i]) j++;
            double rank = (i + j) / 2.0 + 1;                 // average rank of the tie group
            for (int k = i; k <= j; k++)
                if (labels[order[k]] > 0.5) { rankSum += rank; positives++; }
            i = j + 1;
        }
        double negatives = n - positives;
        if (positives == 0 || negatives == 0)
            throw new DatasetException(DatasetProblem.InvalidLabel, "Auc: needs both classes among the labels.");
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /// <summary>Fraction of rows where (probability ≥ threshold) equals the label.</summary>
    public static double Accuracy(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels, double threshold = 0.5)
    {
        int correct = 0;
        for (int i = 0; i < probabilities.Length; i++)
            if ((probabilities[i] >= threshold) == (labels[i] > 0.5)) correct++;
        return (double)correct / probabilities.Length;
    }

    /// <summary>Mean negative log-likelihood in bits (ML.NET's convention), probabilities clipped to [1e-15, 1 − 1e-15].</summary>
    public static double LogLoss(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels)
    {
        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = Math.Clamp(probabilities[i], 1e-15, 1 - 1e-15);
            sum -= labels[i] > 0.5 ? Math.Log2(p) : Math.Log2(1 - p);
        }
        return sum / probabilities.Length;
    }

    /// <summary>Coefficient of determination 1 − SS_res/SS_tot.</summary>
    public static double RSquared(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets)
    {
        double mean = 0;
        foreach (double t in targets) mean += t;
        mean /= targets.Length;
        double res = 0, tot = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            res += (targets[i] - predictions[i]) * (targets[i] - predictions[i]);
            tot += (targets[i] - mean) * (targets[i] - mean);
        }
        return 1 - res / tot;
    }

    /// <summary>The ROC curve (false-positive rate, true-positive rate) at every distinct threshold, from (0,0) to (1,1).</summary>
    public static (double[] FalsePositiveRate, double[] TruePositiveRate) Roc(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        int n = scores.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var s = scores.ToArray();
        Array.Sort(s, order);
        Array.Reverse(s);
        Array.Reverse(order);
        double positives = 0;
        foreach (double l in labels) if (l > 0.5) positives++;
        double negatives = n - positives;
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        double tp = 0, fp = 0;
        for (int i = 0; i < n; i++)
        {
            if (labels[order[i]] > 0.5) tp++; else fp++;
            if (i + 1 < n && s[i + 1] == s[i]) continue;
            fpr.Add(negatives > 0 ? fp / negatives : 0);
            tpr.Add(positives > 0 ? tp / positives : 0);
        }
        return ([.. fpr], [.. tpr]);
    }

    /// <summary>Logistic probabilities σ(β_0 + Σ β_j x_j) of normalised rows.</summary>
    public static double[] LogisticProbabilities(IReadOnlyList<double[]> rows, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var p = new double[rows.Count];
        for (int i = 0; i < p.Length; i++) p[i] = SigmoidApproximation.Sigmoid(LinearScore(rows[i], weights));
        return p;
    }

    /// <summary>β_0 + Σ β_j x_j.</summary>
    public static double LinearScore(ReadOnlySpan<double> row, ReadOnlySpan<double> weights)
    {
        double u = weights[0];
        for (int j = 0; j < row.Length; j++) u += weights[j + 1] * row[j];
        return u;
    }
}
