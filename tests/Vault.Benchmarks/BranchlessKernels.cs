using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Vault.Ring;

namespace Vault.Benchmarks;

/// <summary>An experiment, not library code: Vault's forward NTT butterfly and element-wise modular add with their
/// data-dependent conditional subtractions (<c>x ≥ 2q ? x − 2q : x</c>, <c>s ≥ q ? s − q : s</c>) written as
/// sign-mask arithmetic instead. RyuJIT (.NET 10) compiles Vault's ternaries inside these loops to compare-and-jump, which
/// mispredicts about half the time on uniformly random residues; the mask form has no branch. Everything else (loop
/// order, Shoup multiplication, table layout) is identical, and <see cref="KernelExperimentBenchmarks"/> checks that the
/// outputs match Vault's bit for bit before timing.</summary>
internal static class BranchlessKernels
{
    /// <summary>Shoup companions of <paramref name="table"/>'s roots (Vault keeps its own private).</summary>
    public static ulong[] RootsShoup(NttTable table)
    {
        var roots = table.Roots;
        var shoup = new ulong[roots.Length];
        for (int k = 0; k < roots.Length; k++) shoup[k] = table.Modulus.ShoupPrecompute(roots[k]);
        return shoup;
    }

    /// <summary>Same as <see cref="NttTable.ForwardLazy"/>: input and output in [0, 4q), q &lt; 2^62.</summary>
    public static void ForwardLazy(Span<ulong> values, ReadOnlySpan<ulong> rootTable, ReadOnlySpan<ulong> rootShoupTable, ulong q)
    {
        ulong twoQ = 2 * q;
        ref ulong a = ref MemoryMarshal.GetReference(values);
        ref ulong roots = ref MemoryMarshal.GetReference(rootTable);
        ref ulong rootsShoup = ref MemoryMarshal.GetReference(rootShoupTable);
        int n = values.Length, k = 1;
        for (int half = n >> 1; half >= 1; half >>= 1)
        {
            for (int start = 0; start < n; start += 2 * half, k++)
            {
                ulong w = Unsafe.Add(ref roots, k), wShoup = Unsafe.Add(ref rootsShoup, k);
                ref ulong x = ref Unsafe.Add(ref a, start);
                ref ulong y = ref Unsafe.Add(ref a, start + half);
                for (int j = 0; j < half; j++)
                {
                    ulong xj = Unsafe.Add(ref x, j) - twoQ;
                    xj += twoQ & (ulong)((long)xj >> 63);                                  // [0, 2q), no branch
                    ulong t = Modulus.MulShoupLazy(Unsafe.Add(ref y, j), w, wShoup, q);     // [0, 2q)
                    Unsafe.Add(ref x, j) = xj + t;
                    Unsafe.Add(ref y, j) = xj - t + twoQ;
                }
            }
        }
    }

    /// <summary>Same as <see cref="RnsBasis.Add"/> over the basis' limbs: d = (x + y) mod q_i, inputs in [0, q_i).</summary>
    public static void Add(RnsBasis basis, RnsPoly a, RnsPoly b, RnsPoly destination)
    {
        for (int i = 0; i < basis.Count; i++)
        {
            ulong q = basis.Moduli[i].Value;
            ReadOnlySpan<ulong> x = a.Limb(i), y = b.Limb(i);
            Span<ulong> d = destination.Limb(i);
            for (int j = 0; j < d.Length; j++)
            {
                ulong s = x[j] + y[j] - q;
                d[j] = s + (q & (ulong)((long)s >> 63));
            }
        }
    }
}
