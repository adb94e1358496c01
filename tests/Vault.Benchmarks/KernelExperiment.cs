using System.Globalization;

namespace Vault.Benchmarks;

/// <summary><c>experiment [13,14,15]</c>: a quick thread-CPU-time comparison of Vault's kernels with the branch-free
/// variants (the BenchmarkDotNet version is <see cref="KernelExperimentBenchmarks"/>).</summary>
internal static class KernelExperiment
{
    public static int Run(string[] args)
    {
        int[] sizes = args.Length > 0 ? [.. args[0].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : [13, 14, 15];
        Console.WriteLine("| N | Vault forward NTT, 1 limb, lazy µs | branch-free µs | speed-up | Vault add, 1 poly of L+1 limbs µs | branch-free µs | speed-up |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (int logN in sizes)
        {
            using var f = new CkksFixture(Chains.Seal(logN));
            KernelExperimentBenchmarks.Verify(f);
            var table = f.Basis.Tables[0];
            ulong[] shoup = BranchlessKernels.RootsShoup(table);
            ulong q = table.Modulus.Value;
            var sum = new Vault.Ring.RnsPoly(f.Parameters.N, f.Parameters.MaxLevel + 1);
            double vaultNtt = PhaseProfile.Median(() => table.ForwardLazy(f.Limb));
            double branchlessNtt = PhaseProfile.Median(() => BranchlessKernels.ForwardLazy(f.Limb, table.Roots, shoup, q));
            double vaultAdd = PhaseProfile.Median(() => f.Basis.Add(f.A[0], f.B[0], sum));
            double branchlessAdd = PhaseProfile.Median(() => BranchlessKernels.Add(f.Basis, f.A[0], f.B[0], sum));
            Console.WriteLine($"| 2^{logN} | {vaultNtt:F1} | {branchlessNtt:F1} | {vaultNtt / branchlessNtt:F2}× | {vaultAdd:F1} | {branchlessAdd:F1} | {vaultAdd / branchlessAdd:F2}× |");
        }
        return 0;
    }
}
