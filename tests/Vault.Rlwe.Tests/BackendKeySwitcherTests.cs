using Vault.Ring;

namespace Vault.Rlwe.Tests;

/// <summary><see cref="BackendKeySwitcher"/> on the CPU reference backend against <see cref="KeySwitcher"/>, bit for
/// bit (the GPU backend runs the same comparison in tests/Vault.Ring.Gpu.Tests).</summary>
public class BackendKeySwitcherTests
{
    public static TheoryData<int, int> DnumAndLevel()
    {
        var data = new TheoryData<int, int>();
        foreach (int dnum in (int[])[1, 2, 5])
            foreach (int level in (int[])[4, 3, 0]) data.Add(dnum, level);
        return data;
    }

    [Theory]
    [MemberData(nameof(DnumAndLevel))]
    public void Switch_CpuBackend_BitExactWithKeySwitcher(int dnum, int level)
    {
        var parameters = RlweTestParameters.WithDnum(dnum);
        var (generator, prng) = RlweTestParameters.Generator(parameters, salt: 250 + dnum);
        using (generator)
        using (prng)
        using (var secretKey = generator.GenerateSecretKey())
        {
            var key = generator.GenerateRelinearizationKey(secretKey).Key;
            var d = RlweTestParameters.UniformPoly(parameters, parameters.Ring.Q(level), salt: 260 + level);
            var expected0 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
            var expected1 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
            new KeySwitcher(parameters).Switch(d, level, key, expected0, expected1);

            using var backend = new CpuRingBackend(parameters.Ring);
            using var switcher = new BackendKeySwitcher(parameters, backend);
            using var deviceKey = switcher.Upload(key);
            using var dd = backend.Allocate(parameters.MaxLevel + 1);
            using var out0 = backend.Allocate(parameters.MaxLevel + 1);
            using var out1 = backend.Allocate(parameters.MaxLevel + 1);
            backend.Upload(d, dd);
            switcher.Switch(dd, level, deviceKey, out0, out1);
            var actual0 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
            var actual1 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
            backend.Download(out0, actual0);
            backend.Download(out1, actual1);
            Assert.Equal(level + 1, actual0.LimbCount);
            Assert.True(expected0.Coefficients.SequenceEqual(actual0.Coefficients), $"part 0, dnum {dnum}, level {level}");
            Assert.True(expected1.Coefficients.SequenceEqual(actual1.Coefficients), $"part 1, dnum {dnum}, level {level}");

            // The input is not modified, and an output may alias it.
            var dAfter = new RnsPoly(parameters.N, level + 1);
            backend.Download(dd, dAfter);
            Assert.True(d.Coefficients.SequenceEqual(dAfter.Coefficients), "Switch modified its input");
            switcher.Switch(dd, level, deviceKey, dd, out1);
            backend.Download(dd, actual0);
            Assert.True(expected0.Coefficients.SequenceEqual(actual0.Coefficients), "output aliasing the input");
        }
    }

    [Theory]
    [MemberData(nameof(DnumAndLevel))]
    public void ApplyKey_HoistedGaloisElements_BitExactWithKeySwitcher(int dnum, int level)
    {
        var parameters = RlweTestParameters.WithDnum(dnum);
        var (generator, prng) = RlweTestParameters.Generator(parameters, salt: 290 + dnum);
        using (generator)
        using (prng)
        using (var secretKey = generator.GenerateSecretKey())
        {
            ulong[] elements = [5, 25, (ulong)(2 * parameters.N - 1)];
            var keys = generator.GenerateGaloisKeys(secretKey, elements);
            var d = RlweTestParameters.UniformPoly(parameters, parameters.Ring.Q(level), salt: 295 + level);
            var host = new KeySwitcher(parameters);
            host.Decompose(d, level);

            using var backend = new CpuRingBackend(parameters.Ring);
            using var switcher = new BackendKeySwitcher(parameters, backend);
            using var dd = backend.Allocate(parameters.MaxLevel + 1);
            using var out0 = backend.Allocate(parameters.MaxLevel + 1);
            using var out1 = backend.Allocate(parameters.MaxLevel + 1);
            backend.Upload(d, dd);
            switcher.Decompose(dd, level);
            var expected0 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
            var expected1 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
            var actual0 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
            var actual1 = new RnsPoly(parameters.N, parameters.MaxLevel + 1);
            foreach (ulong g in elements)      // one decomposition, several keys
            {
                host.ApplyKey(g, keys[g], expected0, expected1);
                using var deviceKey = switcher.Upload(keys[g]);
                switcher.ApplyKey(g, deviceKey, out0, out1);
                backend.Download(out0, actual0);
                backend.Download(out1, actual1);
                Assert.Equal(level + 1, actual0.LimbCount);
                Assert.True(expected0.Coefficients.SequenceEqual(actual0.Coefficients), $"part 0, g {g}, dnum {dnum}, level {level}");
                Assert.True(expected1.Coefficients.SequenceEqual(actual1.Coefficients), $"part 1, g {g}, dnum {dnum}, level {level}");
            }
        }
    }

    [Fact]
    public void ApplyKey_BeforeDecompose_Throws()
    {
        var parameters = RlweTestParameters.WithDnum(2);
        var (generator, prng) = RlweTestParameters.Generator(parameters, salt: 299);
        using (generator)
        using (prng)
        using (var secretKey = generator.GenerateSecretKey())
        {
            using var backend = new CpuRingBackend(parameters.Ring);
            using var switcher = new BackendKeySwitcher(parameters, backend);
            using var key = switcher.Upload(generator.GenerateRelinearizationKey(secretKey).Key);
            using var out0 = backend.Allocate(parameters.MaxLevel + 1);
            using var out1 = backend.Allocate(parameters.MaxLevel + 1);
            var e = Assert.Throws<InvalidOperationException>(() => switcher.ApplyKey(1, key, out0, out1));
            Assert.Contains("Decompose", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Switch_AfterWarmUp_DoesNotAllocate()
    {
        var parameters = RlweTestParameters.WithDnum(2);
        var (generator, prng) = RlweTestParameters.Generator(parameters, salt: 270);
        using (generator)
        using (prng)
        using (var secretKey = generator.GenerateSecretKey())
        {
            using var backend = new CpuRingBackend(parameters.Ring);
            using var switcher = new BackendKeySwitcher(parameters, backend);
            using var key = switcher.Upload(generator.GenerateRelinearizationKey(secretKey).Key);
            using var d = backend.Allocate(parameters.MaxLevel + 1);
            using var out0 = backend.Allocate(parameters.MaxLevel + 1);
            using var out1 = backend.Allocate(parameters.MaxLevel + 1);
            backend.Upload(RlweTestParameters.UniformPoly(parameters, parameters.Ring.Q(parameters.MaxLevel), salt: 271), d);
            switcher.Switch(d, 2, key, out0, out1);
            long before = GC.GetAllocatedBytesForCurrentThread();
            switcher.Switch(d, 2, key, out0, out1);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void Arguments_Invalid_Throw()
    {
        var parameters = RlweTestParameters.WithDnum(2);
        var other = RlweTestParameters.WithDnum(5);
        var (generator, prng) = RlweTestParameters.Generator(other, salt: 280);
        using (generator)
        using (prng)
        using (var secretKey = generator.GenerateSecretKey())
        {
            using var backend = new CpuRingBackend(parameters.Ring);
            using var foreignBackend = new CpuRingBackend(other.Ring);
            Assert.Throws<ArgumentException>(() => new BackendKeySwitcher(parameters, foreignBackend));
            using var switcher = new BackendKeySwitcher(parameters, backend);
            var foreignKey = generator.GenerateRelinearizationKey(secretKey).Key;
            Assert.Throws<ParameterMismatchException>(() => switcher.Upload(foreignKey));
            using var d = backend.Allocate(parameters.MaxLevel + 1);
            using var otherSwitcher = new BackendKeySwitcher(other, foreignBackend);
            using var otherKey = otherSwitcher.Upload(foreignKey);
            Assert.Throws<ParameterMismatchException>(() => switcher.Switch(d, 1, otherKey, d, d));
            Assert.Throws<ArgumentOutOfRangeException>(() => switcher.Switch(d, parameters.MaxLevel + 1, otherKey, d, d));
        }
    }
}
