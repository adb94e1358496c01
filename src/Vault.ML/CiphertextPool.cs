using Vault.Ckks;
using Vault.Rlwe;

namespace Vault.ML;

/// <summary>Ciphertexts reused from one training step to the next (each is sized for the top level, ~3·(L+1)·N words),
/// so a job allocates a fixed working set instead of gigabytes of garbage. One pool per worker; not thread-safe.
/// Disposing it disposes its device ciphertexts.</summary>
internal sealed class CiphertextPool<TCiphertext, TPlaintext>(ICkksEvaluator<TCiphertext, TPlaintext> evaluator) : IDisposable
    where TCiphertext : class, ILeveledCiphertext
    where TPlaintext : class
{
    private readonly List<TCiphertext> _items = [];
    private int _next;

    /// <summary>A ciphertext owned by the pool until the next <see cref="ReturnAll"/>; the operation that writes into
    /// it sets its parts, level and scale.</summary>
    public TCiphertext Rent()
    {
        if (_next == _items.Count) _items.Add(evaluator.NewCiphertext(evaluator.Parameters.MaxLevel, 1));
        return _items[_next++];
    }

    /// <summary>Makes every rented ciphertext available again.</summary>
    public void ReturnAll() => _next = 0;

    /// <summary>Disposes the pooled ciphertexts that hold device memory.</summary>
    public void Dispose()
    {
        foreach (var item in _items) (item as IDisposable)?.Dispose();
        _items.Clear();
        _next = 0;
    }
}
