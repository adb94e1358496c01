using BenchmarkDotNet.Attributes;

namespace Vault.Benchmarks;

/// <summary>Encryption from an encoded plaintext (sampling and NTTs included) and decryption to a plaintext (no decode).</summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class EncryptionBenchmarks : FixtureBenchmark
{
    /// <summary>log2(N).</summary>
    [Params(13, 14, 15)]
    public int LogN { get; set; }

    [GlobalSetup]
    public void Setup() => Build(Chains.Seal(LogN));

    [Benchmark]
    public void EncryptPublicKey() => Fixture.PublicEncryptor.Encrypt(Fixture.Plaintext, Fixture.Destination);

    [Benchmark]
    public void EncryptSecretKey() => Fixture.SecretEncryptor.Encrypt(Fixture.Plaintext, Fixture.Destination);

    [Benchmark]
    public void Decrypt() => Fixture.Decryptor.Decrypt(Fixture.A, Fixture.DecryptedPlaintext);
}
