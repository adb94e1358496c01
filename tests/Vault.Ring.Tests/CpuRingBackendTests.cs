using System.Numerics;
using Vault.Testing;

namespace Vault.Ring.Tests;

public class CpuRingBackendTests
{
    private const int LogN = 5;

    private static RingContext Ring { get; } = CreateRing();

    [Fact]
    public void Operations_EqualTheReferenceKernels()
    {
        var qp = Ring.QP(Ring.MaxLevel);
        var rng = TestSeed.Random(31);
        RnsPoly a = Random(qp, rng), b = Random(qp, rng), c = Random(qp, rng);
        using var backend = new CpuRingBackend(Ring);
        using var da = backend.Allocate(qp.Count);
        using var db = backend.Allocate(qp.Count);
        using var dc = backend.Allocate(qp.Count);
        using var dt = backend.Allocate(qp.Count);
        backend.Upload(a, da);
        backend.Upload(b, db);
        backend.Upload(c, dc);

        RnsPoly Download(IDevicePoly poly)
        {
            var host = new RnsPoly(Ring.N, qp.Count);
            backend.Download(poly, host);
            return host;
        }
        void Check(RnsPoly expected, IDevicePoly actual) => Assert.True(expected.Coefficients.SequenceEqual(Download(actual).Coefficients));

        var expected = new RnsPoly(Ring.N, qp.Count);
        qp.Add(a, b, expected);
        backend.Add(qp, da, db, dt);
        Check(expected, dt);
        qp.Sub(a, b, expected);
        backend.Subtract(qp, da, db, dt);
        Check(expected, dt);
        qp.Negate(a, expected);
        backend.Negate(qp, da, dt);
        Check(expected, dt);
        qp.MulCoefficients(a, b, expected);
        backend.MulCoefficients(qp, da, db, dt);
        Check(expected, dt);
        c.CopyTo(expected);
        qp.MulCoefficientsAdd(a, b, expected);
        backend.MulCoefficientsAdd(qp, da, db, dc);
        Check(expected, dc);

        var constant = BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture);
        var scalars = new ulong[qp.Count];
        for (int i = 0; i < scalars.Length; i++) scalars[i] = qp.Moduli[i].Reduce(constant);
        qp.MulScalar(a, constant, expected);
        backend.MulScalars(qp, da, scalars, dt);
        Check(expected, dt);

        qp.AddScalarNtt(a, constant, expected);
        backend.AddScalars(qp, da, scalars, dt);
        Check(expected, dt);

        Ring.AutomorphismNtt(a, 5, expected, qp.Count);
        backend.AutomorphismNtt(qp, da, 5, dt);
        Check(expected, dt);

        a.CopyTo(expected);
        qp.Forward(expected);
        backend.Upload(a, dt);
        backend.Forward(qp, dt);
        Check(expected, dt);
        qp.Inverse(expected);
        backend.Inverse(qp, dt);
        Check(a, dt);
    }

    [Fact]
    public void InnerProduct_SeventeenTerms_EqualsSequentialMultiplyAdd()
    {
        var qp = Ring.QP(Ring.MaxLevel);
        var rng = TestSeed.Random(32);
        using var backend = new CpuRingBackend(Ring);
        var expected = new RnsPoly(Ring.N, qp.Count);
        var a = new IDevicePoly[17];
        var b = new IDevicePoly[17];
        for (int j = 0; j < a.Length; j++)
        {
            RnsPoly x = Random(qp, rng), y = Random(qp, rng);
            for (int i = 0; i < qp.Count; i++) x.Limb(i)[0] = y.Limb(i)[0] = qp.Moduli[i].Value - 1;
            qp.MulCoefficientsAdd(x, y, expected);
            a[j] = backend.Allocate(qp.Count);
            b[j] = backend.Allocate(qp.Count);
            backend.Upload(x, a[j]);
            backend.Upload(y, b[j]);
        }
        using var d = backend.Allocate(qp.Count);
        backend.InnerProduct(qp, a, b, d);
        var actual = new RnsPoly(Ring.N, qp.Count);
        backend.Download(d, actual);
        Assert.True(expected.Coefficients.SequenceEqual(actual.Coefficients));
    }

    [Fact]
    public void ConvertBasisAndCopy_LimbRanges_EqualBasisConverter()
    {
        var qp = Ring.QP(Ring.MaxLevel);
        var converter = new BasisConverter(Ring.P!, Ring.Q(Ring.MaxLevel));
        var a = Random(qp, TestSeed.Random(33));
        using var backend = new CpuRingBackend(Ring);
        using var poly = backend.Allocate(qp.Count);
        backend.Upload(a, poly);
        backend.ConvertBasis(converter, poly, Ring.MaxLevel + 1, poly, 0, centered: true);
        backend.Copy(poly, 0, poly, Ring.MaxLevel + 1, 1);
        var actual = new RnsPoly(Ring.N, qp.Count);
        backend.Download(poly, actual);
        var expected = new ulong[converter.To.Count * Ring.N];
        converter.ConvertCentered(a.Coefficients[((Ring.MaxLevel + 1) * Ring.N)..], expected);
        Assert.True(expected.AsSpan().SequenceEqual(actual.Coefficients[..expected.Length]));
        Assert.True(actual.Limb(0).SequenceEqual(actual.Limb(Ring.MaxLevel + 1)));
    }

    [Fact]
    public void Operations_AfterWarmUp_DoNotAllocate()
    {
        var qp = Ring.QP(Ring.MaxLevel);
        var converter = new BasisConverter(Ring.Q(Ring.MaxLevel), Ring.P!);
        using var backend = new CpuRingBackend(Ring);
        using var a = backend.Allocate(qp.Count);
        using var b = backend.Allocate(qp.Count);
        using var d = backend.Allocate(qp.Count);
        var terms = new[] { a, b };
        var scalars = new ulong[qp.Count];
        backend.Upload(Random(qp, TestSeed.Random(34)), a);
        backend.Upload(Random(qp, TestSeed.Random(35)), b);
        void All()
        {
            backend.Forward(qp, a);
            backend.Inverse(qp, a);
            backend.Add(qp, a, b, d);
            backend.Subtract(qp, a, b, d);
            backend.Negate(qp, a, d);
            backend.MulCoefficients(qp, a, b, d);
            backend.MulCoefficientsAdd(qp, a, b, d);
            backend.MulScalars(qp, a, scalars, d);
            backend.AddScalars(qp, a, scalars, d);
            backend.AutomorphismNtt(qp, a, 3, d);
            backend.ConvertBasis(converter, a, 0, d, 0, centered: true);
            backend.InnerProduct(qp, terms, terms, d);
            backend.Copy(a, 0, d, 1, 2);
        }
        All();
        long before = GC.GetAllocatedBytesForCurrentThread();
        All();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Operations_InvalidArguments_Throw()
    {
        var qp = Ring.QP(Ring.MaxLevel);
        using var backend = new CpuRingBackend(Ring);
        using var other = new CpuRingBackend(Ring);
        using var a = backend.Allocate(qp.Count);
        using var small = backend.Allocate(1);
        using var foreign = other.Allocate(qp.Count);
        Assert.Throws<ArgumentException>(() => backend.Add(qp, a, foreign, a));
        Assert.Throws<ArgumentException>(() => backend.MulScalars(qp, small, new ulong[qp.Count], small));
        Assert.Throws<ArgumentException>(() => backend.MulScalars(qp, a, new ulong[1], a));
        Assert.Throws<ArgumentException>(() => backend.AutomorphismNtt(qp, a, 3, a));
        Assert.Throws<ArgumentException>(() => backend.Copy(a, 0, a, 1, 2));
        Assert.Throws<ArgumentException>(() => backend.Copy(a, 0, small, 0, 2));
        Assert.Throws<ArgumentException>(() => backend.Copy(a, 0, small, 0, 0));
        Assert.Throws<ArgumentException>(() => backend.ConvertBasis(new BasisConverter(Ring.Q(Ring.MaxLevel), Ring.P!), a, 0, a, 1, centered: false));
        Assert.Throws<ArgumentException>(() => backend.InnerProduct(qp, [], [], a));
        Assert.Throws<ArgumentException>(() => backend.InnerProduct(qp, [a], [a], a));
        Assert.Throws<ArgumentNullException>(() => new CpuRingBackend(null!));
    }

    private static RingContext CreateRing()
    {
        ulong[] primes = Primes.NttPrimes(LogN, [60, 45, 40, 62, 50]);
        return RingContext.Create(LogN, primes.AsSpan(0, 3), primes.AsSpan(3));
    }

    private static RnsPoly Random(RnsBasis basis, Random rng)
    {
        var poly = new RnsPoly(basis.N, basis.Count);
        for (int i = 0; i < basis.Count; i++)
        {
            Span<ulong> limb = poly.Limb(i);
            for (int k = 0; k < limb.Length; k++) limb[k] = (ulong)rng.NextInt64(0, (long)basis.Moduli[i].Value);
            limb[1] = basis.Moduli[i].Value - 1;
        }
        return poly;
    }
}
