using Vault.Testing;

namespace Vault.Ring.Tests;

/// <summary>The AVX-512 NTT paths against the scalar reference, bit for bit (lazy outputs included).</summary>
[Collection(nameof(ScalarSwitchTests))]
public class NttTableVectorTests
{
    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        foreach (int logN in new[] { 4, 5, 8, 12, 14 })
            foreach (int bits in new[] { 30, 40, 50, 55, 60, 61 })
                data.Add(logN, bits);
        return data;
    }

    [Fact]
    public void Supported_OnThisMachine_MatchesCpuid()
    {
        // Documents which paths the other tests exercised; every path up to this one is compared with the scalar reference.
        var expected = System.Runtime.Intrinsics.X86.Avx512F.IsSupported && System.Runtime.Intrinsics.X86.Avx512DQ.IsSupported
            && System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? SimdPath.Vector512
            : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? SimdPath.Vector256 : SimdPath.Scalar;
        Assert.Equal(expected, Simd.Supported);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardLazyAndInverseLazy_VectorPath_BitExactWithScalar(int logN, int bits)
    {
        int n = 1 << logN;
        var modulus = new Modulus(Primes.NttPrimes(logN, [bits])[0]);
        var table = new NttTable(logN, modulus);
        var random = TestSeed.Random(logN * 100 + bits);
        ulong q = modulus.Value;
        var input = new ulong[n];
        for (int i = 0; i < n; i++) input[i] = (ulong)random.NextInt64(0, (long)Math.Min(4 * q, long.MaxValue));
        input[0] = 4 * q - 1;                               // the top of the lazy input range
        if (n > 1) input[n - 1] = 0;

        var vector = (ulong[])input.Clone();
        var scalar = (ulong[])input.Clone();
        RunBoth(() => table.ForwardLazy(vector), () => table.ForwardLazy(scalar));
        Assert.Equal(scalar, vector);

        // Inverse: inputs in [0, 2q).
        for (int i = 0; i < n; i++) { vector[i] %= 2 * q; scalar[i] = vector[i]; }
        RunBoth(() => table.InverseLazy(vector), () => table.InverseLazy(scalar));
        Assert.Equal(scalar, vector);
        Assert.All(vector, v => Assert.True(v < 2 * q));

        // The fully reduced transforms fold the final reduction into the last vector stage.
        for (int i = 0; i < n; i++) { vector[i] = input[i]; scalar[i] = input[i]; }
        RunBoth(() => table.Forward(vector), () => table.Forward(scalar));
        Assert.Equal(scalar, vector);
        Assert.All(vector, v => Assert.True(v < q));
        for (int i = 0; i < n; i++) { vector[i] = input[i] % (2 * q); scalar[i] = vector[i]; }
        RunBoth(() => table.Inverse(vector), () => table.Inverse(scalar));
        Assert.Equal(scalar, vector);
        Assert.All(vector, v => Assert.True(v < q));
    }

    [Fact]
    public void MultiplyHigh_RandomAndEdgeValues_EqualsUInt128()
    {
        if (Simd.Supported < SimdPath.Vector512) return;
        var random = TestSeed.Random(7);
        var a = new ulong[64];
        var b = new ulong[64];
        for (int i = 0; i < a.Length; i++) { a[i] = (ulong)random.NextInt64() * 3 + (ulong)i; b[i] = (ulong)random.NextInt64() ^ ((ulong)i << 60); }
        a[0] = ulong.MaxValue; b[0] = ulong.MaxValue;
        a[1] = ulong.MaxValue; b[1] = 1;
        a[2] = 0xFFFF_FFFFUL; b[2] = 0xFFFF_FFFFUL;
        for (int i = 0; i < a.Length; i += 8)
        {
            var vb = System.Runtime.Intrinsics.Vector512.Create(b.AsSpan(i, 8));
            var hi = VectorMath.MultiplyHigh<V512, System.Runtime.Intrinsics.Vector512<ulong>>(System.Runtime.Intrinsics.Vector512.Create(a.AsSpan(i, 8)), vb, vb >> 32);
            for (int j = 0; j < 8; j++)
                Assert.Equal((ulong)(((UInt128)a[i + j] * b[i + j]) >> 64), hi[j]);
        }
    }

    private static void RunBoth(Action vectorRun, Action scalarRun)
    {
        vectorRun();
        var path = Simd.Path;
        Simd.Path = SimdPath.Scalar;
        try { scalarRun(); }
        finally { Simd.Path = path; }
    }
}

/// <summary>Tests that flip the process-wide scalar switch run alone.</summary>
[CollectionDefinition(nameof(ScalarSwitchTests), DisableParallelization = true)]
public sealed class ScalarSwitchTests;
