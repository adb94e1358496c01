namespace Vault.Cli.Bench;

/// <summary>One timed CKKS operation. <see cref="Id"/> is shared by the Vault harness, <c>seal-bench.js</c>, the JSON
/// report and the embedded SEAL anchor; <see cref="Definition"/> says exactly what one call does (the anchor's definition).</summary>
internal sealed record BenchmarkOperation(string Id, string Title, string Definition);

/// <summary>The operations of <c>vault bench ckks</c>, in display order.</summary>
internal static class BenchmarkOperations
{
    public static BenchmarkOperation NttForward { get; } = new("ntt-forward", "NTT forward, 1 limb",
        "in place on N random residues mod q_0, output fully reduced to [0, q) (SEAL ntt_negacyclic_harvey)");

    public static BenchmarkOperation NttForwardLazy { get; } = new("ntt-forward-lazy", "NTT forward, 1 limb, lazy",
        "in place, output in [0, 4q) (SEAL ntt_negacyclic_harvey_lazy)");

    public static BenchmarkOperation NttInverse { get; } = new("ntt-inverse", "NTT inverse, 1 limb",
        "in place, output in [0, q) (SEAL inverse_ntt_negacyclic_harvey)");

    public static BenchmarkOperation NttForwardAll { get; } = new("ntt-forward-all", "NTT forward, all limbs",
        "every limb of a data-level polynomial (L + 1 primes), fully reduced");

    public static BenchmarkOperation NttInverseAll { get; } = new("ntt-inverse-all", "NTT inverse, all limbs",
        "every limb of a data-level polynomial, fully reduced");

    public static BenchmarkOperation Encode { get; } = new("encode", "Encode",
        "N/2 random reals in [−1, 1] → plaintext at the top level, scale 2^40 (NTT form)");

    public static BenchmarkOperation Decode { get; } = new("decode", "Decode",
        "plaintext → N/2 doubles");

    public static BenchmarkOperation EncryptPublic { get; } = new("encrypt-pk", "Encrypt, public key",
        "encoded plaintext → fresh ciphertext; includes sampling and NTTs");

    public static BenchmarkOperation EncryptSecret { get; } = new("encrypt-sk", "Encrypt, secret key",
        "encoded plaintext → fresh symmetric ciphertext (seeded c_1)");

    public static BenchmarkOperation Decrypt { get; } = new("decrypt", "Decrypt",
        "ciphertext → plaintext (c_0 + c_1·s in NTT form; no decode)");

    public static BenchmarkOperation Add { get; } = new("add", "Add ct + ct",
        "out of place into a reused destination");

    public static BenchmarkOperation MultiplyPlain { get; } = new("multiply-plain", "Multiply ct × pt",
        "out of place into a reused destination");

    public static BenchmarkOperation Multiply { get; } = new("multiply", "Multiply ct × ct, no relin",
        "3-part product, out of place into a reused destination");

    public static BenchmarkOperation Relinearize { get; } = new("relinearize", "Relinearize",
        "3 → 2 parts in place on a fresh copy of a product (the copy is not timed)");

    public static BenchmarkOperation MultiplyRelinearize { get; } = new("multiply-relinearize", "Multiply + relinearize",
        "product and relinearization into a reused destination");

    public static BenchmarkOperation Rescale { get; } = new("rescale", "Rescale",
        "relinearized product → next level, out of place (includes the copy)");

    public static BenchmarkOperation Rotate { get; } = new("rotate", "Rotate by 1",
        "left rotation by one slot with its own Galois key, out of place");

    public static BenchmarkOperation Conjugate { get; } = new("conjugate", "Conjugate",
        "complex conjugation (Galois element 2N − 1), out of place");

    /// <summary>All operations in display order.</summary>
    public static IReadOnlyList<BenchmarkOperation> All { get; } =
    [
        NttForward, NttForwardLazy, NttInverse, NttForwardAll, NttInverseAll, Encode, Decode, EncryptPublic, EncryptSecret,
        Decrypt, Add, MultiplyPlain, Multiply, Relinearize, MultiplyRelinearize, Rescale, Rotate, Conjugate,
    ];

    /// <summary>The operation with <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">There is none.</exception>
    public static BenchmarkOperation Get(string id) =>
        All.FirstOrDefault(o => o.Id == id)
        ?? throw new ArgumentException($"bench: unknown operation '{id}'; known: {string.Join(", ", All.Select(o => o.Id))}.", nameof(id));
}
