namespace Vault.Engine.Datasets;

/// <summary>Running statistics of one column's present values (Welford's mean and variance), and what its values
/// look like, for normalisation, imputation and schema inference. O(1) memory per column.</summary>
internal sealed class ColumnStatistics
{
    private double _mean, _m2;

    public long Count { get; private set; }
    public long Missing { get; private set; }
    public double Min { get; private set; } = double.PositiveInfinity;
    public double Max { get; private set; } = double.NegativeInfinity;
    public double Sum { get; private set; }
    public bool AllIntegral { get; private set; } = true;
    public bool AllBinary { get; private set; } = true;

    public double Mean => _mean;

    /// <summary>Population standard deviation.</summary>
    public double StandardDeviation => Count > 0 ? Math.Sqrt(_m2 / Count) : 0;

    public void Add(double x)
    {
        Count++;
        Sum += x;
        double delta = x - _mean;
        _mean += delta / Count;
        _m2 += delta * (x - _mean);
        if (x < Min) Min = x;
        if (x > Max) Max = x;
        if (Math.Floor(x) != x || Math.Abs(x) > CanonicalJson.MaxSafeInteger) AllIntegral = false;
        if (x is not (0 or 1)) AllBinary = false;
    }

    public void AddMissing() => Missing++;

    /// <summary>Whether two passes over the same input saw the same values (bit for bit: same order, same arithmetic).</summary>
    public bool SameAs(ColumnStatistics other) =>
        Count == other.Count && Missing == other.Missing && Sum.Equals(other.Sum) && Min.Equals(other.Min) && Max.Equals(other.Max) && _m2.Equals(other._m2);
}
