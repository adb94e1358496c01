using Vault.Testing;

namespace Vault.Ckks.Tests;

/// <summary>One CKKS setup on the insecure N = 2^10 preset (L = 4, Δ = 2^45, dnum 3), shared by a test class:
/// relinearization key, power-of-two rotation keys, conjugation, and direct keys for the steps in
/// <see cref="DirectSteps"/>.</summary>
public sealed class LogN10Fixture : IDisposable
{
    /// <summary>Steps with their own Galois key (others are composed from powers of two).</summary>
    public static readonly int[] DirectSteps = [3, 7, 100, -5];

    public CkksTestContext Context { get; } = new(CkksParameterPresets.InsecureTestOnlyLogN10, salt: 1000, rotationSteps: DirectSteps);

    public void Dispose() => Context.Dispose();
}
