using Vault.Ring.Tests;
using Vault.Testing;

namespace Vault.Ring.Gpu.Tests;

/// <summary>Every <see cref="GpuRingBackend"/> kernel against the CPU reference (<see cref="CpuRingBackend"/>, which
/// wraps <see cref="RnsBasis"/>, <see cref="NttTable"/>, <see cref="BasisConverter"/> and <see cref="RingContext"/>)
/// bit for bit, plus algebraic checks. Run by a derived class per accelerator.</summary>
public abstract class BackendSuite
{
    /// <summary>The accelerator the suite runs on.</summary>
    protected abstract GpuAccelerator Accelerator { get; }

    public enum ElementwiseOp { Add, Subtract, Negate, MulCoefficients, MulCoefficientsAdd, MulScalars, AddScalars }

    public static TheoryData<int, int[], int[], ElementwiseOp> ShapesAndOps()
    {
        var data = new TheoryData<int, int[], int[], ElementwiseOp>();
        foreach (var row in RingShapes.All())
            foreach (var op in Enum.GetValues<ElementwiseOp>())
                data.Add((int)row[0], (int[])row[1], (int[])row[2], op);
        return data;
    }

    [BackendTheory]
    [MemberData(nameof(RingShapes.Ntt), MemberType = typeof(RingShapes))]
    public void Forward_AllLimbs_BitExactWithCpu(int logN, int[] qBits, int[] pBits)
    {
        var ring = RingShapes.Ring(logN, qBits, pBits);
        var basis = ring.QP(ring.MaxLevel);
        var input = RingShapes.RandomPoly(basis, TestSeed.Random(logN));
        var expected = input.Clone();
        basis.Forward(expected);
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        RingShapes.AssertBitExact(expected, RoundTrip(gpu, input, p => gpu.Forward(basis, p)), "Forward");
    }

    [BackendTheory]
    [MemberData(nameof(RingShapes.Ntt), MemberType = typeof(RingShapes))]
    public void Inverse_AllLimbs_BitExactWithCpu(int logN, int[] qBits, int[] pBits)
    {
        var ring = RingShapes.Ring(logN, qBits, pBits);
        var basis = ring.QP(ring.MaxLevel);
        var input = RingShapes.RandomPoly(basis, TestSeed.Random(100 + logN));
        var expected = input.Clone();
        basis.Inverse(expected);
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        RingShapes.AssertBitExact(expected, RoundTrip(gpu, input, p => gpu.Inverse(basis, p)), "Inverse");
    }

    [BackendTheory]
    [MemberData(nameof(RingShapes.Ntt), MemberType = typeof(RingShapes))]
    public void ForwardThenInverse_LowerLevel_ReturnsInput(int logN, int[] qBits, int[] pBits)
    {
        var ring = RingShapes.Ring(logN, qBits, pBits);
        var basis = ring.Q(ring.MaxLevel - 1 < 0 ? 0 : ring.MaxLevel - 1);
        var input = RingShapes.RandomPoly(basis, TestSeed.Random(200 + logN));
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        var output = RoundTrip(gpu, input, p =>
        {
            gpu.Forward(basis, p);
            gpu.Inverse(basis, p);
        });
        RingShapes.AssertBitExact(input, output, "Inverse(Forward(a))");
    }

    [BackendTheory]
    [InlineData(4, 60)]
    [InlineData(5, 20)]
    [InlineData(6, 62)]
    [InlineData(7, 45)]
    public void NttProduct_EqualsSchoolbookNegacyclicConvolution(int logN, int bits)
    {
        var ring = RingShapes.Ring(logN, [bits], []);
        var basis = ring.Q(0);
        var rng = TestSeed.Random(300 + logN);
        var a = RingShapes.RandomPoly(basis, rng);
        var b = RingShapes.RandomPoly(basis, rng);
        ulong q = basis.Moduli[0].Value;
        int n = ring.N;
        var expected = new RnsPoly(n, 1);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                ulong product = (ulong)((UInt128)a.Limb(0)[i] * b.Limb(0)[j] % q);
                int k = i + j;
                if (k < n) expected.Limb(0)[k] = (expected.Limb(0)[k] + product) % q;
                else expected.Limb(0)[k - n] = (expected.Limb(0)[k - n] + q - product) % q;   // X^N = −1
            }
        }
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        using var da = gpu.Allocate(1);
        using var db = gpu.Allocate(1);
        gpu.Upload(a, da);
        gpu.Upload(b, db);
        gpu.Forward(basis, da);
        gpu.Forward(basis, db);
        gpu.MulCoefficients(basis, da, db, da);
        gpu.Inverse(basis, da);
        var actual = new RnsPoly(n, 1);
        gpu.Download(da, actual);
        RingShapes.AssertBitExact(expected, actual, "INTT(NTT(a) ⊙ NTT(b))");
    }

    [BackendTheory]
    [MemberData(nameof(ShapesAndOps))]
    public void Elementwise_BitExactWithCpu(int logN, int[] qBits, int[] pBits, ElementwiseOp op)
    {
        var ring = RingShapes.Ring(logN, qBits, pBits);
        var basis = ring.QP(ring.MaxLevel);
        var rng = TestSeed.Random(400 + logN * 10 + (int)op);
        var a = RingShapes.RandomPoly(basis, rng);
        var b = RingShapes.RandomPoly(basis, rng);
        var d = RingShapes.RandomPoly(basis, rng);
        var scalars = new ulong[basis.Count];
        for (int i = 0; i < scalars.Length; i++) scalars[i] = i == 0 ? basis.Moduli[i].Value - 1 : (ulong)rng.NextInt64(0, (long)basis.Moduli[i].Value);
        using var cpu = new CpuRingBackend(ring);
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        RnsPoly Run(IRingBackend backend)
        {
            using var da = backend.Allocate(basis.Count);
            using var db = backend.Allocate(basis.Count);
            using var dd = backend.Allocate(basis.Count);
            backend.Upload(a, da);
            backend.Upload(b, db);
            backend.Upload(d, dd);
            switch (op)
            {
                case ElementwiseOp.Add: backend.Add(basis, da, db, dd); break;
                case ElementwiseOp.Subtract: backend.Subtract(basis, da, db, dd); break;
                case ElementwiseOp.Negate: backend.Negate(basis, da, dd); break;
                case ElementwiseOp.MulCoefficients: backend.MulCoefficients(basis, da, db, dd); break;
                case ElementwiseOp.MulCoefficientsAdd: backend.MulCoefficientsAdd(basis, da, db, dd); break;
                case ElementwiseOp.MulScalars: backend.MulScalars(basis, da, scalars, dd); break;
                case ElementwiseOp.AddScalars: backend.AddScalars(basis, da, scalars, dd); break;
            }
            var result = new RnsPoly(ring.N, basis.Count);
            backend.Download(dd, result);
            return result;
        }
        RingShapes.AssertBitExact(Run(cpu), Run(gpu), op.ToString());
    }

    [BackendTheory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void Elementwise_DestinationAliasesInput_BitExactWithCpu(int logN, int[] qBits, int[] pBits)
    {
        var ring = RingShapes.Ring(logN, qBits, pBits);
        var basis = ring.Q(ring.MaxLevel);
        var rng = TestSeed.Random(500 + logN);
        var a = RingShapes.RandomPoly(basis, rng);
        var b = RingShapes.RandomPoly(basis, rng);
        using var cpu = new CpuRingBackend(ring);
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        RnsPoly Run(IRingBackend backend)
        {
            using var da = backend.Allocate(basis.Count);
            using var db = backend.Allocate(basis.Count);
            backend.Upload(a, da);
            backend.Upload(b, db);
            backend.MulCoefficientsAdd(basis, da, db, da);   // a += a ⊙ b
            backend.Subtract(basis, da, db, db);             // b = a − b
            backend.Negate(basis, db, db);
            backend.Add(basis, da, db, da);
            var result = new RnsPoly(ring.N, basis.Count);
            backend.Download(da, result);
            return result;
        }
        RingShapes.AssertBitExact(Run(cpu), Run(gpu), "aliased chain");
    }

    [BackendTheory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void AutomorphismNtt_BitExactWithRingContext(int logN, int[] qBits, int[] pBits)
    {
        var ring = RingShapes.Ring(logN, qBits, pBits);
        var basis = ring.QP(ring.MaxLevel);
        var rng = TestSeed.Random(600 + logN);
        var a = RingShapes.RandomPoly(basis, rng);
        ulong twoN = 2UL * (ulong)ring.N;
        ulong[] elements = [3, 5, twoN - 1, 125 % twoN, ((ulong)rng.NextInt64(0, (long)twoN) | 1)];
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        using var da = gpu.Allocate(basis.Count);
        using var dd = gpu.Allocate(basis.Count);
        gpu.Upload(a, da);
        foreach (ulong g in elements)
        {
            var expected = new RnsPoly(ring.N, basis.Count);
            ring.AutomorphismNtt(a, g, expected, basis.Count);
            gpu.AutomorphismNtt(basis, da, g, dd);
            var actual = new RnsPoly(ring.N, basis.Count);
            gpu.Download(dd, actual);
            RingShapes.AssertBitExact(expected, actual, $"φ_{g}");
        }
    }

    [BackendTheory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void ConvertBasis_FastAndCentered_BitExactWithBasisConverter(int logN, int[] qBits, int[] pBits)
    {
        var ring = RingShapes.Ring(logN, qBits, pBits);
        var qp = ring.QP(ring.MaxLevel);
        var rng = TestSeed.Random(700 + logN);
        var input = RingShapes.RandomPoly(qp, rng);
        // ModDown-like Q → P, and ModUp-like {q_1..} → QP (target primes that are also source primes included).
        var cases = new (BasisConverter Converter, int SourceLimb)[]
        {
            (new BasisConverter(ring.Q(ring.MaxLevel), ring.P!), 0),
            (new BasisConverter(qp.Slice(1, qp.Count - 1), qp), 1),
        };
        using var cpu = new CpuRingBackend(ring);
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        foreach (var (converter, sourceLimb) in cases)
        {
            foreach (bool centered in new[] { false, true })
            {
                RnsPoly Run(IRingBackend backend)
                {
                    using var source = backend.Allocate(qp.Count);
                    using var destination = backend.Allocate(converter.To.Count + 1);
                    backend.Upload(input, source);
                    backend.ConvertBasis(converter, source, sourceLimb, destination, 1, centered);
                    var result = new RnsPoly(ring.N, converter.To.Count + 1);
                    backend.Download(destination, result);
                    return result;
                }
                var expected = new RnsPoly(ring.N, converter.To.Count + 1);
                var direct = expected.Coefficients[ring.N..];
                if (centered) converter.ConvertCentered(input.Coefficients.Slice(sourceLimb * ring.N, converter.From.Count * ring.N), direct);
                else converter.Convert(input.Coefficients.Slice(sourceLimb * ring.N, converter.From.Count * ring.N), direct);
                RingShapes.AssertBitExact(expected, Run(cpu), $"CPU backend, centred={centered}");
                RingShapes.AssertBitExact(expected, Run(gpu), $"GPU backend {converter.From.Count}→{converter.To.Count}, centred={centered}");
            }
        }
    }

    [BackendTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void ConvertBasis_MoreThan15SourcePrimes_BitExactWithBasisConverter(bool centered)
    {
        // 17 primes of 62 bits: t_i · (A/a_i mod b_j) close to 2^124, so 16 of them would overflow a 128-bit sum.
        var ring = RingShapes.Ring(4, [.. Enumerable.Repeat(62, 17)], [62, 62]);
        var from = ring.Q(ring.MaxLevel);
        var converter = new BasisConverter(from, ring.P!);
        var input = RingShapes.RandomPoly(from, TestSeed.Random(850));
        for (int i = 0; i < from.Count; i++)
        {
            // x_i = (a_i − 1) · (A/a_i) mod a_i makes t_i = a_i − 1, the largest term, on coefficients 4..7.
            var m = from.Moduli[i];
            ulong maximal = m.Mul(m.Value - 1, m.Reduce(from.Product / m.Value));
            for (int k = 4; k < 8; k++) input.Limb(i)[k] = maximal;
        }
        var expected = new RnsPoly(ring.N, converter.To.Count);
        if (centered) converter.ConvertCentered(input.Coefficients, expected.Coefficients);
        else converter.Convert(input.Coefficients, expected.Coefficients);
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        using var source = gpu.Allocate(from.Count);
        using var destination = gpu.Allocate(converter.To.Count);
        gpu.Upload(input, source);
        gpu.ConvertBasis(converter, source, 0, destination, 0, centered);
        var actual = new RnsPoly(ring.N, converter.To.Count);
        gpu.Download(destination, actual);
        RingShapes.AssertBitExact(expected, actual, $"17 → 2 primes, centred={centered}");
    }

    [BackendFact]
    public void ConvertBasis_SamePolyDisjointLimbs_BitExactWithCpu()
    {
        var ring = RingShapes.Ring(7, [62, 50, 45], [50, 36]);
        var qp = ring.QP(ring.MaxLevel);
        var converter = new BasisConverter(ring.P!, ring.Q(ring.MaxLevel));   // reads limbs 3..4, writes 0..2
        var input = RingShapes.RandomPoly(qp, TestSeed.Random(800));
        using var cpu = new CpuRingBackend(ring);
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        RnsPoly Run(IRingBackend backend)
        {
            using var poly = backend.Allocate(qp.Count);
            backend.Upload(input, poly);
            backend.ConvertBasis(converter, poly, 3, poly, 0, centered: true);
            var result = new RnsPoly(ring.N, qp.Count);
            backend.Download(poly, result);
            return result;
        }
        RingShapes.AssertBitExact(Run(cpu), Run(gpu), "ModDown-shaped conversion");
    }

    [BackendTheory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    public void InnerProduct_BitExactWithCpuAndWithSequentialMultiplyAdd(int terms)
    {
        var ring = RingShapes.Ring(9, [45, 45, 45], [60]);
        var basis = ring.QP(ring.MaxLevel);
        var rng = TestSeed.Random(900 + terms);
        var a = new RnsPoly[terms];
        var b = new RnsPoly[terms];
        for (int j = 0; j < terms; j++)
        {
            a[j] = RingShapes.RandomPoly(basis, rng);
            b[j] = RingShapes.RandomPoly(basis, rng);
            // Worst case for the 128-bit accumulator: every product (q − 1)².
            for (int i = 0; i < basis.Count; i++) a[j].Limb(i)[5] = b[j].Limb(i)[5] = basis.Moduli[i].Value - 1;
        }
        var sequential = new RnsPoly(ring.N, basis.Count);
        for (int j = 0; j < terms; j++) basis.MulCoefficientsAdd(a[j], b[j], sequential);
        using var cpu = new CpuRingBackend(ring);
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        RnsPoly Run(IRingBackend backend)
        {
            var da = new IDevicePoly[terms];
            var db = new IDevicePoly[terms];
            using var dd = backend.Allocate(basis.Count);
            try
            {
                for (int j = 0; j < terms; j++)
                {
                    da[j] = backend.Allocate(basis.Count);
                    db[j] = backend.Allocate(basis.Count);
                    backend.Upload(a[j], da[j]);
                    backend.Upload(b[j], db[j]);
                }
                backend.InnerProduct(basis, da, db, dd);
                var result = new RnsPoly(ring.N, basis.Count);
                backend.Download(dd, result);
                return result;
            }
            finally
            {
                foreach (var p in da) p?.Dispose();
                foreach (var p in db) p?.Dispose();
            }
        }
        RingShapes.AssertBitExact(sequential, Run(cpu), "CPU inner product");
        RingShapes.AssertBitExact(sequential, Run(gpu), "GPU inner product");
    }

    [BackendFact]
    public void Chain_StaysOnDevice_BitExactWithCpu()
    {
        var ring = RingShapes.Ring(11, [30, 60], [62]);
        var q = ring.Q(ring.MaxLevel);
        var rng = TestSeed.Random(1000);
        var a = RingShapes.RandomPoly(q, rng);
        var b = RingShapes.RandomPoly(q, rng);
        using var cpu = new CpuRingBackend(ring);
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        RnsPoly Run(IRingBackend backend)
        {
            using var da = backend.Allocate(q.Count);
            using var db = backend.Allocate(q.Count);
            using var dt = backend.Allocate(q.Count);
            backend.Upload(a, da);
            backend.Upload(b, db);
            backend.Forward(q, da);
            backend.Forward(q, db);
            backend.MulCoefficients(q, da, db, dt);
            backend.AutomorphismNtt(q, dt, 5, da);
            backend.MulCoefficientsAdd(q, da, db, dt);
            backend.Inverse(q, dt);
            var result = new RnsPoly(ring.N, q.Count);
            backend.Download(dt, result);
            return result;
        }
        RingShapes.AssertBitExact(Run(cpu), Run(gpu), "NTT → ⊙ → φ_5 → ⊙+ → INTT");
    }

    public static TheoryData<string, int> KeySwitchCases() => new()
    {
        { nameof(InsecureTestParameters.LogN10Dnum2), 4 },
        { nameof(InsecureTestParameters.LogN10Dnum2), 2 },
        { nameof(InsecureTestParameters.LogN10Dnum5), 3 },
    };

    [BackendTheory]
    [MemberData(nameof(KeySwitchCases))]
    public void BackendKeySwitcher_BitExactWithKeySwitcher(string preset, int level)
    {
        var spec = preset == nameof(InsecureTestParameters.LogN10Dnum2) ? InsecureTestParameters.LogN10Dnum2 : InsecureTestParameters.LogN10Dnum5;
        var parameters = Vault.Ckks.CkksParameters.CreateInsecure(spec).Rlwe;
        using var prng = new Prng(TestSeed.PrngSeed(1100 + level));
        using var generator = new Vault.Rlwe.KeyGenerator(parameters, prng);
        using var secretKey = generator.GenerateSecretKey();
        var key = generator.GenerateRelinearizationKey(secretKey).Key;
        var d = RingShapes.RandomPoly(parameters.Ring.Q(level), TestSeed.Random(1100 + level));
        var expected0 = new RnsPoly(parameters.N, level + 1);
        var expected1 = new RnsPoly(parameters.N, level + 1);
        new Vault.Rlwe.KeySwitcher(parameters).Switch(d, level, key, expected0, expected1);
        using var gpu = GpuRingBackend.Create(parameters.Ring, Accelerator);
        using var switcher = new Vault.Rlwe.BackendKeySwitcher(parameters, gpu);
        using var deviceKey = switcher.Upload(key);
        using var dd = gpu.Allocate(level + 1);
        using var out0 = gpu.Allocate(level + 1);
        using var out1 = gpu.Allocate(level + 1);
        gpu.Upload(d, dd);
        switcher.Switch(dd, level, deviceKey, out0, out1);
        var actual = new RnsPoly(parameters.N, level + 1);
        gpu.Download(out0, actual);
        RingShapes.AssertBitExact(expected0, actual, "key switch part 0");
        gpu.Download(out1, actual);
        RingShapes.AssertBitExact(expected1, actual, "key switch part 1");
    }

    [BackendTheory]
    [MemberData(nameof(RingShapes.All), MemberType = typeof(RingShapes))]
    public void Rescale_ComposedOfBackendOperations_BitExactWithDivideRoundByLast(int logN, int[] qBits, int[] pBits)
    {
        var ring = RingShapes.Ring(logN, qBits, pBits);
        int level = ring.MaxLevel;
        var q = ring.Q(level);
        var a = RingShapes.RandomPoly(q, TestSeed.Random(1300 + logN));
        var expected = a.Clone();
        q.DivideRoundByLastNtt(expected, new ulong[ring.N]);
        using var cpu = new CpuRingBackend(ring);
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        foreach (IRingBackend backend in new IRingBackend[] { cpu, gpu })
            RingShapes.AssertBitExact(expected, BackendRescale.DivideRoundByLast(backend, q, a), $"{backend.DeviceName}: rescale");
    }

    [BackendFact]
    public void Copy_LimbRanges_BitExactWithCpu()
    {
        var ring = RingShapes.Ring(7, [62, 50, 45], [50, 36]);
        var qp = ring.QP(ring.MaxLevel);
        var input = RingShapes.RandomPoly(qp, TestSeed.Random(1200));
        using var cpu = new CpuRingBackend(ring);
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        RnsPoly Run(IRingBackend backend)
        {
            using var a = backend.Allocate(qp.Count);
            using var b = backend.Allocate(3);
            backend.Upload(input, a);
            backend.Copy(a, 3, b, 1, 2);
            backend.Copy(a, 0, a, 4, 1);
            backend.Copy(a, 4, b, 0, 1);
            Assert.Throws<ArgumentException>(() => backend.Copy(a, 0, a, 1, 2));   // overlap
            Assert.Throws<ArgumentException>(() => backend.Copy(a, 4, b, 0, 2));   // past the limbs in use
            var result = new RnsPoly(ring.N, 3);
            backend.Download(b, result);
            return result;
        }
        var expected = Run(cpu);
        Assert.True(expected.Limb(0).SequenceEqual(input.Limb(0)));
        Assert.True(expected.Limb(2).SequenceEqual(input.Limb(4)));
        RingShapes.AssertBitExact(expected, Run(gpu), "Copy");
    }

    [BackendFact]
    public void Forward_RandomPolynomials_BitExactWithCpu_Property()
    {
        var ring = RingShapes.Ring(6, [62, 41, 33], []);
        var basis = ring.Q(ring.MaxLevel);
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        using var device = gpu.Allocate(basis.Count);
        var gen = FsCheck.Fluent.Gen.Choose(0, int.MaxValue);
        SeededProperty.Check(gen, seed =>
        {
            var input = RingShapes.RandomPoly(basis, new Random(seed));
            var expected = input.Clone();
            basis.Forward(expected);
            gpu.Upload(input, device);
            gpu.Forward(basis, device);
            var actual = new RnsPoly(ring.N, basis.Count);
            gpu.Download(device, actual);
            RingShapes.AssertBitExact(expected, actual, $"Forward (sample seed {seed})");
        }, maxTest: 12);
    }

    [BackendFact]
    public void Operations_ForeignPolynomial_Throw()
    {
        var ring = RingShapes.Ring(4, [60, 40, 30], [61]);
        var basis = ring.Q(0);
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        using var other = GpuRingBackend.Create(ring, Accelerator);
        using var cpu = new CpuRingBackend(ring);
        using var mine = gpu.Allocate(1);
        using var theirs = other.Allocate(1);
        using var host = cpu.Allocate(1);
        Assert.Throws<ArgumentException>(() => gpu.Add(basis, mine, theirs, mine));
        Assert.Throws<ArgumentException>(() => gpu.Forward(basis, host));
        Assert.Throws<ArgumentException>(() => cpu.Forward(basis, mine));
    }

    [BackendFact]
    public void Operations_InvalidArguments_Throw()
    {
        var ring = RingShapes.Ring(4, [60, 40, 30], [61]);
        var qp = ring.QP(ring.MaxLevel);
        var foreign = RingContext.Create(4, Primes.NttPrimes(4, [50]), []).Q(0);
        using var gpu = GpuRingBackend.Create(ring, Accelerator);
        using var a = gpu.Allocate(qp.Count);
        using var d = gpu.Allocate(qp.Count);
        using var small = gpu.Allocate(1);
        Assert.Throws<ArgumentException>(() => gpu.Forward(foreign, a));                        // prime not in the ring
        Assert.Throws<ArgumentException>(() => gpu.Forward(qp, small));                         // too few limbs
        Assert.Throws<ArgumentException>(() => gpu.AutomorphismNtt(qp, a, 5, a));               // aliasing
        Assert.Throws<ArgumentException>(() => gpu.AutomorphismNtt(qp, a, 4, d));               // even g
        Assert.Throws<ArgumentException>(() => gpu.MulScalars(qp, a, new ulong[qp.Count - 1], d));
        var unreduced = new ulong[qp.Count];
        unreduced[0] = qp.Moduli[0].Value;
        Assert.Throws<ArgumentException>(() => gpu.MulScalars(qp, a, unreduced, d));
        var converter = new BasisConverter(ring.Q(ring.MaxLevel), ring.P!);
        Assert.Throws<ArgumentException>(() => gpu.ConvertBasis(converter, a, 0, a, 2, centered: false));   // overlap
        Assert.Throws<ArgumentException>(() => gpu.ConvertBasis(converter, a, 2, d, 0, centered: false));   // past limbs in use
        Assert.Throws<ArgumentException>(() => gpu.InnerProduct(qp, [a], [d, a], small));
        Assert.Throws<ArgumentException>(() => gpu.InnerProduct(qp, [a], [d], a));                          // aliasing
        a.Dispose();
        Assert.Throws<ObjectDisposedException>(() => gpu.Forward(qp, a));
    }

    private static RnsPoly RoundTrip(GpuRingBackend backend, RnsPoly input, Action<IDevicePoly> operation)
    {
        using var device = backend.Allocate(input.LimbCount);
        backend.Upload(input, device);
        operation(device);
        var output = new RnsPoly(input.N, input.LimbCount);
        backend.Download(device, output);
        return output;
    }
}
