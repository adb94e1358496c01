using System.Diagnostics;
using Vault.Ckks;
using Vault.Cli.Bench;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Cli.Backends;

/// <summary>Times NTT of all limbs, multiply + relinearize and rotate by one through <see cref="BackendCkksEvaluator"/> on
/// one backend, beside the same operations on the host (<see cref="RnsBasis.Forward"/>, <see cref="CkksEvaluator"/>),
/// on fresh public-key encryptions of N/2 random reals at the top level; then checks that the device results are
/// byte-identical to the host's.</summary>
/// <remarks>Inputs are uploaded once before timing; every timed call runs on resident data (host ↔ device copies are
/// not timed). Keys: relinearization and a Galois key for rotation by one, uploaded once.</remarks>
internal sealed class BackendBenchmark : IDisposable
{
    private readonly CkksParameters _parameters;
    private readonly IRingBackend _backend;
    private readonly BackendBenchSettings _settings;
    private readonly SecretKey _secretKey;
    private readonly CkksEvaluator _host;
    private readonly BackendCkksEvaluator _device;
    private readonly Ciphertext _a, _b, _hostResult;
    private readonly DeviceCiphertext _deviceA, _deviceB, _deviceResult;
    private readonly RnsPoly _poly, _hostPoly;
    private readonly IDevicePoly _devicePoly;

    /// <summary>Generates keys and inputs for <paramref name="parameters"/> and uploads them to <paramref name="backend"/>
    /// (bound to the parameters' ring; not disposed here).</summary>
    public BackendBenchmark(CkksParameters parameters, IRingBackend backend, BackendBenchSettings settings, int seed = 20240601)
    {
        _parameters = parameters;
        _backend = backend;
        _settings = settings;
        var rlwe = parameters.Rlwe;
        int level = parameters.MaxLevel;
        var random = new Random(seed);
        using var generator = new KeyGenerator(rlwe);
        _secretKey = generator.GenerateSecretKey();
        var relinearizationKey = generator.GenerateRelinearizationKey(_secretKey);
        var galoisKeys = generator.GenerateGaloisKeys(_secretKey, [GaloisElements.ForRotation(parameters.LogN, 1)]);
        _host = new CkksEvaluator(parameters, relinearizationKey, galoisKeys);
        _device = new BackendCkksEvaluator(parameters, backend, relinearizationKey, galoisKeys);

        var encoder = new CkksEncoder(parameters);
        using var encryptor = new Encryptor(rlwe, generator.GeneratePublicKey(_secretKey));
        _a = Encrypt(encoder, encryptor, random);
        _b = Encrypt(encoder, encryptor, random);
        _hostResult = _host.NewCiphertext(level, parameters.DefaultScale);
        _deviceA = _device.Upload(_a);
        _deviceB = _device.Upload(_b);
        _deviceResult = _device.NewCiphertext(level, parameters.DefaultScale);

        var basis = rlwe.Ring.Q(level);
        _poly = new RnsPoly(parameters.N, level + 1);
        for (int i = 0; i <= level; i++)
        {
            ulong q = basis.Moduli[i].Value;
            Span<ulong> limb = _poly.Limb(i);
            for (int k = 0; k < limb.Length; k++) limb[k] = (ulong)random.NextInt64((long)q);
        }
        _hostPoly = _poly.Clone();
        _devicePoly = backend.Allocate(level + 1);
        backend.Upload(_poly, _devicePoly);
    }

    /// <summary>The operations, in the order they are timed.</summary>
    public static IReadOnlyList<string> Operations { get; } = ["NTT, all limbs", "multiply + relinearize", "rotate by 1"];

    /// <summary>Times every operation; <paramref name="starting"/> is called before each.</summary>
    public IReadOnlyList<BackendTiming> Run(Action<string>? starting = null)
    {
        var basis = _parameters.Rlwe.Ring.Q(_parameters.MaxLevel);
        var timings = new List<BackendTiming>();

        starting?.Invoke(Operations[0]);
        var (dw, dc) = Measure(() => _backend.Forward(basis, _devicePoly));
        var (hw, hc) = Measure(() => basis.Forward(_hostPoly));
        timings.Add(new(Operations[0], dw, dc, hw, hc, NttIsBitExact(basis)));

        starting?.Invoke(Operations[1]);
        (dw, dc) = Measure(() => _device.MultiplyRelinearize(_deviceA, _deviceB, _deviceResult));
        (hw, hc) = Measure(() => _host.MultiplyRelinearize(_a, _b, _hostResult));
        timings.Add(new(Operations[1], dw, dc, hw, hc, Same(_hostResult, _device.Download(_deviceResult))));

        starting?.Invoke(Operations[2]);
        (dw, dc) = Measure(() => _device.Rotate(_deviceA, 1, _deviceResult));
        (hw, hc) = Measure(() => _host.Rotate(_a, 1, _hostResult));
        timings.Add(new(Operations[2], dw, dc, hw, hc, Same(_hostResult, _device.Download(_deviceResult))));
        return timings;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _devicePoly.Dispose();
        _deviceA.Dispose();
        _deviceB.Dispose();
        _deviceResult.Dispose();
        _device.Dispose();
        _secretKey.Dispose();
    }

    private Ciphertext Encrypt(CkksEncoder encoder, Encryptor encryptor, Random random)
    {
        var values = new double[_parameters.Slots];
        for (int i = 0; i < values.Length; i++) values[i] = random.NextDouble() * 2 - 1;
        var pt = new Plaintext(_parameters.Rlwe, _parameters.MaxLevel, _parameters.DefaultScale);
        encoder.Encode(values, pt.Level, pt.Scale, pt);
        return encryptor.Encrypt(pt);
    }

    /// <summary>Median wall-clock and process-CPU milliseconds per call.</summary>
    private (double WallMs, double CpuMs) Measure(Action call)
    {
        for (int i = 0; i < _settings.WarmupCalls; i++) call();
        BackendFactory.Synchronize(_backend);
        long t0 = Stopwatch.GetTimestamp();
        call();
        BackendFactory.Synchronize(_backend);
        double oneCall = Math.Max(1, Stopwatch.GetTimestamp() - t0);
        long calls = Math.Max(1, (long)Math.Ceiling(_settings.MinRepetitionTime.TotalSeconds * Stopwatch.Frequency / oneCall));
        var wall = new double[_settings.Repetitions];
        var cpu = new double[_settings.Repetitions];
        for (int r = 0; r < wall.Length; r++)
        {
            long c0 = CpuClock.Nanoseconds(), w0 = Stopwatch.GetTimestamp();
            for (long i = 0; i < calls; i++) call();
            BackendFactory.Synchronize(_backend);
            wall[r] = Stopwatch.GetElapsedTime(w0).TotalMilliseconds / calls;
            cpu[r] = (CpuClock.Nanoseconds() - c0) / 1e6 / calls;
        }
        return (Median(wall), CpuClock.IsAvailable ? Median(cpu) : double.NaN);
    }

    private bool NttIsBitExact(RnsBasis basis)
    {
        var expected = _poly.Clone();
        basis.Forward(expected);
        _backend.Upload(_poly, _devicePoly);
        _backend.Forward(basis, _devicePoly);
        var actual = new RnsPoly(_parameters.N, _poly.LimbCount);
        _backend.Download(_devicePoly, actual);
        return expected.Coefficients.SequenceEqual(actual.Coefficients);
    }

    private static bool Same(Ciphertext expected, Ciphertext actual)
    {
        if (expected.Size != actual.Size || expected.Level != actual.Level || expected.Scale != actual.Scale) return false;
        for (int i = 0; i < expected.Size; i++)
            if (!expected[i].Coefficients.SequenceEqual(actual[i].Coefficients)) return false;
        return true;
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        int mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
