using ILGPU;
using static Vault.Ring.Gpu.DeviceArithmetic;

namespace Vault.Ring.Gpu;

/// <summary>The ILGPU kernels of <see cref="GpuRingBackend"/>. Each is a static method over <see cref="ArrayView{T}"/>s;
/// one thread handles one coefficient (element-wise kernels) or one butterfly (NTT stages over global memory), across
/// all limbs of a basis at once: limb = index / N (or / (N/2)), and the limb's prime and twiddle offset come from
/// <see cref="LimbConstants"/>. The fused NTT kernels are explicitly grouped instead: one thread group per tile of one
/// limb (see <see cref="NttLaunchPlan"/>). The formulas are those of the CPU reference, so outputs are bit-exact.</summary>
internal static class RingKernels
{
    /// <summary>One forward (Cooley–Tukey, Harvey lazy) stage of half-size 2^<paramref name="logHalf"/> ≥ 1 on every
    /// limb, over global memory: input and output in [0, 4q). Threads: limbs · N/2.</summary>
    public static void ForwardStage(Index1D index, ArrayView<ulong> data, ArrayView<LimbConstants> limbs,
        ArrayView<ulong> roots, ArrayView<ulong> rootsShoup, int logN, int logHalf)
    {
        int limb = index >> (logN - 1);
        int butterfly = index & ((1 << (logN - 1)) - 1);
        int group = butterfly >> logHalf;
        int j = butterfly & ((1 << logHalf) - 1);
        int root = (1 << (logN - 1 - logHalf)) + group;      // groups of earlier stages come first, as on the CPU
        LimbConstants c = limbs[limb];
        int x = (limb << logN) + (group << (logHalf + 1)) + j;
        int y = x + (1 << logHalf);
        ForwardButterfly(data, x, y, roots[c.TableOffset + root], rootsShoup[c.TableOffset + root], c.Q, 0);
    }

    /// <summary>The forward stages of half-sizes Tile/2 … 1 (Tile = 2^<paramref name="logTile"/>), fused: each thread
    /// group loads one tile of one limb into shared memory, runs the stages with a group barrier after each, and writes
    /// the tile back. Input in [0, 4q), output in [0, q) (the last stage reduces). Explicitly grouped: groups = limbs ·
    /// N/Tile (group g is tile g, so limb = g / (N/Tile)); any power-of-two group size up to Tile/2.</summary>
    public static void ForwardFused(ArrayView<ulong> data, ArrayView<LimbConstants> limbs, ArrayView<ulong> roots,
        ArrayView<ulong> rootsShoup, int logN, int logTile)
    {
        var tile = SharedMemory.Allocate<ulong>(NttLaunchPlan.MaxTile);
        int tileInLimb = Grid.IdxX & ((1 << (logN - logTile)) - 1);
        LimbConstants c = limbs[Grid.IdxX >> (logN - logTile)];
        int offset = Grid.IdxX << logTile, size = 1 << logTile;
        for (int i = Group.IdxX; i < size; i += Group.DimX) tile[i] = data[offset + i];
        Group.Barrier();
        for (int logHalf = logTile - 1; logHalf >= 0; logHalf--)
        {
            for (int butterfly = Group.IdxX; butterfly < size >> 1; butterfly += Group.DimX)
            {
                int group = butterfly >> logHalf;
                int x = (group << (logHalf + 1)) + (butterfly & ((1 << logHalf) - 1));
                int root = c.TableOffset + (1 << (logN - 1 - logHalf)) + (tileInLimb << (logTile - 1 - logHalf)) + group;
                ForwardButterfly(tile, x, x + (1 << logHalf), roots[root], rootsShoup[root], c.Q, logHalf == 0 ? 1 : 0);
            }
            Group.Barrier();
        }
        for (int i = Group.IdxX; i < size; i += Group.DimX) data[offset + i] = tile[i];
    }

    /// <summary>Harvey's forward butterfly (v[x], v[y]) ← (v[x] + w·v[y], v[x] − w·v[y]): inputs in [0, 4q), outputs in
    /// [0, 4q), or in [0, q) when <paramref name="reduce"/> is non-zero.</summary>
    private static void ForwardButterfly(ArrayView<ulong> v, int x, int y, ulong w, ulong wShoup, ulong q, int reduce)
    {
        ulong twoQ = 2 * q;
        ulong xj = SubtractIfAtLeast(v[x], twoQ);               // [0, 2q)
        ulong t = MulShoupLazy(v[y], w, wShoup, q);             // [0, 2q)
        ulong sum = xj + t, difference = xj - t + twoQ;
        if (reduce != 0)
        {
            sum = SubtractIfAtLeast(SubtractIfAtLeast(sum, twoQ), q);
            difference = SubtractIfAtLeast(SubtractIfAtLeast(difference, twoQ), q);
        }
        v[x] = sum;
        v[y] = difference;
    }

    /// <summary>One inverse (Gentleman–Sande) stage of half-size 2^<paramref name="logHalf"/> &lt; N/2 on every limb,
    /// over global memory: input and output in [0, 2q). Threads: limbs · N/2.</summary>
    public static void InverseStage(Index1D index, ArrayView<ulong> data, ArrayView<LimbConstants> limbs,
        ArrayView<ulong> inverseRoots, ArrayView<ulong> inverseRootsShoup, int logN, int logHalf)
    {
        int limb = index >> (logN - 1);
        int butterfly = index & ((1 << (logN - 1)) - 1);
        int group = butterfly >> logHalf;
        int j = butterfly & ((1 << logHalf) - 1);
        int root = (1 << (logN - 1 - logHalf)) + group;      // m + i with m = N / 2^(logHalf + 1) groups
        LimbConstants c = limbs[limb];
        int x = (limb << logN) + (group << (logHalf + 1)) + j;
        int y = x + (1 << logHalf);
        InverseButterfly(data, x, y, inverseRoots[c.TableOffset + root], inverseRootsShoup[c.TableOffset + root], c.Q);
    }

    /// <summary>The inverse stages of half-sizes 1 … Tile/2 (Tile = 2^<paramref name="logTile"/>), fused in shared
    /// memory as in <see cref="ForwardFused"/>: input in [0, 2q); output in [0, 2q), or, when the tile is the whole limb
    /// (Tile = N), the last stage is <see cref="InverseLastStage"/>'s and the output is in [0, q). Explicitly grouped:
    /// groups = limbs · N/Tile.</summary>
    public static void InverseFused(ArrayView<ulong> data, ArrayView<LimbConstants> limbs, ArrayView<ulong> inverseRoots,
        ArrayView<ulong> inverseRootsShoup, int logN, int logTile)
    {
        var tile = SharedMemory.Allocate<ulong>(NttLaunchPlan.MaxTile);
        int tileInLimb = Grid.IdxX & ((1 << (logN - logTile)) - 1);
        LimbConstants c = limbs[Grid.IdxX >> (logN - logTile)];
        int offset = Grid.IdxX << logTile, size = 1 << logTile;
        for (int i = Group.IdxX; i < size; i += Group.DimX) tile[i] = data[offset + i];
        Group.Barrier();
        for (int logHalf = 0; logHalf < logTile; logHalf++)
        {
            for (int butterfly = Group.IdxX; butterfly < size >> 1; butterfly += Group.DimX)
            {
                int group = butterfly >> logHalf;
                int x = (group << (logHalf + 1)) + (butterfly & ((1 << logHalf) - 1));
                if (logHalf == logN - 1)
                {
                    LastInverseButterfly(tile, x, x + (1 << logHalf), c);
                }
                else
                {
                    int root = c.TableOffset + (1 << (logN - 1 - logHalf)) + (tileInLimb << (logTile - 1 - logHalf)) + group;
                    InverseButterfly(tile, x, x + (1 << logHalf), inverseRoots[root], inverseRootsShoup[root], c.Q);
                }
            }
            Group.Barrier();
        }
        for (int i = Group.IdxX; i < size; i += Group.DimX) data[offset + i] = tile[i];
    }

    /// <summary>The last inverse stage (half-size N/2), which folds in N^-1, then the reduction to [0, q), over global
    /// memory (used when N is larger than a tile). Threads: limbs · N/2.</summary>
    public static void InverseLastStage(Index1D index, ArrayView<ulong> data, ArrayView<LimbConstants> limbs, int logN)
    {
        int limb = index >> (logN - 1);
        int x = (limb << logN) + (index & ((1 << (logN - 1)) - 1));
        LastInverseButterfly(data, x, x + (1 << (logN - 1)), limbs[limb]);
    }

    /// <summary>The Gentleman–Sande butterfly (v[x], v[y]) ← (v[x] + v[y], w·(v[x] − v[y])): inputs and outputs in
    /// [0, 2q).</summary>
    private static void InverseButterfly(ArrayView<ulong> v, int x, int y, ulong w, ulong wShoup, ulong q)
    {
        ulong twoQ = 2 * q, xj = v[x], yj = v[y];
        v[x] = SubtractIfAtLeast(xj + yj, twoQ);
        v[y] = MulShoupLazy(xj - yj + twoQ, w, wShoup, q);
    }

    /// <summary>The last inverse butterfly (v[x], v[y]) ← (N^-1·(v[x] + v[y]), N^-1·ψ^-bitrev(1)·(v[x] − v[y])): inputs
    /// in [0, 2q), outputs in [0, q).</summary>
    private static void LastInverseButterfly(ArrayView<ulong> v, int x, int y, LimbConstants c)
    {
        ulong q = c.Q, xj = v[x], yj = v[y];
        v[x] = SubtractIfAtLeast(MulShoupLazy(xj + yj, c.InverseN, c.InverseNShoup, q), q);
        v[y] = SubtractIfAtLeast(MulShoupLazy(xj - yj + 2 * q, c.LastInverseRoot, c.LastInverseRootShoup, q), q);
    }

    /// <summary>d = (a + b) mod q_limb. Threads: limbs · N.</summary>
    public static void Add(Index1D index, ArrayView<ulong> a, ArrayView<ulong> b, ArrayView<ulong> d, ArrayView<LimbConstants> limbs, int logN) =>
        d[index] = DeviceArithmetic.Add(a[index], b[index], limbs[index >> logN].Q);

    /// <summary>d = (a − b) mod q_limb. Threads: limbs · N.</summary>
    public static void Subtract(Index1D index, ArrayView<ulong> a, ArrayView<ulong> b, ArrayView<ulong> d, ArrayView<LimbConstants> limbs, int logN) =>
        d[index] = Sub(a[index], b[index], limbs[index >> logN].Q);

    /// <summary>d = (−a) mod q_limb. Threads: limbs · N.</summary>
    public static void Negate(Index1D index, ArrayView<ulong> a, ArrayView<ulong> d, ArrayView<LimbConstants> limbs, int logN) =>
        d[index] = DeviceArithmetic.Negate(a[index], limbs[index >> logN].Q);

    /// <summary>d = a · b mod q_limb (Barrett). Threads: limbs · N.</summary>
    public static void Multiply(Index1D index, ArrayView<ulong> a, ArrayView<ulong> b, ArrayView<ulong> d, ArrayView<LimbConstants> limbs, int logN)
    {
        LimbConstants c = limbs[index >> logN];
        d[index] = Mul(a[index], b[index], c.Q, c.BarrettHi, c.BarrettLo);
    }

    /// <summary>d = d + a · b mod q_limb. Threads: limbs · N.</summary>
    public static void MultiplyAdd(Index1D index, ArrayView<ulong> a, ArrayView<ulong> b, ArrayView<ulong> d, ArrayView<LimbConstants> limbs, int logN)
    {
        LimbConstants c = limbs[index >> logN];
        d[index] = DeviceArithmetic.Add(d[index], Mul(a[index], b[index], c.Q, c.BarrettHi, c.BarrettLo), c.Q);
    }

    /// <summary>d = a · w_limb mod q_limb (Shoup), with scalars = (w_0, w_0', w_1, w_1', …). Threads: limbs · N.</summary>
    public static void MultiplyScalar(Index1D index, ArrayView<ulong> a, ArrayView<ulong> scalars, ArrayView<ulong> d, ArrayView<LimbConstants> limbs, int logN)
    {
        int limb = index >> logN;
        d[index] = MulShoup(a[index], scalars[2 * limb], scalars[2 * limb + 1], limbs[limb].Q);
    }

    /// <summary>d = a + c_limb mod q_limb, with scalars = (c_0, c_0', c_1, c_1', …) (the Shoup words are unused).
    /// Threads: limbs · N.</summary>
    public static void AddScalar(Index1D index, ArrayView<ulong> a, ArrayView<ulong> scalars, ArrayView<ulong> d, ArrayView<LimbConstants> limbs, int logN)
    {
        int limb = index >> logN;
        d[index] = DeviceArithmetic.Add(a[index], scalars[2 * limb], limbs[limb].Q);
    }

    /// <summary>d[k] = a[perm[k]] on every limb (X ↦ X^g in NTT form). Threads: limbs · N.</summary>
    public static void Permute(Index1D index, ArrayView<ulong> a, ArrayView<int> permutation, ArrayView<ulong> d, int logN)
    {
        int limb = index >> logN;
        d[index] = a[(limb << logN) + permutation[index & ((1 << logN) - 1)]];
    }

    /// <summary>Base conversion, step 1: t_i = x_i · (A/a_i)^-1 mod a_i. Threads: |A| · N.</summary>
    public static void ConvertScale(Index1D index, ArrayView<ulong> x, ArrayView<ulong> t, ArrayView<SourceLimb> source, int logN)
    {
        SourceLimb s = source[index >> logN];
        t[index] = MulShoup(x[index], s.InversePunctured, s.InversePuncturedShoup, s.A);
    }

    /// <summary>Centred conversion, step 2: v = round-half-even(Σ_i t_i / a_i), in double precision exactly as
    /// <see cref="BasisConverter.ConvertCentered"/> computes it (the sum is non-negative, so truncation is floor).
    /// Threads: N.</summary>
    public static void ConvertOverflow(Index1D index, ArrayView<ulong> t, ArrayView<SourceLimb> source, ArrayView<ulong> overflow, int sourceCount, int logN)
    {
        double fraction = 0;
        for (int i = 0; i < sourceCount; i++) fraction = AddProductUnfused(fraction, t[(i << logN) + index], source[i].InverseA);
        overflow[index] = RoundHalfEven(fraction);
    }

    /// <summary>Base conversion, step 3: y_j = Σ_i t_i · (A/a_i) mod b_j with 128-bit sums of up to 15 products, minus
    /// v · A mod b_j when <paramref name="centered"/> is non-zero. Threads: |B| · N.</summary>
    public static void ConvertOutput(Index1D index, ArrayView<ulong> t, ArrayView<ulong> punctured, ArrayView<TargetLimb> target,
        ArrayView<ulong> overflow, ArrayView<ulong> y, int sourceCount, int logN, int centered)
    {
        int j = index >> logN;
        int c = index & ((1 << logN) - 1);
        TargetLimb b = target[j];
        ulong result = 0;
        for (int start = 0; start < sourceCount; start += 15)
        {
            int end = start + 15 < sourceCount ? start + 15 : sourceCount;
            ulong lo = 0, hi = 0;
            for (int i = start; i < end; i++)
            {
                ulong ti = t[(i << logN) + c], w = punctured[j * sourceCount + i];
                ulong pLo = ti * w;
                lo += pLo;
                hi += MultiplyHigh(ti, w) + (lo < pLo ? 1UL : 0UL);
            }
            ulong partial = Reduce128(Reduce(hi, b.B, b.BarrettHi), lo, b.B, b.BarrettHi, b.BarrettLo);
            result = DeviceArithmetic.Add(result, partial, b.B);
        }
        if (centered != 0) result = Sub(result, MulShoup(overflow[c], b.ProductMod, b.ProductModShoup, b.B), b.B);
        y[index] = result;
    }

    /// <summary>(hi, lo) = a · b when <paramref name="first"/> is non-zero, else (hi, lo) += a · b, as 128-bit sums.
    /// Threads: limbs · N.</summary>
    public static void MultiplyAccumulateWide(Index1D index, ArrayView<ulong> a, ArrayView<ulong> b, ArrayView<ulong> lo, ArrayView<ulong> hi, int first)
    {
        ulong x = a[index], w = b[index];
        ulong pLo = x * w, pHi = MultiplyHigh(x, w);
        if (first != 0)
        {
            lo[index] = pLo;
            hi[index] = pHi;
            return;
        }
        ulong l = lo[index] + pLo;
        hi[index] += pHi + (l < pLo ? 1UL : 0UL);
        lo[index] = l;
    }

    /// <summary>d = (hi · 2^64 + lo) mod q_limb, or d + that when <paramref name="accumulate"/> is non-zero.
    /// Threads: limbs · N.</summary>
    public static void ReduceWide(Index1D index, ArrayView<ulong> lo, ArrayView<ulong> hi, ArrayView<ulong> d, ArrayView<LimbConstants> limbs, int logN, int accumulate)
    {
        LimbConstants c = limbs[index >> logN];
        ulong r = Reduce128(Reduce(hi[index], c.Q, c.BarrettHi), lo[index], c.Q, c.BarrettHi, c.BarrettLo);
        d[index] = accumulate != 0 ? DeviceArithmetic.Add(d[index], r, c.Q) : r;
    }
}
