using Vault.Ckks;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.ML;

/// <summary>Gradient descent with Nesterov's acceleration on encrypted design rows, after Kim, Song, Kim, Lee and
/// Cheon (BMC Med Genomics 2018): the engine holds only public keys and never decrypts.</summary>
/// <remarks>
/// <para><b>Packing.</b> Rows in the doubled <see cref="SlotLayout"/> [z, z] per block of 2f slots; the look-ahead
/// weights ṽ = v/R replicated the same way. One step, per data ciphertext Z:</para>
/// <list type="number">
/// <item>P = Z ⊙ Ṽ, then a rotation-sum over f slots (log2 f rotations): w = z·v/R in the first half of every block
/// (1 level).</item>
/// <item>z' = Z ⊙ mask: the first half of every block, times c_t·g̃_d·p_j with c_t = κ_t·γ_t/(n·R) and p_j the
/// diagonal preconditioner (<see cref="TrainingOptions.StepScales"/>); this plaintext product runs on Z's spare
/// levels, so it costs no depth, and the preconditioner rides on it for free.</item>
/// <item>c_t·g(u)·z = z'·(Σ_k (g̃_k/g̃_d)·w^k) with g̃_k = g_k·R^k, grouped for minimal depth: A = w·z', y = w²,
/// then A·(k_1 + y + …): 1 level for degree 1, 2 for degree 3, 3 for degrees 5 and 7.</item>
/// <item>The terms of all data ciphertexts are added and summed over rows by rotations of f, 2f, …, N/4: the second
/// halves are zero, so this also copies the step into both halves of every block (log2(N/2f) + 1 rotations).</item>
/// <item>Nesterov's update is linear with public coefficients: ṽ_(t+1) = ṽ_1 + Σ_s (C[t+1,s]/κ_s)·e_s, where κ_t
/// was folded into step t so the newest step enters with weight one and no level; older steps have spare levels.</item>
/// </list>
/// <para>Depth per step: 1 + (1, 2, 3, 3) for degree (1, 3, 5, 7). Scales are set exactly (see
/// <see cref="CkksEvaluator.MultiplyConstantRescale(Ciphertext, double, double, Ciphertext)"/>): w is always at Δ,
/// and the mask's scale is chosen so z' carries its small values with a full Δ of precision.</para>
/// <para>On the host, data ciphertexts are processed in parallel, one <see cref="CkksEvaluator"/> per thread. On a ring
/// backend (a GPU), the data ciphertexts are uploaded once, every step runs on the device through one
/// <see cref="BackendCkksEvaluator"/>, and only the model comes back; the result is bit-identical to the host's.</para>
/// </remarks>
public sealed class EncryptedGradientDescent
{
    private const double MaxBoostLog2 = 12;

    private readonly CkksParameters _parameters;
    private readonly RelinearizationKey _relinearizationKey;
    private readonly GaloisKeys _galoisKeys;
    private readonly IRingBackend? _backend;
    private readonly Worker<Ciphertext, Plaintext>[] _hostWorkers;     // empty on a backend; reused by every Train
    private readonly CkksEncoder _encoder;

    /// <summary>An engine on the host, holding public evaluation material only.</summary>
    /// <param name="parameters">The CKKS parameters.</param>
    /// <param name="relinearizationKey">The relinearization key.</param>
    /// <param name="galoisKeys">Galois keys for <see cref="RotationSteps"/>.</param>
    /// <param name="threads">Worker threads (0: one per core).</param>
    public EncryptedGradientDescent(CkksParameters parameters, RelinearizationKey relinearizationKey, GaloisKeys galoisKeys, int threads = 0)
        : this(parameters, relinearizationKey, galoisKeys, null, threads)
    {
    }

    /// <summary>An engine whose steps run on <paramref name="backend"/> (bound to <c>parameters.Rlwe.Ring</c>): the keys
    /// and the data are uploaded at the start of each <see cref="Train"/> and freed at its end.</summary>
    /// <param name="parameters">The CKKS parameters.</param>
    /// <param name="relinearizationKey">The relinearization key.</param>
    /// <param name="galoisKeys">Galois keys for <see cref="RotationSteps"/>.</param>
    /// <param name="backend">The ring backend (the caller disposes it).</param>
    public EncryptedGradientDescent(CkksParameters parameters, RelinearizationKey relinearizationKey, GaloisKeys galoisKeys, IRingBackend backend)
        : this(parameters, relinearizationKey, galoisKeys, backend ?? throw new ArgumentNullException(nameof(backend)), 1)
    {
    }

    private EncryptedGradientDescent(CkksParameters parameters, RelinearizationKey relinearizationKey, GaloisKeys galoisKeys, IRingBackend? backend, int threads)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(relinearizationKey);
        ArgumentNullException.ThrowIfNull(galoisKeys);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        parameters.CheckId(relinearizationKey.ParameterId, "EncryptedGradientDescent");
        parameters.CheckId(galoisKeys.ParameterId, "EncryptedGradientDescent");
        if (backend is not null && !ReferenceEquals(backend.Ring, parameters.Rlwe.Ring))
            throw new ArgumentException("EncryptedGradientDescent: the backend is bound to another ring than the parameters'.", nameof(backend));
        _parameters = parameters;
        _relinearizationKey = relinearizationKey;
        _galoisKeys = galoisKeys;
        _backend = backend;
        _hostWorkers = new Worker<Ciphertext, Plaintext>[backend is null ? (threads > 0 ? threads : Environment.ProcessorCount) : 0];
        for (int i = 0; i < _hostWorkers.Length; i++)
        {
            var evaluator = new CkksEvaluator(parameters, relinearizationKey, galoisKeys);
            _hostWorkers[i] = new Worker<Ciphertext, Plaintext>(evaluator, new CiphertextPool<Ciphertext, Plaintext>(evaluator));
        }
        _encoder = new CkksEncoder(parameters);
    }

    /// <summary>The rotation steps a job in <paramref name="layout"/> needs Galois keys for: 1, 2, …, N/4 (the
    /// rotation-sums over f slots and over the N/(2f) row blocks).</summary>
    /// <remarks>Radix-4 hoisted sums (<see cref="CkksEvaluator.InnerSumHoisted"/>) were measured at N = 2^15, dnum 6:
    /// at most 10% faster at the top levels, slower at the bottom ones, for 7 more Galois keys, so the plain doubling
    /// sums are used.</remarks>
    public static IReadOnlyList<int> RotationSteps(SlotLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return [.. CkksEvaluator.InnerSumSteps(1, layout.Stride), .. CkksEvaluator.InnerSumSteps(layout.Stride, layout.Slots / layout.Stride)];
    }

    /// <summary>Levels one step of degree <paramref name="degree"/> consumes (1 for the inner product + the polynomial).</summary>
    public static int LevelsPerIteration(int degree) => 1 + ChainDepth(degree);

    /// <summary>Levels of the row polynomial: 1, 2, 3, 3 for degree 1, 3, 5, 7.</summary>
    public static int ChainDepth(int degree) => degree switch
    {
        1 => 1,
        3 => 2,
        5 or 7 => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(degree), $"ChainDepth: degree {degree} is not 1, 3, 5 or 7."),
    };

    /// <summary>Runs the K steps of <paramref name="problem"/> on <paramref name="data"/> (design rows, doubled layout,
    /// encrypted at the top level).</summary>
    /// <exception cref="JobPlanException">The job needs more levels than the ciphertexts have.</exception>
    /// <exception cref="DatasetException">The layout does not match the problem.</exception>
    public EncryptedTrainingResult Train(GradientProblem problem, EncryptedDataset data, IProgress<TrainingProgress>? progress = null,
        bool keepIterates = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(data);
        var layout = data.Layout;
        if (!layout.Doubled || layout.Columns != problem.Columns || layout.Slots != _parameters.Slots)
            throw new DatasetException(DatasetProblem.ColumnCountMismatch,
                $"Train: the encrypted dataset has {layout.Columns} columns per row ({(layout.Doubled ? "doubled" : "plain")} layout, {layout.Slots} slots); " +
                $"the job needs {problem.Columns} in the doubled layout with {_parameters.Slots} slots.");
        var schedule = problem.Schedule;
        int iterations = schedule.Iterations, degree = problem.RowPolynomial.Length - 1;
        int perIteration = LevelsPerIteration(degree);
        int top = data.Ciphertexts[0].Level;
        foreach (var ct in data.Ciphertexts)
            if (ct.Level != top) throw new DatasetException(DatasetProblem.ColumnCountMismatch, "Train: the data ciphertexts sit at different levels.");
        if (iterations * perIteration > top)
            throw new JobPlanException(
                $"Train: {iterations} iterations at degree {degree} need {iterations * perIteration} levels ({perIteration} per iteration) but the data is at level {top}; " +
                $"use at most {top / perIteration} iterations, a lower degree, or larger parameters.");

        double radius = problem.Radius;
        var scaled = new double[degree + 1];
        for (int k = 0; k <= degree; k++) scaled[k] = problem.RowPolynomial[k] * Math.Pow(radius, k);
        double lead = scaled[degree];
        var ratios = new double[degree + 1];
        for (int k = 0; k <= degree; k++) ratios[k] = scaled[k] / lead;
        for (int k = 2; k < degree; k += 2)
            if (ratios[k] != 0) throw new ArgumentException("Train: the row polynomial must be odd apart from its constant term.", nameof(problem));

        var initial = new double[problem.Columns];
        bool initialIsZero = true;
        for (int j = 0; j < initial.Length; j++)
        {
            initial[j] = problem.InitialWeights[j] / radius;
            initialIsZero &= initial[j] == 0;
        }
        var initialSlots = layout.Replicate(initial);
        var plan = new Plan(problem, layout, data.Rows, top, data.Ciphertexts[0].Scale, degree, lead, ratios, initial, initialSlots, initialIsZero, keepIterates);
        if (_backend is null)
        {
            var (output, iterates) = Run(plan, _hostWorkers, data.Ciphertexts, progress, cancellationToken);
            return new EncryptedTrainingResult(problem, layout, output, iterates);
        }

        using var device = new BackendCkksEvaluator(_parameters, _backend, _relinearizationKey, _galoisKeys);
        using var pool = new CiphertextPool<DeviceCiphertext, DevicePlaintext>(device);
        var uploaded = new List<DeviceCiphertext>(data.Ciphertexts.Count);
        try
        {
            foreach (var ct in data.Ciphertexts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                uploaded.Add(device.Upload(ct));
            }
            var (output, iterates) = Run(plan, [new Worker<DeviceCiphertext, DevicePlaintext>(device, pool)], uploaded, progress, cancellationToken);
            try
            {
                return new EncryptedTrainingResult(problem, layout, device.Download(output), [.. iterates.Select(device.Download)]);
            }
            finally
            {
                output.Dispose();
                foreach (var iterate in iterates) iterate.Dispose();
            }
        }
        finally
        {
            foreach (var ct in uploaded) ct.Dispose();
        }
    }

    /// <summary>What a job's steps need besides the data: the problem, the packing and the constants derived from them.</summary>
    private sealed record Plan(GradientProblem Problem, SlotLayout Layout, int Rows, int Top, double ZScale, int Degree, double Lead, double[] Ratios,
        double[] Initial, double[] InitialSlots, bool InitialIsZero, bool KeepIterates);

    private readonly record struct Worker<TCiphertext, TPlaintext>(ICkksEvaluator<TCiphertext, TPlaintext> Evaluator, CiphertextPool<TCiphertext, TPlaintext> Pool)
        where TCiphertext : class, ILeveledCiphertext
        where TPlaintext : class;

    /// <summary>The K steps on either representation: returns the model and, when asked for, the iterates (new
    /// ciphertexts the caller owns); every other ciphertext and plaintext made here is released before returning.</summary>
    private (TCiphertext Output, List<TCiphertext> Iterates) Run<TCiphertext, TPlaintext>(Plan plan, Worker<TCiphertext, TPlaintext>[] workers,
        IReadOnlyList<TCiphertext> data, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
        where TCiphertext : class, ILeveledCiphertext
        where TPlaintext : class
    {
        var problem = plan.Problem;
        var layout = plan.Layout;
        var schedule = problem.Schedule;
        int iterations = schedule.Iterations, degree = plan.Degree;
        double delta = _parameters.DefaultScale, radius = problem.Radius;
        var main = workers[0].Evaluator;
        var steps = new List<TCiphertext>();
        var iterates = new List<TCiphertext>();
        TCiphertext? lookahead = null;
        TCiphertext? output = null;
        int levelV = plan.Top;
        try
        {
            for (int t = 1; t <= iterations; t++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double fold = schedule.StepFold(t), gamma = schedule.Gamma(t);
                double c = fold * gamma / (plan.Rows * radius);
                int levelW = levelV - 1;
                double qV = Prime(levelV);

                // Plaintexts for this step (encoded once, shared read-only by the workers).
                var maskValues = new double[problem.Columns];
                double maxMask = 0;
                for (int j = 0; j < maskValues.Length; j++)
                {
                    maskValues[j] = problem.IsTrainable(j) ? c * plan.Lead * problem.StepScale(j) : 0;     // D folded into the mask: no level
                    maxMask = Math.Max(maxMask, Math.Abs(maskValues[j]));
                }
                double boost = Math.Min(Math.Pow(2, MaxBoostLog2), Math.Max(1, 1 / maxMask));
                double zPrimeScale = delta * boost;
                double target = zPrimeScale * ChainScaleFactor(degree, levelW, delta);
                var initialPt = lookahead is null ? main.Load(Encode(plan.InitialSlots, levelV, delta * qV / plan.ZScale)) : null;
                var maskPt = main.Load(Encode(FirstHalves(layout, maskValues), levelV, zPrimeScale * qV / plan.ZScale));
                double zStepScale = lookahead is null ? 0 : delta * qV / lookahead.Scale;

                var terms = new TCiphertext[data.Count];
                int active = Math.Min(workers.Length, terms.Length);
                var currentLookahead = lookahead;
                bool zeroStart = lookahead is null && plan.InitialIsZero;
                foreach (var worker in workers) worker.Pool.ReturnAll();
                if (terms.Length == 1 && workers.Length > 1)
                {
                    // One data ciphertext: split its independent products between two workers instead.
                    terms[0] = Step(workers[0], workers[1], data[0], currentLookahead, initialPt, zStepScale, maskPt, layout, degree, plan.Ratios, levelV, target, zeroStart);
                }
                else
                {
                    Parallel.For(0, active, new ParallelOptions { MaxDegreeOfParallelism = active, CancellationToken = cancellationToken }, w =>
                    {
                        for (int b = w; b < terms.Length; b += active)
                            terms[b] = Step(workers[w], null, data[b], currentLookahead, initialPt, zStepScale, maskPt, layout, degree, plan.Ratios, levelV, target, zeroStart);
                    });
                }
                Release(initialPt);
                Release(maskPt);
                var e = main.NewCiphertext(terms[0].Level, terms[0].Scale);     // kept: it enters every later look-ahead
                steps.Add(e);
                main.Copy(terms[0], e);
                for (int b = 1; b < terms.Length; b++) main.Add(e, terms[b], e);
                main.InnerSum(e, layout.Stride, layout.Slots / layout.Stride, e);

                if (problem.Lambda > 0)
                {
                    var ridge = new double[problem.Columns];
                    for (int j = 0; j < ridge.Length; j++) ridge[j] = problem.IsPenalized(j) ? -fold * gamma * problem.StepScale(j) * problem.Lambda : 0;
                    if (lookahead is null)
                    {
                        var values = new double[problem.Columns];
                        for (int j = 0; j < values.Length; j++) values[j] = ridge[j] * plan.Initial[j];
                        AddEncoded(main, e, layout.Replicate(values));
                    }
                    else
                    {
                        var ridgePt = main.Load(Encode(layout.Replicate(ridge), levelV, e.Scale * qV / lookahead.Scale));
                        var penalty = workers[0].Pool.Rent();
                        main.MultiplyPlain(lookahead, ridgePt, penalty);
                        Release(ridgePt);
                        main.Rescale(penalty, penalty);
                        main.DropLevelTo(penalty, e.Level);
                        main.Add(e, penalty, e);
                    }
                }

                if (t < iterations)
                {
                    var next = Combine(main, steps, s => schedule.LookaheadCoefficient(t + 1, s) / schedule.StepFold(s), plan);
                    Release(lookahead);
                    lookahead = next;
                    levelV = lookahead.Level;
                    if (plan.KeepIterates)
                        iterates.Add(Combine(main, steps, s => schedule.BetaCoefficient(t + 1, s) / schedule.StepFold(s), plan));
                }
                else
                {
                    output = Combine(main, steps, s => schedule.BetaCoefficient(t + 1, s) / schedule.StepFold(s), plan);
                }
                progress?.Report(new TrainingProgress(t, iterations, t < iterations ? lookahead!.Level : output!.Level));
            }
            return (output!, iterates);
        }
        catch
        {
            Release(output);
            foreach (var iterate in iterates) Release(iterate);
            throw;
        }
        finally
        {
            Release(lookahead);
            foreach (var step in steps) Release(step);
        }
    }

    /// <summary>Disposes device ciphertexts and plaintexts (host ones need nothing).</summary>
    private static void Release(object? item) => (item as IDisposable)?.Dispose();

    /// <summary>Runs two independent parts on two workers when a helper is given, else one after the other.</summary>
    private static void Both(Action first, Action second, bool parallel)
    {
        if (parallel)
        {
            Parallel.Invoke(first, second);
        }
        else
        {
            first();
            second();
        }
    }

    /// <summary>One data ciphertext's contribution c_t·Σ_rows g(u)·z' (before the row sum), at exactly <paramref name="target"/>.
    /// Temporaries come from the workers' pools; with a <paramref name="helper"/>, independent products run on it
    /// concurrently (inputs are only read, so sharing them between evaluators is safe).</summary>
    private static TCiphertext Step<TCiphertext, TPlaintext>(Worker<TCiphertext, TPlaintext> main, Worker<TCiphertext, TPlaintext>? helper,
        TCiphertext z, TCiphertext? lookahead, TPlaintext? initialPt, double zStepScale, TPlaintext maskPt, SlotLayout layout, int degree,
        double[] ratios, int levelV, double target, bool zeroStart)
        where TCiphertext : class, ILeveledCiphertext
        where TPlaintext : class
    {
        var ev = main.Evaluator;
        var pool = main.Pool;
        var side = helper ?? main;
        bool split = helper is not null;
        if (zeroStart)
        {
            // β_1 = 0: every u is 0, so g(u)·z' = g_0·z' exactly (Kim et al.'s first step); same level and scale as
            // the general path, without its products and rotations (the top-level step is the most expensive one).
            var first = pool.Rent();
            ev.DropLevel(z, levelV, first);
            ev.MultiplyPlain(first, maskPt, first);
            ev.Rescale(first, first);
            ev.MultiplyConstantRescale(first, ratios[0], target, first);
            ev.DropLevelTo(first, levelV - EncryptedGradientDescent.LevelsPerIteration(degree));
            return first;
        }

        // 1. w = z·v/R in the first half of each block, at scale Δ and level ℓ_V − 1;
        // 2. z' = c_t·g̃_d·z in the first halves, at level ℓ_w (independent of w).
        var w = pool.Rent();
        var zPrime = side.Pool.Rent();
        Both(() =>
        {
            if (lookahead is null)
            {
                ev.MultiplyPlain(z, initialPt!, w);
                ev.Rescale(w, w);
            }
            else
            {
                var zt = pool.Rent();
                ev.DropLevel(z, levelV + 1, zt);                 // the scale change is cheaper on fewer primes
                ev.MultiplyConstantRescale(zt, 1.0, zStepScale, zt);
                ev.MultiplyRelinearizeRescale(zt, lookahead, w);
            }
            ev.InnerSum(w, 1, layout.Stride, w);
        }, () =>
        {
            side.Evaluator.DropLevel(z, levelV, zPrime);
            side.Evaluator.MultiplyPlain(zPrime, maskPt, zPrime);
            side.Evaluator.Rescale(zPrime, zPrime);
        }, split);

        // 3. z'·Σ_k k_k·w^k, grouped for minimal depth: A = w·z' and y = w² are independent.
        var a = side.Pool.Rent();
        var y = pool.Rent();
        Both(() => { if (degree > 1) ev.MultiplyRelinearizeRescale(w, w, y); },
             () => side.Evaluator.MultiplyRelinearizeRescale(w, zPrime, a), split);
        TCiphertext term;
        if (degree == 1)
        {
            term = a;
        }
        else
        {
            var ya = pool.Rent();
            var y2 = side.Pool.Rent();
            Both(() => ev.MultiplyRelinearizeRescale(y, a, ya),
                 () => { if (degree == 7) side.Evaluator.MultiplyRelinearizeRescale(y, y, y2); }, split);
            if (degree == 3)
            {
                term = ya;
            }
            else
            {
                var inner = pool.Rent();
                ev.MultiplyConstantRescale(a, ratios[degree - 2], ya.Scale, inner);
                ev.Add(inner, ya, inner);
                term = pool.Rent();
                ev.MultiplyRelinearizeRescale(degree == 5 ? y : y2, inner, term);
                if (degree == 7 && ratios[3] != 0)
                {
                    var t3 = pool.Rent();
                    ev.MultiplyConstantRescale(ya, ratios[3], term.Scale, t3);
                    ev.Add(term, t3, term);
                }
            }
            if (ratios[1] != 0)
            {
                var t1 = pool.Rent();
                ev.MultiplyConstantRescale(a, ratios[1], term.Scale, t1);
                ev.DropLevelTo(t1, term.Level);
                ev.Add(term, t1, term);
            }
        }
        if (Math.Abs(term.Scale - target) > 1e-9 * target)
            throw new InvalidOperationException($"Train: internal scale mismatch (2^{Math.Log2(term.Scale):F6} vs planned 2^{Math.Log2(target):F6}).");
        term.Scale = target;
        if (ratios[0] != 0)
        {
            var t0 = pool.Rent();
            ev.MultiplyConstantRescale(zPrime, ratios[0], target, t0);
            ev.DropLevelTo(t0, term.Level);
            ev.Add(term, t0, term);
        }
        return term;
    }

    /// <summary>The result scale of the row polynomial per unit of z' scale, with w at scale Δ and level ℓ_w.</summary>
    private double ChainScaleFactor(int degree, int levelW, double delta)
    {
        double sA = delta / Prime(levelW);
        if (degree == 1) return sA;
        double sY = delta * delta / Prime(levelW);
        double sYA = sY * sA / Prime(levelW - 1);
        return degree switch
        {
            3 => sYA,
            5 => sY * sYA / Prime(levelW - 2),
            _ => sY * sY / Prime(levelW - 1) * sYA / Prime(levelW - 2),
        };
    }

    /// <summary>ṽ_1 + Σ_s weight(s)·e_s at the newest step's scale (the newest weight is one except for snapshots), as a
    /// new ciphertext.</summary>
    private TCiphertext Combine<TCiphertext, TPlaintext>(ICkksEvaluator<TCiphertext, TPlaintext> ev, List<TCiphertext> steps, Func<int, double> weight, Plan plan)
        where TCiphertext : class, ILeveledCiphertext
        where TPlaintext : class
    {
        var newest = steps[^1];
        double target = newest.Scale;
        double w = weight(steps.Count);
        var acc = ev.NewCiphertext(newest.Level, target);
        try
        {
            if (Math.Abs(w - 1) < 1e-12) ev.Copy(newest, acc);
            else ev.MultiplyConstantRescale(newest, w, target, acc);
            for (int s = 1; s < steps.Count; s++)
            {
                double ws = weight(s);
                if (ws == 0) continue;
                var term = ev.NewCiphertext(steps[s - 1].Level, target);
                ev.MultiplyConstantRescale(steps[s - 1], ws, target, term);
                ev.DropLevelTo(term, acc.Level);
                ev.Add(acc, term, acc);
                Release(term);
            }
            if (!plan.InitialIsZero) AddEncoded(ev, acc, plan.InitialSlots);
            return acc;
        }
        catch
        {
            Release(acc);
            throw;
        }
    }

    /// <summary>ct += the encoding of <paramref name="values"/> at the ciphertext's level and scale.</summary>
    private void AddEncoded<TCiphertext, TPlaintext>(ICkksEvaluator<TCiphertext, TPlaintext> ev, TCiphertext ct, double[] values)
        where TCiphertext : class, ILeveledCiphertext
        where TPlaintext : class
    {
        var pt = ev.Load(Encode(values, ct.Level, ct.Scale));
        ev.AddPlain(ct, pt, ct);
        Release(pt);
    }

    private static double[] FirstHalves(SlotLayout layout, double[] values)
    {
        var v = new double[layout.Slots];
        for (int start = 0; start < layout.Slots; start += layout.BlockWidth) values.CopyTo(v, start);
        return v;
    }

    private Plaintext Encode(double[] values, int level, double scale)
    {
        var pt = new Plaintext(_parameters.Rlwe, level, scale);
        _encoder.Encode(values, level, scale, pt);
        return pt;
    }

    private double Prime(int level) => _parameters.Rlwe.QPrimes[level];
}
