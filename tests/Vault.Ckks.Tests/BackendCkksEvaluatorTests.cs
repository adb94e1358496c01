using Vault.Ring;
using Vault.Rlwe;
using Vault.Testing;

namespace Vault.Ckks.Tests;

/// <summary><see cref="BackendCkksEvaluator"/> on the CPU reference backend: bit-exact with <see cref="CkksEvaluator"/>
/// for every key-switching shape and level, the same failures with the same messages, and no allocation per operation.
/// The full per-operation suite runs on every backend (CPU, ILGPU's CPU accelerator, CUDA) in
/// tests/Vault.Ring.Gpu.Tests/CkksDeviceSuite.cs.</summary>
public sealed class BackendCkksEvaluatorTests
{
    public static TheoryData<string> Shapes() => [nameof(InsecureTestParameters.LogN10Dnum1), nameof(InsecureTestParameters.LogN10Dnum2), nameof(InsecureTestParameters.LogN10Dnum5)];

    private static CkksParameterSpec Spec(string name) => name switch
    {
        nameof(InsecureTestParameters.LogN10Dnum1) => InsecureTestParameters.LogN10Dnum1,
        nameof(InsecureTestParameters.LogN10Dnum2) => InsecureTestParameters.LogN10Dnum2,
        _ => InsecureTestParameters.LogN10Dnum5,
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void KeySwitchingAndRescale_EveryLevel_BitExactWithCkksEvaluator(string shape)
    {
        using var ctx = new CkksTestContext(Spec(shape), salt: 8000, rotationSteps: [-3]);
        using var backend = new CpuRingBackend(ctx.Parameters.Rlwe.Ring);
        using var device = new BackendCkksEvaluator(ctx.Parameters, backend, ctx.RelinearizationKey, ctx.GaloisKeys);
        var host = ctx.Evaluator;
        for (int level = ctx.Parameters.MaxLevel; level >= 0; level--)
        {
            var a = ctx.Encrypt(SlotReference.RandomComplex(TestSeed.Random(8000 + level), ctx.Parameters.Slots), level);
            var b = ctx.Encrypt(SlotReference.RandomComplex(TestSeed.Random(8100 + level), ctx.Parameters.Slots), level);
            using var da = device.Upload(a);
            using var db = device.Upload(b);
            using var d = device.NewCiphertext(0, 1);
            var expected = host.MultiplyRelinearize(a, b);
            device.MultiplyRelinearize(da, db, d);
            CiphertextAssert.Identical(expected, device.Download(d), $"{shape}: multiply-relinearize at level {level}");
            if (level > 0)
            {
                host.Rescale(expected, expected);
                device.Rescale(d, d);
                CiphertextAssert.Identical(expected, device.Download(d), $"{shape}: rescale from level {level}");
            }
            foreach (int step in (int[])[1, -3, 6])
            {
                device.Rotate(da, step, d);
                CiphertextAssert.Identical(host.Rotate(a, step), device.Download(d), $"{shape}: rotate {step} at level {level}");
            }
            device.Conjugate(db, d);
            CiphertextAssert.Identical(Conjugate(host, b), device.Download(d), $"{shape}: conjugate at level {level}");
        }
    }

    [Fact]
    public void Operations_AfterWarmUp_DoNotAllocate()
    {
        using var ctx = new CkksTestContext(InsecureTestParameters.LogN10Dnum2, salt: 8200);
        using var backend = new CpuRingBackend(ctx.Parameters.Rlwe.Ring);
        using var device = new BackendCkksEvaluator(ctx.Parameters, backend, ctx.RelinearizationKey, ctx.GaloisKeys);
        var values = SlotReference.RandomComplex(TestSeed.Random(8200), ctx.Parameters.Slots);
        using var a = device.Upload(ctx.Encrypt(values));
        using var b = device.Upload(ctx.Encrypt(values));
        using var d = device.NewCiphertext(0, 1);
        using var e = device.NewCiphertext(0, 1);
        var pt = new Plaintext(ctx.Parameters.Rlwe, ctx.Parameters.MaxLevel, ctx.Parameters.DefaultScale);
        ctx.Encoder.Encode(values, pt.Level, pt.Scale, pt);
        using var dpt = device.Upload(pt);
        DeviceCiphertext[] hoisted = [device.NewCiphertext(0, 1), device.NewCiphertext(0, 1)];
        int[] steps = [1, 2];
        var operations = new (string Name, Action Run)[]
        {
            ("add", () => device.Add(a, b, d)),
            ("sub", () => device.Sub(a, b, d)),
            ("negate", () => device.Negate(a, d)),
            ("add plain", () => device.AddPlain(a, dpt, d)),
            ("multiply plain", () => device.MultiplyPlain(a, dpt, d)),
            ("add constant", () => device.AddConstant(a, 0.5, d)),
            ("multiply constant", () => device.MultiplyConstant(a, -1.5, d)),
            ("multiply integer", () => device.MultiplyInteger(a, 3, d)),
            ("multiply", () => device.Multiply(a, b, d)),
            ("relinearize", () => device.Relinearize(d, e)),
            ("multiply-relinearize", () => device.MultiplyRelinearize(a, b, d)),
            ("rescale", () => device.Rescale(a, d)),
            ("drop level", () => device.DropLevel(a, 1, d)),
            ("rotate", () => device.Rotate(a, 1, d)),
            ("rotate composed", () => device.Rotate(a, 3, d)),
            ("conjugate", () => device.Conjugate(a, d)),
            ("rotate hoisted", () => device.RotateHoisted(a, steps, hoisted)),
        };
        try
        {
            foreach (var (name, run) in operations)
            {
                run();
                run();              // a key switch allocates 88 B once on its second call (also BackendKeySwitcher alone): lazy state, not per call
                long before = GC.GetAllocatedBytesForCurrentThread();
                run();
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(allocated == 0, $"{name} allocated {allocated} B");
            }
        }
        finally
        {
            foreach (var h in hoisted) h.Dispose();
        }
    }

    [Fact]
    public void Failures_SameTypesAndMessagesAsCkksEvaluator()
    {
        using var ctx = new CkksTestContext(InsecureTestParameters.LogN10Dnum2, salt: 8300, conjugation: false);
        using var backend = new CpuRingBackend(ctx.Parameters.Rlwe.Ring);
        using var device = new BackendCkksEvaluator(ctx.Parameters, backend, ctx.RelinearizationKey, ctx.GaloisKeys);
        using var bare = new BackendCkksEvaluator(ctx.Parameters, backend);
        var host = ctx.Evaluator;
        var hostBare = new CkksEvaluator(ctx.Parameters);
        var values = SlotReference.RandomComplex(TestSeed.Random(8300), ctx.Parameters.Slots);
        var a = ctx.Encrypt(values);
        var low = ctx.Encrypt(values, 0);
        var product = host.Multiply(a, a);
        var pt = new Plaintext(ctx.Parameters.Rlwe, 1, ctx.Parameters.DefaultScale);
        ctx.Encoder.Encode(values, 1, pt.Scale, pt);
        using var da = device.Upload(a);
        using var dlow = device.Upload(low);
        using var dproduct = device.Upload(product);
        using var dpt = device.Upload(pt);
        using var dd = device.NewCiphertext(0, 1);
        var hd = host.NewCiphertext(0, 1);

        AssertSameFailure(() => host.Multiply(product, a, hd), () => device.Multiply(dproduct, da, dd));
        AssertSameFailure(() => host.Rotate(product, 1, hd), () => device.Rotate(dproduct, 1, dd));
        AssertSameFailure(() => host.Add(a, product, hd), () => device.Add(da, dproduct, dd));
        AssertSameFailure(() => host.AddPlain(a, pt, hd), () => device.AddPlain(da, dpt, dd));
        AssertSameFailure(() => host.MultiplyPlain(a, pt, hd), () => device.MultiplyPlain(da, dpt, dd));
        AssertSameFailure(() => host.AddConstant(a, double.NaN, hd), () => device.AddConstant(da, double.NaN, dd));
        AssertSameFailure(() => host.MultiplyConstant(a, double.PositiveInfinity, hd), () => device.MultiplyConstant(da, double.PositiveInfinity, dd));
        AssertSameFailure(() => host.Rescale(low, hd), () => device.Rescale(dlow, dd));
        AssertSameFailure(() => host.DropLevel(low, 1, hd), () => device.DropLevel(dlow, 1, dd));
        AssertSameFailure(() => host.DropLevel(a, -1, hd), () => device.DropLevel(da, -1, dd));
        AssertSameFailure(() => host.Conjugate(a, hd), () => device.Conjugate(da, dd));
        AssertSameFailure(() => hostBare.Relinearize(product, hd), () => bare.Relinearize(dproduct, dd));
        AssertSameFailure(() => hostBare.Rotate(a, 1, hd), () => bare.Rotate(da, 1, dd));
        AssertSameFailure(() => hostBare.Conjugate(a, hd), () => bare.Conjugate(da, dd));
        AssertSameFailure(() => host.RotateHoisted(a, [1, 2], [hd]), () => device.RotateHoisted(da, [1, 2], [dd]));
        AssertSameFailure(() => host.RotateHoisted(a, [1], [a]), () => device.RotateHoisted(da, [1], [da]));
    }

    [Fact]
    public void Operands_FromOtherParametersOrBackends_Throw()
    {
        using var ctx = new CkksTestContext(InsecureTestParameters.LogN10Dnum2, salt: 8400, conjugation: false);
        using var other = new CkksTestContext(InsecureTestParameters.LogN10Dnum5, salt: 8401, conjugation: false);
        var ring = ctx.Parameters.Rlwe.Ring;
        using var backend = new CpuRingBackend(ring);
        using var secondBackend = new CpuRingBackend(ring);
        using var otherBackend = new CpuRingBackend(other.Parameters.Rlwe.Ring);

        Assert.Throws<ArgumentException>(() => new BackendCkksEvaluator(ctx.Parameters, otherBackend));
        Assert.Throws<ParameterMismatchException>(() => new BackendCkksEvaluator(ctx.Parameters, backend, other.RelinearizationKey));
        Assert.Throws<ParameterMismatchException>(() => new BackendCkksEvaluator(ctx.Parameters, backend, galoisKeys: other.GaloisKeys));

        using var device = new BackendCkksEvaluator(ctx.Parameters, backend, ctx.RelinearizationKey);
        using var second = new BackendCkksEvaluator(ctx.Parameters, secondBackend);
        using var foreign = new BackendCkksEvaluator(other.Parameters, otherBackend);
        var values = SlotReference.RandomComplex(TestSeed.Random(8400), ctx.Parameters.Slots);
        var foreignCt = other.Encrypt(values);
        Assert.Throws<ParameterMismatchException>(() => device.Upload(foreignCt));
        using var dForeign = foreign.Upload(foreignCt);
        using var da = device.Upload(ctx.Encrypt(values));
        using var dd = device.NewCiphertext(0, 1);
        var e = Assert.Throws<ParameterMismatchException>(() => device.Add(da, dForeign, dd));
        Assert.StartsWith("Add:", e.Message, StringComparison.Ordinal);
        Assert.Throws<ParameterMismatchException>(() => device.Negate(da, foreign.NewCiphertext(0, 1)));
        Assert.Throws<ParameterMismatchException>(() => device.Download(da, other.Evaluator.NewCiphertext(0, 1)));

        using var elsewhere = second.Upload(ctx.Encrypt(values));
        var moved = Assert.Throws<ArgumentException>(() => device.Multiply(da, elsewhere, dd));
        Assert.Contains("another backend", moved.Message, StringComparison.Ordinal);

        var disposed = device.NewCiphertext(0, 1);
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => device.Negate(disposed, dd));
        device.Dispose();
        Assert.Throws<ObjectDisposedException>(() => device.Negate(da, dd));
    }

    private static Ciphertext Conjugate(CkksEvaluator evaluator, Ciphertext ct)
    {
        var d = evaluator.NewCiphertext(ct.Level, ct.Scale);
        evaluator.Conjugate(ct, d);
        return d;
    }

    private static void AssertSameFailure(Action host, Action device)
    {
        var expected = Record.Exception(host);
        Assert.NotNull(expected);
        var actual = Record.Exception(device);
        Assert.NotNull(actual);
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Message, actual.Message);
    }
}
