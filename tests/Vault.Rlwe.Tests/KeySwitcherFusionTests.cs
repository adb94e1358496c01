using Vault.Ring;

namespace Vault.Rlwe.Tests;

/// <summary>The fused <see cref="KeySwitcher.Switch"/> (digit limbs raised per limb, automorphisms applied to the
/// prepared coefficients) against <see cref="KeySwitcher.Decompose"/> + <see cref="KeySwitcher.ApplyKey"/> on the scalar
/// path and one thread, bit for bit: on every vector path and thread count, for every dnum, level and automorphism.</summary>
[Collection(nameof(ProcessWideSettings))]
public class KeySwitcherFusionTests
{
    public static TheoryData<int, int> DnumAndLevel()
    {
        var data = new TheoryData<int, int>();
        foreach (int dnum in (int[])[1, 2, 5])
            foreach (int level in (int[])[4, 2, 0]) data.Add(dnum, level);
        return data;
    }

    [Theory]
    [MemberData(nameof(DnumAndLevel))]
    public void Switch_EveryPathThreadCountAndAutomorphism_EqualsScalarDecomposeApplyKey(int dnum, int level)
    {
        var parameters = RlweTestParameters.WithDnum(dnum);
        var (generator, prng) = RlweTestParameters.Generator(parameters, salt: 300 + dnum);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        {
            var source = RlweTestParameters.TernarySecret(parameters, salt: 310 + dnum, out _);
            var swk = generator.GenerateSwitchingKey(source, key);
            var d = RlweTestParameters.UniformPoly(parameters, parameters.Ring.Q(level), salt: 320 + level);
            ulong conjugation = 2UL * (ulong)parameters.N - 1;
            foreach (ulong g in (ulong[])[1, 5, 3 * 3 * 3, conjugation])
            {
                var (expected0, expected1) = Run(parameters, SimdPath.Scalar, 1, switcher =>
                {
                    var o0 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
                    var o1 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
                    switcher.Decompose(d, level);
                    switcher.ApplyKey(g, swk, o0, o1);
                    return (o0, o1);
                });
                foreach (var path in Enum.GetValues<SimdPath>().Where(p => p <= Simd.Supported))
                {
                    foreach (int threads in (int[])[1, 3])
                    {
                        var (fused0, fused1) = Run(parameters, path, threads, switcher =>
                        {
                            var o0 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
                            var o1 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
                            switcher.Switch(d, level, swk, o0, o1, g);
                            return (o0, o1);
                        });
                        var (hoisted0, hoisted1) = Run(parameters, path, threads, switcher =>
                        {
                            var o0 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
                            var o1 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
                            switcher.Decompose(d, level);
                            switcher.ApplyKey(g, swk, o0, o1);
                            return (o0, o1);
                        });
                        string what = $"g = {g}, {path}, {threads} threads";
                        Assert.True(expected0.Coefficients.SequenceEqual(fused0.Coefficients), $"fused out0 differs ({what})");
                        Assert.True(expected1.Coefficients.SequenceEqual(fused1.Coefficients), $"fused out1 differs ({what})");
                        Assert.True(expected0.Coefficients.SequenceEqual(hoisted0.Coefficients), $"hoisted out0 differs ({what})");
                        Assert.True(expected1.Coefficients.SequenceEqual(hoisted1.Coefficients), $"hoisted out1 differs ({what})");
                    }
                }
            }
        }
    }

    [Fact]
    public void Switch_DoesNotKeepADecomposition()
    {
        var parameters = RlweTestParameters.LogN10;
        var (generator, prng) = RlweTestParameters.Generator(parameters, salt: 330);
        using (generator)
        using (prng)
        using (var key = generator.GenerateSecretKey())
        {
            var relin = generator.GenerateRelinearizationKey(key);
            var switcher = new KeySwitcher(parameters);
            var d = RlweTestParameters.UniformPoly(parameters, parameters.Ring.Q(4), salt: 331);
            var out0 = new RnsPoly(parameters.N, 5);
            var out1 = new RnsPoly(parameters.N, 5);
            switcher.Decompose(d, 4);
            switcher.Switch(d, 4, relin.Key, out0, out1);
            Assert.Throws<InvalidOperationException>(() => switcher.ApplyKey(1, relin.Key, out0, out1));
        }
    }

    private static (RnsPoly, RnsPoly) Run(RlweParameters parameters, SimdPath path, int threads, Func<KeySwitcher, (RnsPoly, RnsPoly)> body)
    {
        var savedPath = Simd.Path;
        int savedThreads = RingParallelism.ThreadCount;
        Simd.Path = path;
        RingParallelism.ThreadCount = threads;
        try
        {
            return body(new KeySwitcher(parameters));
        }
        finally
        {
            Simd.Path = savedPath;
            RingParallelism.ThreadCount = savedThreads;
        }
    }
}

/// <summary>Tests that change <see cref="Simd.Path"/> or <see cref="RingParallelism.ThreadCount"/> (process-wide) run alone.</summary>
[CollectionDefinition(nameof(ProcessWideSettings), DisableParallelization = true)]
public sealed class ProcessWideSettings;
