using Vault.Testing;

namespace Vault.Ring.Tests;

/// <summary>Element-wise kernels: vector body and scalar tail against the scalar definitions, for every length
/// around the vector width and for primes up to 61 bits.</summary>
[Collection(nameof(ScalarSwitchTests))]
public class ModularKernelsTests
{
    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        foreach (int length in new[] { 0, 1, 7, 8, 9, 15, 16, 17, 33, 1024 })
            foreach (int bits in new[] { 20, 45, 61 })
                data.Add(length, bits);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Kernels_AnyLength_MatchScalarDefinitions(int length, int bits)
    {
        ulong q = Primes.NttPrimes(4, [bits])[0];
        var random = TestSeed.Random(length * 64 + bits);
        ulong Below(ulong bound) => (ulong)random.NextInt64(0, (long)Math.Min(bound, long.MaxValue));
        var x = new ulong[length];
        var y = new ulong[length];
        var lazy4 = new ulong[length];
        var lazy2 = new ulong[length];
        for (int i = 0; i < length; i++) { x[i] = Below(q); y[i] = Below(q); lazy4[i] = Below(4 * q); lazy2[i] = Below(2 * q); }
        if (length > 0) { x[0] = q - 1; y[0] = q - 1; lazy4[0] = 4 * q - 1; lazy2[0] = 2 * q - 1; }

        var sum = new ulong[length];
        var difference = new ulong[length];
        ModularKernels.Add(x, y, sum, q);
        ModularKernels.Sub(x, y, difference, q);
        var reduced4 = (ulong[])lazy4.Clone();
        var reduced2 = (ulong[])lazy2.Clone();
        ModularKernels.ReduceFrom4Q(reduced4, q);
        ModularKernels.ReduceFrom2Q(reduced2, q);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal((x[i] + y[i]) % q, sum[i]);
            Assert.Equal((x[i] + q - y[i]) % q, difference[i]);
            Assert.Equal(lazy4[i] % q, reduced4[i]);
            Assert.Equal(lazy2[i] % q, reduced2[i]);
        }
    }
}
