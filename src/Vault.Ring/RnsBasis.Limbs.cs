using System.Numerics;

namespace Vault.Ring;

public sealed partial class RnsBasis
{
    /// <summary>Below this many residues an operation runs on the calling thread: waking the pool costs more.</summary>
    private const int ParallelThreshold = 1 << 15;

    private enum LimbOperation
    {
        Add,
        Sub,
        Negate,
        Multiply,
        MultiplyAdd,
        Tensor,
        MulScalar,
        AddScalar,
        Forward,
        Inverse,
        DivideRoundByLast,
    }

    /// <summary>Runs <paramref name="operation"/> on limbs [0, <paramref name="limbs"/>) (all of this basis by default),
    /// in parallel on the <see cref="WorkerPool"/> when the work is large enough. Each limb is computed the same way
    /// whichever thread runs it.</summary>
    private unsafe void ForEachLimb(LimbOperation operation, RnsPoly a, RnsPoly? b = null, RnsPoly? destination = null, RnsPoly? b0 = null,
        RnsPoly? b1 = null, RnsPoly? d1 = null, RnsPoly? d2 = null, BigInteger scalar = default, int limbs = -1, ReadOnlySpan<ulong> last = default)
    {
        if (limbs < 0) limbs = Count;
        var work = LimbWork.ForThisThread;
        fixed (ulong* pLast = last)
        {
            work.Set(this, operation, a, b, destination, b0, b1, d1, d2, scalar, pLast);
            try
            {
                bool heavy = operation is LimbOperation.Forward or LimbOperation.Inverse or LimbOperation.DivideRoundByLast or LimbOperation.Tensor;
                if (limbs > 1 && (long)limbs * N * (heavy ? 4 : 1) >= ParallelThreshold) WorkerPool.Shared.Run(work, limbs, int.MaxValue);
                else for (int i = 0; i < limbs; i++) work.Execute(i, 0);
            }
            finally
            {
                work.Clear();
            }
        }
    }

    private unsafe void RunLimb(LimbWork w, int i)
    {
        var m = _moduli[i];
        ulong q = m.Value;
        switch (w.Operation)
        {
            case LimbOperation.Add:
                ModularKernels.Add(w.A!.Limb(i), w.B!.Limb(i), w.Destination!.Limb(i), q);
                break;
            case LimbOperation.Sub:
                ModularKernels.Sub(w.A!.Limb(i), w.B!.Limb(i), w.Destination!.Limb(i), q);
                break;
            case LimbOperation.Negate:
                ModularKernels.Negate(w.A!.Limb(i), w.Destination!.Limb(i), q);
                break;
            case LimbOperation.Multiply:
                ModularKernels.Multiply(w.A!.Limb(i), w.B!.Limb(i), w.Destination!.Limb(i), m);
                break;
            case LimbOperation.MultiplyAdd:
                ModularKernels.MultiplyAdd(w.A!.Limb(i), w.B!.Limb(i), w.Destination!.Limb(i), m);
                break;
            case LimbOperation.Tensor:
                ModularKernels.Tensor(w.A!.Limb(i), w.B!.Limb(i), w.B0!.Limb(i), w.B1!.Limb(i), w.Destination!.Limb(i), w.D1!.Limb(i), w.D2!.Limb(i), m);
                break;
            case LimbOperation.MulScalar:
                {
                    ulong c = m.Reduce(w.Scalar);
                    ModularKernels.MulShoup(w.A!.Limb(i), c, m.ShoupPrecompute(c), w.Destination!.Limb(i), q);
                    break;
                }
            case LimbOperation.AddScalar:
                ModularKernels.AddScalar(w.A!.Limb(i), m.Reduce(w.Scalar), w.Destination!.Limb(i), q);
                break;
            case LimbOperation.Forward:
                _tables[i].Forward(w.A!.Limb(i));
                break;
            case LimbOperation.Inverse:
                _tables[i].Inverse(w.A!.Limb(i));
                break;
            case LimbOperation.DivideRoundByLast:
                {
                    Span<ulong> r = LimbWork.Scratch(N);
                    ModularKernels.ReduceSubScalar(new ReadOnlySpan<ulong>(w.Last, N), _lastHalf[i], r, m);   // (t − h) mod q_i
                    _tables[i].Forward(r);
                    ModularKernels.SubMulShoup(w.A!.Limb(i), r, _lastInverse[i], _lastInverseShoup[i], w.Destination!.Limb(i), q);
                    break;
                }
        }
    }

    /// <summary>The operation in progress on one calling thread, as pool work: one instance per thread, reused, so
    /// dispatching allocates nothing.</summary>
    private sealed unsafe class LimbWork : IParallelWork
    {
        [ThreadStatic]
        private static LimbWork? _current;

        [ThreadStatic]
        private static ulong[]? _scratch;

        private RnsBasis? _basis;

        public static LimbWork ForThisThread => _current ??= new LimbWork();

        public LimbOperation Operation { get; private set; }

        public RnsPoly? A { get; private set; }

        public RnsPoly? B { get; private set; }

        public RnsPoly? Destination { get; private set; }

        public RnsPoly? B0 { get; private set; }

        public RnsPoly? B1 { get; private set; }

        public RnsPoly? D1 { get; private set; }

        public RnsPoly? D2 { get; private set; }

        public BigInteger Scalar { get; private set; }

        /// <summary>The rescaled last limb (pinned by the caller for the duration of the operation).</summary>
        public ulong* Last { get; private set; }

        /// <summary>N words of scratch for the calling worker thread (allocated once per thread and size).</summary>
        public static Span<ulong> Scratch(int n)
        {
            if (_scratch is null || _scratch.Length < n) _scratch = new ulong[n];
            return _scratch.AsSpan(0, n);
        }

        public void Set(RnsBasis basis, LimbOperation operation, RnsPoly a, RnsPoly? b, RnsPoly? destination, RnsPoly? b0, RnsPoly? b1,
            RnsPoly? d1, RnsPoly? d2, BigInteger scalar, ulong* last)
        {
            _basis = basis;
            Operation = operation;
            A = a;
            B = b;
            Destination = destination;
            B0 = b0;
            B1 = b1;
            D1 = d1;
            D2 = d2;
            Scalar = scalar;
            Last = last;
        }

        public void Clear() => Set(null!, default, null!, null, null, null, null, null, null, default, null);

        public void Execute(int index, int worker) => _basis!.RunLimb(this, index);
    }
}
