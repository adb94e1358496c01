using System.Diagnostics;
using Vault.Ckks;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Cli.Bench;

/// <summary>In-process micro-benchmark of Vault's CKKS operations on one parameter set, with the operation definitions of
/// the SEAL anchor: inputs are fresh public-key encryptions of N/2 random reals at the top level, destinations are
/// allocated once and reused, and galois keys exist only for a rotation by 1 and for conjugation. Operations run on
/// <see cref="RingParallelism.ThreadCount"/> = the <c>threads</c> given to <see cref="Run(BenchmarkOperation, int)"/>
/// (1: everything on the calling thread).</summary>
/// <remarks>
/// Timing: a warm-up (at least two calls and <see cref="BenchmarkSettings.WarmupTime"/>, which also lets the tiered
/// JIT promote the kernels) estimates the cost of one call; then each of <see cref="BenchmarkSettings.Repetitions"/>
/// repetitions runs enough back-to-back calls to last <see cref="BenchmarkSettings.MinRepetitionTime"/>, and the median
/// of the per-call means is reported. Single-threaded runs report process CPU time (<see cref="CpuClock"/>; wall-clock time
/// is recorded beside it, and used when CPU time is unavailable), which leaves out waiting for a busy core; multi-threaded
/// runs report wall-clock time (CPU time would add up the threads). An operation with an untimed preparation step
/// (relinearize in place needs a fresh product each time) is timed call by call. Allocated bytes per call come from
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> over the timed repetitions: the calling thread's (this process also
/// runs a console renderer, so a process-wide count would not be the operation's; BenchmarkDotNet's MemoryDiagnoser
/// counts process-wide and covers the pool's threads).
/// </remarks>
internal sealed class CkksBenchmark : IDisposable
{
    private readonly BenchmarkSettings _settings;
    private readonly SecretKey _secretKey;
    private readonly Encryptor _publicEncryptor;
    private readonly Encryptor _secretEncryptor;
    private readonly Decryptor _decryptor;
    private readonly CkksEncoder _encoder;
    private readonly CkksEvaluator _evaluator;
    private readonly RnsBasis _basis;
    private readonly double[] _values;
    private readonly double[] _decoded;
    private readonly ulong[] _limb;
    private readonly RnsPoly _poly;
    private readonly Plaintext _plaintext;
    private readonly Plaintext _decrypted;
    private readonly Ciphertext _a, _b, _product, _relinearized, _inPlace, _destination;

    /// <summary>Generates keys and inputs for <paramref name="parameters"/> (which may be an insecure test set).</summary>
    public CkksBenchmark(CkksParameters parameters, BenchmarkSettings settings, int seed = 20240601)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Repetitions < 1) throw new ArgumentOutOfRangeException(nameof(settings), "bench: at least one repetition.");
        Parameters = parameters;
        _settings = settings;
        var rlwe = parameters.Rlwe;
        int level = parameters.MaxLevel, n = parameters.N;
        double scale = parameters.DefaultScale;
        var random = new Random(seed);

        using (var generator = new KeyGenerator(rlwe))
        {
            _secretKey = generator.GenerateSecretKey();
            var publicKey = generator.GeneratePublicKey(_secretKey);
            var relinearizationKey = generator.GenerateRelinearizationKey(_secretKey);
            var galoisKeys = generator.GenerateGaloisKeys(_secretKey,
                [GaloisElements.ForRotation(parameters.LogN, 1), GaloisElements.ForConjugation(parameters.LogN)]);
            _publicEncryptor = new Encryptor(rlwe, publicKey);
            _evaluator = new CkksEvaluator(parameters, relinearizationKey, galoisKeys);
        }
        _secretEncryptor = new Encryptor(rlwe, _secretKey);
        _decryptor = new Decryptor(rlwe, _secretKey);
        _encoder = new CkksEncoder(parameters);
        _basis = rlwe.Ring.Q(level);

        _values = new double[parameters.Slots];
        for (int i = 0; i < _values.Length; i++) _values[i] = random.NextDouble() * 2 - 1;
        _decoded = new double[parameters.Slots];
        _limb = new ulong[n];
        _poly = new RnsPoly(n, level + 1);
        for (int i = 0; i <= level; i++)
        {
            ulong q = _basis.Moduli[i].Value;
            Span<ulong> limb = _poly.Limb(i);
            for (int k = 0; k < n; k++) limb[k] = (ulong)random.NextInt64((long)q);
        }
        _poly.Limb(0).CopyTo(_limb);

        _plaintext = new Plaintext(rlwe, level, scale);
        _encoder.Encode(_values, level, scale, _plaintext);
        _decrypted = new Plaintext(rlwe, level, scale);
        _a = _publicEncryptor.Encrypt(_plaintext);
        var other = new double[parameters.Slots];
        for (int i = 0; i < other.Length; i++) other[i] = random.NextDouble() * 2 - 1;
        var otherPlaintext = new Plaintext(rlwe, level, scale);
        _encoder.Encode(other, level, scale, otherPlaintext);
        _b = _publicEncryptor.Encrypt(otherPlaintext);
        _product = _evaluator.Multiply(_a, _b);
        _relinearized = _evaluator.MultiplyRelinearize(_a, _b);
        _inPlace = _evaluator.NewCiphertext(level, scale);
        _destination = _evaluator.NewCiphertext(level, scale);
    }

    /// <summary>The parameter set being measured.</summary>
    public CkksParameters Parameters { get; }

    /// <summary>Times every operation in <paramref name="operations"/> in order on <paramref name="threads"/> threads;
    /// <paramref name="starting"/> is called before each one (for progress reporting).</summary>
    public IReadOnlyList<OperationTiming> Run(IEnumerable<BenchmarkOperation> operations, int threads = 1, Action<BenchmarkOperation>? starting = null)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var timings = new List<OperationTiming>();
        foreach (var operation in operations)
        {
            starting?.Invoke(operation);
            timings.Add(Run(operation, threads));
        }
        return timings;
    }

    /// <summary>Times one operation on <paramref name="threads"/> threads (<see cref="RingParallelism.ThreadCount"/>,
    /// restored afterwards).</summary>
    public OperationTiming Run(BenchmarkOperation operation, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var (call, prepare) = Build(operation.Id);
        int saved = RingParallelism.ThreadCount;
        RingParallelism.ThreadCount = threads;
        try
        {
            return Measure(operation.Id, call, prepare, threads);
        }
        finally
        {
            RingParallelism.ThreadCount = saved;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _publicEncryptor.Dispose();
        _secretEncryptor.Dispose();
        _secretKey.Dispose();
    }

    private (Action Call, Action? Prepare) Build(string id)
    {
        var table = _basis.Tables[0];
        int level = Parameters.MaxLevel;
        double scale = Parameters.DefaultScale;
        return id switch
        {
            "ntt-forward" => (() => table.Forward(_limb), null),
            "ntt-forward-lazy" => (() => table.ForwardLazy(_limb), null),
            "ntt-inverse" => (() => table.Inverse(_limb), null),
            "ntt-forward-all" => (() => _basis.Forward(_poly), null),
            "ntt-inverse-all" => (() => _basis.Inverse(_poly), null),
            "encode" => (() => _encoder.Encode(_values, level, scale, _plaintext), null),
            "decode" => (() => _encoder.Decode(_plaintext, _decoded.AsSpan()), null),
            "encrypt-pk" => (() => _publicEncryptor.Encrypt(_plaintext, _destination), null),
            "encrypt-sk" => (() => _secretEncryptor.Encrypt(_plaintext, _destination), null),
            "decrypt" => (() => _decryptor.Decrypt(_a, _decrypted), null),
            "add" => (() => _evaluator.Add(_a, _b, _destination), null),
            "multiply-plain" => (() => _evaluator.MultiplyPlain(_a, _plaintext, _destination), null),
            "multiply" => (() => _evaluator.Multiply(_a, _b, _destination), null),
            "relinearize" => (() => _evaluator.Relinearize(_inPlace, _inPlace), () => _product.CopyTo(_inPlace)),
            "multiply-relinearize" => (() => _evaluator.MultiplyRelinearize(_a, _b, _destination), null),
            "rescale" => (() => _evaluator.Rescale(_relinearized, _destination), null),
            "rotate" => (() => _evaluator.Rotate(_a, 1, _destination), null),
            "conjugate" => (() => _evaluator.Conjugate(_a, _destination), null),
            _ => throw new ArgumentException($"bench: no Vault implementation for operation '{id}'.", nameof(id)),
        };
    }

    private OperationTiming Measure(string id, Action call, Action? prepare, int threads)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Warm-up: promotes the JIT tiers and estimates one call.
        long warmupTicks = (long)(_settings.WarmupTime.TotalSeconds * Stopwatch.Frequency);
        long start = Stopwatch.GetTimestamp(), callTicks = 0, warmupCalls = 0;
        do
        {
            prepare?.Invoke();
            long t0 = Stopwatch.GetTimestamp();
            call();
            callTicks += Stopwatch.GetTimestamp() - t0;
            warmupCalls++;
        }
        while (warmupCalls < 2 || Stopwatch.GetTimestamp() - start < warmupTicks);
        double ticksPerCall = Math.Max(1.0, (double)callTicks / warmupCalls);
        long calls = Math.Max(1, (long)Math.Ceiling(_settings.MinRepetitionTime.TotalSeconds * Stopwatch.Frequency / ticksPerCall));

        var perCall = new double[_settings.Repetitions];
        var wallPerCall = new double[_settings.Repetitions];
        bool cpu = CpuClock.IsAvailable && threads == 1;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < perCall.Length; r++)
        {
            long ticks = 0, nanoseconds = 0;
            if (prepare is null)
            {
                long c0 = CpuClock.Nanoseconds(), t0 = Stopwatch.GetTimestamp();
                for (long i = 0; i < calls; i++) call();
                ticks = Stopwatch.GetTimestamp() - t0;
                nanoseconds = CpuClock.Nanoseconds() - c0;
            }
            else
            {
                for (long i = 0; i < calls; i++)
                {
                    prepare();
                    long c0 = CpuClock.Nanoseconds(), t0 = Stopwatch.GetTimestamp();
                    call();
                    ticks += Stopwatch.GetTimestamp() - t0;
                    nanoseconds += CpuClock.Nanoseconds() - c0;
                }
            }
            wallPerCall[r] = ticks * 1e6 / Stopwatch.Frequency / calls;
            perCall[r] = cpu ? nanoseconds / 1e3 / calls : wallPerCall[r];
        }
        double allocated = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (calls * perCall.Length);

        double mean = perCall.Average();
        double variance = perCall.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, perCall.Length - 1);
        var sorted = perCall.Order().ToArray();
        return new OperationTiming(id, cpu ? "process-cpu" : "wall", Median(perCall), sorted[0], sorted[^1],
            mean > 0 ? Math.Sqrt(variance) / mean : 0, Median(wallPerCall), perCall.Length, calls, allocated);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
