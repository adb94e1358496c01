using ScottPlot;

namespace Vault.Cli.Learning;

/// <summary>PNG plots for <c>vault train --plot</c> (ScottPlot).</summary>
internal static class Plots
{
    public static void Roc(string path, string title, IEnumerable<(string Name, double[] Fpr, double[] Tpr, double Auc)> curves)
    {
        var plot = new Plot();
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LinePattern = LinePattern.Dashed;
        chance.Color = Colors.Gray;
        chance.LegendText = "chance";
        int index = 0;
        foreach (var (name, fpr, tpr, auc) in curves)
        {
            var s = plot.Add.Scatter(fpr, tpr);
            s.MarkerSize = 0;
            s.LineWidth = index == 0 ? 5 : 2;
            if (index == 1) s.LinePattern = LinePattern.Dashed;
            s.LegendText = $"{name} (AUC {auc:F4})";
            index++;
        }
        plot.Title(title);
        plot.XLabel("false-positive rate");
        plot.YLabel("true-positive rate");
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 900, 700);
    }

    public static void Loss(string path, string title, string yLabel, IEnumerable<(string Name, double[] Values)> series, double? reference, string referenceName)
    {
        var plot = new Plot();
        int index = 0;
        foreach (var (name, values) in series)
        {
            var xs = Enumerable.Range(1, values.Length).Select(i => (double)i).ToArray();
            var s = plot.Add.Scatter(xs, values);
            s.LegendText = name;
            // The encrypted and plaintext curves coincide to ~1e-5: draw the second dashed with hollow markers.
            s.LineWidth = index == 0 ? 4 : 2;
            s.MarkerSize = index == 0 ? 11 : 6;
            if (index > 0) s.LinePattern = LinePattern.Dashed;
            index++;
        }
        if (reference is { } r)
        {
            var line = plot.Add.HorizontalLine(r);
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = referenceName;
        }
        plot.Title(title);
        plot.XLabel("iteration");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 600);
    }
}
