using System.Globalization;

namespace Vault.Testing;

/// <summary>Seeded randomness for tests: a fixed default seed, overridable with VAULT_TEST_SEED, and printed
/// in assertion messages so a failure can be replayed.</summary>
public static class TestSeed
{
    /// <summary>The seed in force for this test run.</summary>
    public static int Value { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("VAULT_TEST_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) ? s : 20261123;

    /// <summary>A <see cref="Random"/> seeded with <see cref="Value"/> mixed with <paramref name="salt"/>.</summary>
    public static Random Random(int salt = 0) => new(unchecked(Value * 31 + salt));

    /// <summary>A deterministic 32-byte seed for a <c>Prng</c>, derived from <see cref="Value"/> and <paramref name="salt"/>.</summary>
    public static byte[] PrngSeed(int salt = 0)
    {
        var seed = new byte[32];
        Random(salt).NextBytes(seed);
        return seed;
    }

    /// <summary>Text to append to assertion messages.</summary>
    public static string Describe => $"(VAULT_TEST_SEED={Value})";
}
