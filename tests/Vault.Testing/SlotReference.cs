using System.Numerics;

namespace Vault.Testing;

/// <summary>Plaintext reference implementations of the CKKS slot operations, to compare homomorphic results with.</summary>
public static class SlotReference
{
    /// <summary>Left rotation by <paramref name="step"/> (negative: right): result[j] = values[(j + step) mod n].</summary>
    public static Complex[] Rotate(ReadOnlySpan<Complex> values, int step)
    {
        int n = values.Length;
        var result = new Complex[n];
        for (int j = 0; j < n; j++) result[j] = values[(int)(((long)j + step) % n + n) % n];
        return result;
    }

    /// <summary>Element-wise f(a_j, b_j).</summary>
    public static Complex[] Zip(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, Func<Complex, Complex, Complex> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var result = new Complex[a.Length];
        for (int j = 0; j < a.Length; j++) result[j] = f(a[j], b[j]);
        return result;
    }

    /// <summary>Element-wise f(a_j).</summary>
    public static Complex[] Map(ReadOnlySpan<Complex> a, Func<Complex, Complex> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var result = new Complex[a.Length];
        for (int j = 0; j < a.Length; j++) result[j] = f(a[j]);
        return result;
    }

    /// <summary>Uniform random complex values with real and imaginary parts in [−bound, bound].</summary>
    public static Complex[] RandomComplex(Random random, int count, double bound = 1.0)
    {
        ArgumentNullException.ThrowIfNull(random);
        var v = new Complex[count];
        for (int i = 0; i < count; i++) v[i] = new Complex((random.NextDouble() * 2 - 1) * bound, (random.NextDouble() * 2 - 1) * bound);
        return v;
    }

    /// <summary>Uniform random real values in [−bound, bound].</summary>
    public static double[] RandomReal(Random random, int count, double bound = 1.0)
    {
        ArgumentNullException.ThrowIfNull(random);
        var v = new double[count];
        for (int i = 0; i < count; i++) v[i] = (random.NextDouble() * 2 - 1) * bound;
        return v;
    }

    /// <summary>The real values as complex numbers with zero imaginary part.</summary>
    public static Complex[] ToComplex(ReadOnlySpan<double> values)
    {
        var v = new Complex[values.Length];
        for (int i = 0; i < v.Length; i++) v[i] = values[i];
        return v;
    }
}
