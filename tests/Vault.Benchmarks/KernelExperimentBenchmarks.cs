using BenchmarkDotNet.Attributes;
using Vault.Ring;

namespace Vault.Benchmarks;

/// <summary>Vault's kernels against the branch-free variants in <see cref="BranchlessKernels"/>, on SEAL's default
/// chains (an experiment for the README's findings; nothing in src uses the variants).</summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class KernelExperimentBenchmarks : FixtureBenchmark
{
    private ulong[] _shoup = null!;
    private RnsPoly _sum = null!;

    /// <summary>log2(N).</summary>
    [Params(13, 14, 15)]
    public int LogN { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Build(Chains.Seal(LogN));
        _shoup = BranchlessKernels.RootsShoup(Fixture.Basis.Tables[0]);
        _sum = new RnsPoly(Fixture.Parameters.N, Fixture.Parameters.MaxLevel + 1);
        Verify(Fixture);
    }

    [Benchmark(Baseline = true)]
    public void VaultForwardLazyOneLimb() => Fixture.Basis.Tables[0].ForwardLazy(Fixture.Limb);

    [Benchmark]
    public void BranchlessForwardLazyOneLimb() =>
        BranchlessKernels.ForwardLazy(Fixture.Limb, Fixture.Basis.Tables[0].Roots, _shoup, Fixture.Basis.Moduli[0].Value);

    [Benchmark]
    public void VaultAddPoly() => Fixture.Basis.Add(Fixture.A[0], Fixture.B[0], _sum);

    [Benchmark]
    public void BranchlessAddPoly() => BranchlessKernels.Add(Fixture.Basis, Fixture.A[0], Fixture.B[0], _sum);

    /// <summary>Throws unless both variants give Vault's exact outputs.</summary>
    internal static void Verify(CkksFixture fixture)
    {
        var table = fixture.Basis.Tables[0];
        ulong[] expected = fixture.Poly.Limb(1).ToArray(), actual = (ulong[])expected.Clone();
        table.ForwardLazy(expected);
        BranchlessKernels.ForwardLazy(actual, table.Roots, BranchlessKernels.RootsShoup(table), table.Modulus.Value);
        if (!expected.AsSpan().SequenceEqual(actual)) throw new InvalidOperationException("branch-free forward NTT differs from Vault's");
        int n = fixture.Parameters.N, limbs = fixture.Parameters.MaxLevel + 1;
        RnsPoly vault = new(n, limbs), branchless = new(n, limbs);
        fixture.Basis.Add(fixture.A[0], fixture.B[0], vault);
        BranchlessKernels.Add(fixture.Basis, fixture.A[0], fixture.B[0], branchless);
        if (!vault.Coefficients.SequenceEqual(branchless.Coefficients)) throw new InvalidOperationException("branch-free add differs from Vault's");
    }
}
