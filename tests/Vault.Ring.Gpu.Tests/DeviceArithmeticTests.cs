using FsCheck.Fluent;
using Vault.Ring.Tests;

namespace Vault.Ring.Gpu.Tests;

/// <summary>The kernels' scalar arithmetic on the host, against <see cref="Math.BigMul(ulong, ulong, out ulong)"/> and
/// <see cref="Modulus"/> (the same methods run inside the kernels on the CPU accelerator).</summary>
public class DeviceArithmeticTests
{
    private static readonly ulong[] Moduli = [.. Primes.NttPrimes(4, [20, 30, 40, 50, 60, 61, 62]), 3, (1UL << 62) - 57];

    [Fact]
    public void MultiplyHighPortable_AnyOperands_EqualsBigMul() =>
        SeededProperty.Check(Gen.Two(SeededProperty.AnyUInt64), pair =>
        {
            var (a, b) = pair;
            Assert.Equal(Math.BigMul(a, b, out _), DeviceArithmetic.MultiplyHighPortable(a, b));
            Assert.Equal(Math.BigMul(a, b, out _), DeviceArithmetic.MultiplyHigh(a, b));
        }, maxTest: 2000);

    [Fact]
    public void MultiplyHighPortable_Extremes_EqualsBigMul()
    {
        ulong[] values = [0, 1, 0xFFFF_FFFF, 0x1_0000_0000, (1UL << 62) - 1, 1UL << 63, ulong.MaxValue - 1, ulong.MaxValue];
        foreach (ulong a in values)
            foreach (ulong b in values)
                Assert.Equal(Math.BigMul(a, b, out _), DeviceArithmetic.MultiplyHighPortable(a, b));
    }

    [Fact]
    public void RoundHalfEven_TiesAndNeighbours_EqualsMathRoundToEven()
    {
        double[] values = [0, 0.25, 0.5, 0.75, 1, 1.5, 2.5, 3.5, 4.5, 17.5, 2.4999999999999996, 2.5000000000000004, 1e15 + 0.5, 3.0 - 1e-16];
        foreach (double x in values)
            Assert.Equal((ulong)Math.Round(x, MidpointRounding.ToEven), DeviceArithmetic.RoundHalfEven(x));
        var rng = Vault.Testing.TestSeed.Random(1);
        for (int i = 0; i < 10_000; i++)
        {
            double x = rng.NextDouble() * 64;
            Assert.Equal((ulong)Math.Round(x, MidpointRounding.ToEven), DeviceArithmetic.RoundHalfEven(x));
        }
    }

    [Fact]
    public void ModularOperations_ReducedOperands_EqualModulus() =>
        SeededProperty.Check(
            from index in Gen.Choose(0, Moduli.Length - 1)
            let m = new Modulus(Moduli[index])
            from a in SeededProperty.Below(m.Value)
            from b in SeededProperty.Below(m.Value)
            from x in SeededProperty.AnyUInt64
            select (m, a, b, x),
            sample =>
            {
                var (m, a, b, x) = sample;
                ulong q = m.Value, bh = m.BarrettHi, bl = m.BarrettLo, bShoup = m.ShoupPrecompute(b);
                Assert.Equal(m.Add(a, b), DeviceArithmetic.Add(a, b, q));
                Assert.Equal(m.Sub(a, b), DeviceArithmetic.Sub(a, b, q));
                Assert.Equal(m.Negate(a), DeviceArithmetic.Negate(a, q));
                Assert.Equal(m.Mul(a, b), DeviceArithmetic.Mul(a, b, q, bh, bl));
                Assert.Equal(m.Reduce(x), DeviceArithmetic.Reduce(x, q, bh));
                Assert.Equal(Modulus.MulShoup(x, b, bShoup, q), DeviceArithmetic.MulShoup(x, b, bShoup, q));
                Assert.Equal(Modulus.MulShoupLazy(x, b, bShoup, q), DeviceArithmetic.MulShoupLazy(x, b, bShoup, q));
                ulong hi = Modulus.Reduce(x, q, bh);   // any (hi, lo) with hi < q is below q · 2^64
                Assert.Equal(Modulus.Reduce128(hi, x, q, bh, bl), DeviceArithmetic.Reduce128(hi, x, q, bh, bl));
            }, maxTest: 2000);
}
