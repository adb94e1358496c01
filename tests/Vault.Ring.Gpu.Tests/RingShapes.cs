using System.Collections.Concurrent;
using Vault.Testing;

namespace Vault.Ring.Gpu.Tests;

/// <summary>Small rings for the backend suite (insecure, for fast tests only): N = 2^4 … 2^11 (2^13 for the NTTs) with
/// 20- to 62-bit primes, and random polynomials whose first coefficients of every limb are the edge values 0, q − 1, 1 and ⌊q/2⌋.</summary>
public static class RingShapes
{
    private static readonly ConcurrentDictionary<string, RingContext> Rings = new();

    /// <summary>Shapes as (logN, q bit sizes, p bit sizes).</summary>
    public static TheoryData<int, int[], int[]> All() => new()
    {
        { 4, [60, 40, 30], [61] },
        { 5, [20, 35], [55] },
        { 7, [62, 50, 45], [50, 36] },
        { 9, [45, 45, 45], [60] },
        { 11, [30, 60], [62] },
    };

    /// <summary>Shapes for the NTT tests: <see cref="All"/> (N below and equal to the fused NTT tile of 2^11
    /// coefficients) plus N = 2^12 and 2^13 (one and two stages wider than the tile), with 3 and 4 limbs.</summary>
    public static TheoryData<int, int[], int[]> Ntt()
    {
        var data = All();
        data.Add(12, [50, 40], [61]);
        data.Add(13, [30, 62, 25], [58]);
        return data;
    }

    /// <summary>The ring of a shape (cached: tables are built once per process).</summary>
    public static RingContext Ring(int logN, int[] qBits, int[] pBits) =>
        Rings.GetOrAdd($"{logN}:{string.Join(',', qBits)}:{string.Join(',', pBits)}", _ =>
        {
            ulong[] primes = Primes.NttPrimes(logN, [.. qBits, .. pBits]);
            return RingContext.Create(logN, primes.AsSpan(0, qBits.Length), primes.AsSpan(qBits.Length));
        });

    /// <summary>A random polynomial over <paramref name="basis"/> (fully reduced), edge values first.</summary>
    public static RnsPoly RandomPoly(RnsBasis basis, Random rng, int capacity = 0)
    {
        var poly = new RnsPoly(basis.N, Math.Max(capacity, basis.Count)) { LimbCount = basis.Count };
        for (int i = 0; i < basis.Count; i++)
        {
            ulong q = basis.Moduli[i].Value;
            Span<ulong> limb = poly.Limb(i);
            for (int k = 0; k < limb.Length; k++) limb[k] = (ulong)rng.NextInt64(0, (long)q);
            limb[0] = 0;
            limb[1] = q - 1;
            limb[2] = 1;
            limb[3] = q / 2;
        }
        return poly;
    }

    /// <summary>Asserts equal limbs in use, naming the first differing limb and coefficient.</summary>
    public static void AssertBitExact(RnsPoly expected, RnsPoly actual, string what)
    {
        Assert.Equal(expected.LimbCount, actual.LimbCount);
        for (int i = 0; i < expected.LimbCount; i++)
        {
            Span<ulong> e = expected.Limb(i), a = actual.Limb(i);
            for (int k = 0; k < e.Length; k++)
                if (e[k] != a[k])
                    Assert.Fail($"{what}: limb {i}, coefficient {k}: expected {e[k]}, got {a[k]} {TestSeed.Describe}");
        }
    }
}
