using Vault.Testing;

namespace Vault.Ring.Tests;

public class NttTableTests
{
    [Theory]
    [InlineData(4, 30)]
    [InlineData(10, 50)]
    [InlineData(12, 61)]
    public void Forward_TimesPointwise_ThenInverse_EqualsSchoolbookNegacyclic(int logN, int bits)
    {
        int n = 1 << logN;
        ulong q = Primes.NttPrimes(logN, [bits])[0];
        var m = new Modulus(q);
        var table = new NttTable(logN, m);
        var rng = TestSeed.Random(logN);
        var a = new ulong[n]; var b = new ulong[n];
        for (int i = 0; i < n; i++) { a[i] = (ulong)rng.NextInt64() % q; b[i] = (ulong)rng.NextInt64() % q; }
        var expected = SchoolbookNegacyclic(a, b, m);
        var fa = (ulong[])a.Clone(); var fb = (ulong[])b.Clone();
        table.Forward(fa); table.Forward(fb);
        var c = new ulong[n];
        for (int i = 0; i < n; i++) c[i] = m.Mul(fa[i], fb[i]);
        table.Inverse(c);
        Assert.Equal(expected, c);
    }

    private static ulong[] SchoolbookNegacyclic(ulong[] a, ulong[] b, Modulus m)
    {
        int n = a.Length;
        var r = new ulong[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                ulong p = m.Mul(a[i], b[j]);
                int k = i + j;
                if (k < n) r[k] = m.Add(r[k], p);
                else r[k - n] = m.Sub(r[k - n], p);
            }
        return r;
    }
}
