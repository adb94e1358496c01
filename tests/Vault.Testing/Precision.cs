using System.Numerics;

namespace Vault.Testing;

/// <summary>Precision assertions for approximate (CKKS) results, in bits.</summary>
public static class Precision
{
    /// <summary>−log2 of the largest absolute error between <paramref name="expected"/> and <paramref name="actual"/>.</summary>
    public static double Bits(ReadOnlySpan<Complex> expected, ReadOnlySpan<Complex> actual)
    {
        double max = 0;
        for (int i = 0; i < expected.Length; i++) max = Math.Max(max, (expected[i] - actual[i]).Magnitude);
        return max == 0 ? 64 : -Math.Log2(max);
    }

    /// <summary>Fails unless every slot agrees to at least <paramref name="minBits"/> bits (absolute error ≤ 2^-minBits).</summary>
    public static void AssertBits(ReadOnlySpan<Complex> expected, ReadOnlySpan<Complex> actual, double minBits, string what = "")
    {
        if (actual.Length < expected.Length) throw new Xunit.Sdk.XunitException($"{what}: {actual.Length} values, expected {expected.Length}");
        double bits = Bits(expected, actual[..expected.Length]);
        if (!(bits >= minBits))
            throw new Xunit.Sdk.XunitException($"{what}: precision {bits:F2} bits < required {minBits} bits {TestSeed.Describe}");
    }
}
