using Vault.Ckks;
using Vault.Rlwe;

namespace Vault.ML;

/// <summary>Ciphertexts reused from one training step to the next (each is sized for the top level, ~3·(L+1)·N words),
/// so a job allocates a fixed working set instead of gigabytes of garbage. One pool per worker; not thread-safe.</summary>
internal sealed class CiphertextPool(CkksEvaluator evaluator)
{
    private readonly List<Ciphertext> _items = [];
    private int _next;

    /// <summary>A ciphertext owned by the pool until the next <see cref="ReturnAll"/>.</summary>
    public Ciphertext Rent(int level, double scale)
    {
        if (_next == _items.Count) _items.Add(evaluator.NewCiphertext(evaluator.Parameters.MaxLevel, scale));
        var ct = _items[_next++];
        ct.Level = level;
        ct.Scale = scale;
        return ct;
    }

    /// <summary>Makes every rented ciphertext available again.</summary>
    public void ReturnAll() => _next = 0;
}
