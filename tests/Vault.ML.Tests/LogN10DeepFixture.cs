using Vault.Testing;

namespace Vault.ML.Tests;

/// <summary>One insecure N = 2^10 context with 12 levels, every power-of-two rotation key and the hoisted
/// rotation-sum steps of the training layouts with 4 and 5 columns, shared by a test class.</summary>
public sealed class LogN10DeepFixture : IDisposable
{
    public CkksTestContext Context { get; } = new(MLTestData.LogN10Deep, salt: 5000, conjugation: false,
        rotationSteps: [.. new[] { 4, 5 }.SelectMany(c => EncryptedGradientDescent.RotationSteps(SlotLayout.Create(512, c, doubled: true))).Distinct()]);

    public void Dispose() => Context.Dispose();
}
