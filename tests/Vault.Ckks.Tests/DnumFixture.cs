using System.Collections.Concurrent;
using Vault.Testing;

namespace Vault.Ckks.Tests;

/// <summary>The insecure N = 2^10, L = 4 sets with dnum = 1, 2 and L + 1 (see <see cref="InsecureTestParameters"/>),
/// built on first use and shared by a test class.</summary>
public sealed class DnumFixture : IDisposable
{
    private readonly ConcurrentDictionary<int, Lazy<CkksTestContext>> _contexts = new();

    public CkksTestContext ForDnum(int dnum) => _contexts.GetOrAdd(dnum, d => new Lazy<CkksTestContext>(() => new CkksTestContext(d switch
    {
        1 => InsecureTestParameters.LogN10Dnum1,
        2 => InsecureTestParameters.LogN10Dnum2,
        _ => InsecureTestParameters.LogN10Dnum5,
    }, salt: 2000 + d, rotationSteps: [5]))).Value;

    public void Dispose()
    {
        foreach (var context in _contexts.Values)
            if (context.IsValueCreated) context.Value.Dispose();
    }
}
