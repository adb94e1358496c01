using Vault.Testing;

namespace Vault.ML.Tests;

/// <summary>One insecure N = 2^10 context with 12 levels and every power-of-two rotation key, shared by a test class.</summary>
public sealed class LogN10DeepFixture : IDisposable
{
    public CkksTestContext Context { get; } = new(MLTestData.LogN10Deep, salt: 5000, conjugation: false);

    public void Dispose() => Context.Dispose();
}
