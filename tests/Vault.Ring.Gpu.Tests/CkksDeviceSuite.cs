using Vault.Ckks;
using Vault.Rlwe;
using Vault.Testing;

namespace Vault.Ring.Gpu.Tests;

/// <summary>The CKKS evaluator on a device (<see cref="BackendCkksEvaluator"/>) against <see cref="CkksEvaluator"/> on the
/// host, byte for byte: every operation, a chain that stays on the device, and the decrypted precision. Run by a
/// derived class per backend (the CPU reference, ILGPU's CPU accelerator, CUDA).</summary>
/// <remarks>Insecure N = 2^10 parameters with L = 4 and dnum = 2 (three special primes), so key switching has two
/// digits, gathers key limbs below the top level and rescale runs at several levels.</remarks>
public abstract class CkksDeviceSuite
{
    /// <summary>Steps with their own Galois key besides the powers of two (5 = 4 + 1 is composed).</summary>
    private static readonly int[] DirectSteps = [-1, 3];

    /// <summary>Creates the backend under test for <paramref name="ring"/> (disposed by the test).</summary>
    protected abstract IRingBackend CreateBackend(RingContext ring);

    [BackendFact]
    public void UploadDownload_Ciphertexts_RoundTripByteForByte()
    {
        using var h = new Harness(this, 1);
        var fresh = h.Encrypt(1);
        var seeded = h.Context.SymmetricEncryptor.Encrypt(h.Encode(2, 3));
        Assert.NotNull(seeded.Seed);
        var product = h.Host.Multiply(fresh, h.Encrypt(3));
        foreach (var (ct, what) in new[] { (fresh, "fresh"), (seeded, "seeded"), (product, "3 parts") })
        {
            using var d = h.Device.Upload(ct);
            CiphertextAssert.Identical(ct, h.Device.Download(d), what);
        }
        var plaintext = h.Encode(4, 2);
        using var dp = h.Device.Upload(plaintext);
        Assert.Equal(2, dp.Level);
        Assert.Equal(plaintext.Scale, dp.Scale);
    }

    [BackendFact]
    public void AddSubNegate_BitExactWithCkksEvaluator()
    {
        using var h = new Harness(this, 2);
        var a = h.Encrypt(1);
        var b = h.Encrypt(2, level: 2);
        var c3 = h.Host.Multiply(h.Encrypt(3), h.Encrypt(4));                     // 3 parts at Δ²
        var b2 = h.Host.MultiplyPlain(b, h.Encode(5, 2));                          // 2 parts at Δ², level 2
        using var da = h.Device.Upload(a);
        using var db = h.Device.Upload(b);
        using var db2 = h.Device.Upload(b2);
        using var dc3 = h.Device.Upload(c3);

        h.Compare("add", d => h.Host.Add(a, b, d), d => h.Device.Add(da, db, d));
        h.Compare("sub", d => h.Host.Sub(a, b, d), d => h.Device.Sub(da, db, d));
        h.Compare("add 2 + 3 parts", d => h.Host.Add(b2, c3, d), d => h.Device.Add(db2, dc3, d));
        h.Compare("add 3 + 2 parts", d => h.Host.Add(c3, b2, d), d => h.Device.Add(dc3, db2, d));
        h.Compare("sub 3 − 2 parts", d => h.Host.Sub(c3, b2, d), d => h.Device.Sub(dc3, db2, d));
        h.Compare("sub 2 − 3 parts", d => h.Host.Sub(b2, c3, d), d => h.Device.Sub(db2, dc3, d));
        h.Compare("negate", d => h.Host.Negate(c3, d), d => h.Device.Negate(dc3, d));

        // Destination aliasing an input.
        var hostAlias = h.Host.Add(a, a);
        h.Host.Sub(hostAlias, b, hostAlias);
        using var deviceAlias = h.Device.Upload(h.Host.Add(a, a));
        h.Device.Sub(deviceAlias, db, deviceAlias);
        CiphertextAssert.Identical(hostAlias, h.Device.Download(deviceAlias), "sub in place");
    }

    [BackendFact]
    public void PlaintextOperations_BitExactWithCkksEvaluator()
    {
        using var h = new Harness(this, 3);
        var ct = h.Encrypt(1, level: 3);
        var pt = h.Encode(2, h.Parameters.MaxLevel);                // above the ciphertext's level
        using var dct = h.Device.Upload(ct);
        using var dpt = h.Device.Upload(pt);
        h.Compare("add plain", d => h.Host.AddPlain(ct, pt, d), d => h.Device.AddPlain(dct, dpt, d));
        h.Compare("sub plain", d => h.Host.SubPlain(ct, pt, d), d => h.Device.SubPlain(dct, dpt, d));
        h.Compare("multiply plain", d => h.Host.MultiplyPlain(ct, pt, d), d => h.Device.MultiplyPlain(dct, dpt, d));
    }

    [BackendFact]
    public void ConstantOperations_BitExactWithCkksEvaluator()
    {
        using var h = new Harness(this, 4);
        var ct = h.Encrypt(1);
        var c3 = h.Host.Multiply(ct, h.Encrypt(2));
        using var dct = h.Device.Upload(ct);
        using var dc3 = h.Device.Upload(c3);
        foreach (double c in (double[])[0.75, -1.3, 0])
        {
            h.Compare($"add constant {c}", d => h.Host.AddConstant(ct, c, d), d => h.Device.AddConstant(dct, c, d));
            h.Compare($"multiply constant {c}", d => h.Host.MultiplyConstant(ct, c, d), d => h.Device.MultiplyConstant(dct, c, d));
        }
        // c·q_ℓ beyond 2^63: the residues come from a BigInteger.
        h.Compare("multiply constant 1e9", d => h.Host.MultiplyConstant(ct, 1e9, d), d => h.Device.MultiplyConstant(dct, 1e9, d));
        h.Compare("add constant to 3 parts", d => h.Host.AddConstant(c3, -2.5, d), d => h.Device.AddConstant(dc3, -2.5, d));
        foreach (long k in (long[])[-3, 7, long.MinValue])
            h.Compare($"multiply integer {k}", d => h.Host.MultiplyInteger(ct, k, d), d => h.Device.MultiplyInteger(dct, k, d));
    }

    [BackendFact]
    public void MultiplyRelinearize_BitExactWithCkksEvaluator()
    {
        using var h = new Harness(this, 5);
        var a = h.Encrypt(1);
        var b = h.Encrypt(2, level: 2);
        using var da = h.Device.Upload(a);
        using var db = h.Device.Upload(b);
        h.Compare("multiply", d => h.Host.Multiply(a, b, d), d => h.Device.Multiply(da, db, d));
        h.Compare("square", d => h.Host.Multiply(a, a, d), d => h.Device.Multiply(da, da, d));
        var product = h.Host.Multiply(a, b);
        using var dproduct = h.Device.Upload(product);
        h.Compare("relinearize (level 2)", d => h.Host.Relinearize(product, d), d => h.Device.Relinearize(dproduct, d));
        h.Compare("relinearize 2 parts", d => h.Host.Relinearize(a, d), d => h.Device.Relinearize(da, d));

        // In place at the top level: destination = a.
        var hostA = h.Host.Add(a, a);
        h.Host.MultiplyRelinearize(hostA, a, hostA);
        using var deviceA = h.Device.Upload(h.Host.Add(a, a));
        h.Device.MultiplyRelinearize(deviceA, da, deviceA);
        CiphertextAssert.Identical(hostA, h.Device.Download(deviceA), "multiply-relinearize in place");
    }

    [BackendFact]
    public void RescaleDropLevel_BitExactWithCkksEvaluator()
    {
        using var h = new Harness(this, 6);
        var product = h.Host.MultiplyRelinearize(h.Encrypt(1), h.Encrypt(2));
        var low = h.Encrypt(3, level: 1);
        var c3 = h.Host.Multiply(low, low);
        using var dproduct = h.Device.Upload(product);
        using var dlow = h.Device.Upload(low);
        using var dc3 = h.Device.Upload(c3);
        h.Compare("rescale top", d => h.Host.Rescale(product, d), d => h.Device.Rescale(dproduct, d));
        h.Compare("rescale 1 → 0, 3 parts", d => h.Host.Rescale(c3, d), d => h.Device.Rescale(dc3, d));
        h.Compare("drop level", d => h.Host.DropLevel(product, 1, d), d => h.Device.DropLevel(dproduct, 1, d));

        var hostInPlace = h.Host.Add(product, product);
        h.Host.Rescale(hostInPlace, hostInPlace);
        h.Host.DropLevel(hostInPlace, 0, hostInPlace);
        using var deviceInPlace = h.Device.Upload(h.Host.Add(product, product));
        h.Device.Rescale(deviceInPlace, deviceInPlace);
        h.Device.DropLevel(deviceInPlace, 0, deviceInPlace);
        CiphertextAssert.Identical(hostInPlace, h.Device.Download(deviceInPlace), "rescale and drop in place");
    }

    [BackendFact]
    public void TrainingOperations_BitExactWithCkksEvaluator()
    {
        using var h = new Harness(this, 9);
        var a = h.Encrypt(1);
        var b = h.Encrypt(2);
        var low = h.Encrypt(3, level: 2);
        using var da = h.Device.Upload(a);
        using var db = h.Device.Upload(b);
        using var dlow = h.Device.Upload(low);
        double delta = h.Parameters.DefaultScale;
        foreach (var (c, target) in new[] { (0.37, delta), (-2.5, delta * 3.1), (1.0, delta / 7), (1e6, delta) })
            h.Compare($"multiply constant {c} rescale to 2^{Math.Log2(target):F2}",
                d => h.Host.MultiplyConstantRescale(a, c, target, d), d => h.Device.MultiplyConstantRescale(da, c, target, d));
        h.Compare("multiply constant rescale at level 2", d => h.Host.MultiplyConstantRescale(low, -0.8, delta, d),
            d => h.Device.MultiplyConstantRescale(dlow, -0.8, delta, d));
        h.Compare("multiply relinearize rescale", d => h.Host.MultiplyRelinearizeRescale(a, b, d), d => h.Device.MultiplyRelinearizeRescale(da, db, d));
        foreach (var (stride, count) in new[] { (1, 1), (1, 8), (4, 64), (1, h.Parameters.Slots) })
            h.Compare($"inner sum stride {stride} count {count}", d => h.Host.InnerSum(a, stride, count, d), d => h.Device.InnerSum(da, stride, count, d));
        h.Compare("inner sum at level 2", d => h.Host.InnerSum(low, 2, 16, d), d => h.Device.InnerSum(dlow, 2, 16, d));

        // Through the interface, in place: copy, drop, constant-rescale, add a loaded plaintext, sum.
        var pt = h.Encode(5, 3);
        h.Compare("through ICkksEvaluator, in place", d => InterfaceChain(h.Host, a, pt, d), d => InterfaceChain(h.Device, da, pt, d));

        Assert.Throws<ArgumentOutOfRangeException>(() => h.Device.DropLevelTo(dlow, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Device.InnerSum(da, 1, 6, da));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Device.MultiplyConstantRescale(da, 1, double.NaN, da));
        using var level0 = h.Device.Upload(h.Encrypt(4, level: 0));
        Assert.Throws<InvalidOperationException>(() => h.Device.MultiplyConstantRescale(level0, 1, delta, level0));
    }

    [BackendFact]
    public void PolynomialAndSlotSums_BitExactWithCkksEvaluator()
    {
        using var h = new Harness(this, 10);
        var ct = h.Encrypt(1);
        var low = h.Encrypt(2, level: 1);
        using var dct = h.Device.Upload(ct);
        using var dlow = h.Device.Upload(low);
        double delta = h.Parameters.DefaultScale;
        double[][] polynomials =
        [
            [0.5, 1.2, 0, -0.3],                                 // degree 3, depth 2
            [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8],         // degree 7, depth 3
            [0, 0, 0, 0, 0.25],                                  // x^4 alone: the single high coefficient
            [0.3, 0.7, 0, 0, 0, 0],                              // trailing zeros: degree 1
            [2.0],                                               // a constant
        ];
        foreach (var p in polynomials)
            h.Compare($"polynomial of degree {p.Length - 1}", d => h.Host.EvaluatePolynomial(ct, p, delta * 1.5, d),
                d => h.Device.EvaluatePolynomial(dct, p, delta * 1.5, d));
        foreach (int count in (int[])[1, 16, h.Parameters.Slots])
            h.Compare($"sum of {count} slots", d => h.Host.SumSlots(ct, count, d), d => h.Device.SumSlots(dct, count, d));
        foreach (int count in (int[])[1, 4, 8])      // hoisted steps 1, 2, 3 (3 has its own key), then 4 alone
            h.Compare($"hoisted sum of {count}", d => h.Host.InnerSumHoisted(ct, 1, count, d), d => h.Device.InnerSumHoisted(dct, 1, count, d));

        var hostInPlace = h.Host.Add(ct, ct);
        h.Host.EvaluatePolynomial(hostInPlace, polynomials[0], delta, hostInPlace);
        h.Host.SumSlots(hostInPlace, 8, hostInPlace);
        using var deviceInPlace = h.Device.Upload(h.Host.Add(ct, ct));
        h.Device.EvaluatePolynomial(deviceInPlace, polynomials[0], delta, deviceInPlace);
        h.Device.SumSlots(deviceInPlace, 8, deviceInPlace);
        CiphertextAssert.Identical(hostInPlace, h.Device.Download(deviceInPlace), "polynomial and slot sum in place");

        var hostError = Assert.Throws<InvalidOperationException>(() => h.Host.EvaluatePolynomial(low, polynomials[1], delta, low));
        var deviceError = Assert.Throws<InvalidOperationException>(() => h.Device.EvaluatePolynomial(dlow, polynomials[1], delta, dlow));
        Assert.Equal(hostError.Message, deviceError.Message);
        Assert.Throws<ArgumentException>(() => h.Device.EvaluatePolynomial(dct, [1, double.NaN], delta, dct));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Device.SumSlots(dct, 3, dct));
    }

    private static void InterfaceChain<TCiphertext, TPlaintext>(ICkksEvaluator<TCiphertext, TPlaintext> evaluator, TCiphertext source,
        Plaintext plaintext, TCiphertext destination)
        where TCiphertext : class, ILeveledCiphertext
        where TPlaintext : class
    {
        evaluator.Copy(source, destination);
        evaluator.DropLevelTo(destination, 3);
        var loaded = evaluator.Load(plaintext);
        evaluator.MultiplyPlain(destination, loaded, destination);
        evaluator.Rescale(destination, destination);
        evaluator.MultiplyConstantRescale(destination, 0.5, evaluator.Parameters.DefaultScale, destination);
        evaluator.InnerSum(destination, 1, 32, destination);
        (loaded as IDisposable)?.Dispose();
    }

    [BackendFact]
    public void RotateConjugate_BitExactWithCkksEvaluator()
    {
        using var h = new Harness(this, 7);
        var top = h.Encrypt(1);
        var low = h.Encrypt(2, level: 2);
        using var dtop = h.Device.Upload(top);
        using var dlow = h.Device.Upload(low);
        foreach (int step in (int[])[1, -1, 5, 0])      // power of two, direct key, composed (4 + 1), copy
            h.Compare($"rotate {step}", d => h.Host.Rotate(top, step, d), d => h.Device.Rotate(dtop, step, d));
        h.Compare("rotate 3 at level 2", d => h.Host.Rotate(low, 3, d), d => h.Device.Rotate(dlow, 3, d));
        h.Compare("conjugate", d => h.Host.Conjugate(top, d), d => h.Device.Conjugate(dtop, d));
        h.Compare("conjugate at level 2", d => h.Host.Conjugate(low, d), d => h.Device.Conjugate(dlow, d));

        var hostInPlace = h.Host.Add(low, low);
        h.Host.Rotate(hostInPlace, 5, hostInPlace);
        using var deviceInPlace = h.Device.Upload(h.Host.Add(low, low));
        h.Device.Rotate(deviceInPlace, 5, deviceInPlace);
        CiphertextAssert.Identical(hostInPlace, h.Device.Download(deviceInPlace), "composed rotation in place");
    }

    [BackendFact]
    public void RotateHoisted_BitExactWithCkksEvaluator()
    {
        using var h = new Harness(this, 8);
        int[] steps = [1, 2, 0, -1];
        foreach (int level in (int[])[h.Parameters.MaxLevel, 1])
        {
            var ct = h.Encrypt(1, level);
            var expected = steps.Select(_ => h.Host.NewCiphertext(0, 1)).ToArray();
            h.Host.RotateHoisted(ct, steps, expected);
            using var dct = h.Device.Upload(ct);
            var actual = steps.Select(_ => h.Device.NewCiphertext(0, 1)).ToArray();
            try
            {
                h.Device.RotateHoisted(dct, steps, actual);
                for (int s = 0; s < steps.Length; s++)
                    CiphertextAssert.Identical(expected[s], h.Device.Download(actual[s]), $"hoisted rotation {steps[s]} at level {level}");
            }
            finally
            {
                foreach (var d in actual) d.Dispose();
            }
        }
    }

    [BackendFact]
    public void Chain_StaysOnDevice_OneUploadOneDownloadBitExactAndPrecise()
    {
        using var h = new Harness(this, 9);
        var random = TestSeed.Random(900);
        var x = h.Context.RandomComplex(random);
        var ct = h.Context.Encrypt(x);

        // Host reference: y = x², z = rot(y, 1), w = y + z.
        var y = h.Host.Multiply(ct, ct);
        h.Host.Relinearize(y, y);
        h.Host.Rescale(y, y);
        var z = h.Host.Rotate(y, 1);
        var w = h.Host.Add(y, z);

        h.Counter.ResetCounts();
        using var dx = h.Device.Upload(ct);
        using var dy = h.Device.NewCiphertext(0, 1);
        using var dz = h.Device.NewCiphertext(0, 1);
        h.Device.Multiply(dx, dx, dy);
        h.Device.Relinearize(dy, dy);
        h.Device.Rescale(dy, dy);
        h.Device.Rotate(dy, 1, dz);
        h.Device.Add(dy, dz, dz);
        var result = h.Device.Download(dz);

        Assert.Equal(2, h.Counter.Uploads);               // the two parts of one ciphertext
        Assert.Equal(2, h.Counter.Downloads);
        Assert.True(h.Counter.DeviceOperations > 0);
        CiphertextAssert.Identical(w, result, "chain");

        var squares = SlotReference.Map(x, v => v * v);
        var expected = SlotReference.Zip(squares, SlotReference.Rotate(squares, 1), (p, q) => p + q);
        Precision.AssertBits(expected, h.Context.Decrypt(result), 20, "chain decrypted vs plaintext");
    }

    /// <summary>One CKKS context, the host evaluator and the device evaluator on a fresh backend.</summary>
    private sealed class Harness : IDisposable
    {
        private readonly IRingBackend _backend;

        public Harness(CkksDeviceSuite suite, int salt)
        {
            Context = new CkksTestContext(InsecureTestParameters.LogN10Dnum2, salt: 7000 + salt, rotationSteps: DirectSteps);
            _backend = suite.CreateBackend(Context.Parameters.Rlwe.Ring);
            Counter = new CountingRingBackend(_backend);
            Device = new BackendCkksEvaluator(Context.Parameters, Counter, Context.RelinearizationKey, Context.GaloisKeys);
            Random = TestSeed.Random(7100 + salt);
        }

        public CkksTestContext Context { get; }

        public CkksParameters Parameters => Context.Parameters;

        public CkksEvaluator Host => Context.Evaluator;

        public CountingRingBackend Counter { get; }

        public BackendCkksEvaluator Device { get; }

        public Random Random { get; }

        public Ciphertext Encrypt(int salt, int? level = null) =>
            Context.Encrypt(SlotReference.RandomComplex(TestSeed.Random(7200 + salt), Parameters.Slots), level);

        public Plaintext Encode(int salt, int level)
        {
            var pt = new Plaintext(Parameters.Rlwe, level, Parameters.DefaultScale);
            Context.Encoder.Encode(SlotReference.RandomComplex(TestSeed.Random(7300 + salt), Parameters.Slots), level, Parameters.DefaultScale, pt);
            return pt;
        }

        /// <summary>Runs the host operation into a fresh ciphertext and the device one into a fresh device ciphertext,
        /// and compares the downloaded bytes.</summary>
        public void Compare(string what, Action<Ciphertext> host, Action<DeviceCiphertext> device)
        {
            var expected = Host.NewCiphertext(0, 1);
            host(expected);
            using var actual = Device.NewCiphertext(0, 1);
            device(actual);
            CiphertextAssert.Identical(expected, Device.Download(actual), what);
        }

        public void Dispose()
        {
            Device.Dispose();
            _backend.Dispose();
            Context.Dispose();
        }
    }
}
