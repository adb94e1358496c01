using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Vault.Ckks.Interop;
using Vault.Rlwe;
using Vault.Testing;

namespace Vault.Ckks.Tests;

/// <summary>Cross-checks against Microsoft SEAL 4.1 (npm node-seal 6.0.3, run as a child process): SEAL decrypts what
/// Vault encrypts, and Vault decrypts what SEAL encrypts, on the secure SEAL-shaped N = 2^13 preset.</summary>
public sealed class SealInteropTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vault-seal-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ParmsId_KnownAnswer_MatchesSeal()
    {
        var parameters = CkksParameters.Create(CkksParameterPresets.LogN13);
        ulong[] primes = [.. parameters.Rlwe.QPrimes, .. parameters.Rlwe.PPrimes];
        Assert.Equal([1152921504606748673UL, 1099510890497UL, 1099511480321UL, 1152921504606830593UL], primes);
        // Values printed by node-seal 6.0.3 (tests/peers/seal/README.md).
        Assert.Equal("e2a8dd3f1586dacfac02a4591f26b3ba536e0b1f60e28faef57f030eab08c5dd", Convert.ToHexStringLower(SealInterop.ParmsId(8192, primes)));
        Assert.Equal("0f8bbf7d4509a0123c2bc9d4f3d564630c448ed8cc41a8965894081870675512", Convert.ToHexStringLower(SealInterop.ParmsId(8192, primes.AsSpan(0, 3))));
    }

    [Fact]
    public void Export_VaultCiphertexts_SealDecryptsSameValues()
    {
        var parameters = CkksParameters.Create(CkksParameterPresets.LogN13);
        using var generator = new KeyGenerator(parameters.Rlwe);
        using var secretKey = generator.GenerateSecretKey();
        var publicKey = generator.GeneratePublicKey(secretKey);
        var evaluator = new CkksEvaluator(parameters, generator.GenerateRelinearizationKey(secretKey));
        var encoder = new CkksEncoder(parameters);
        using var encryptor = new Encryptor(parameters.Rlwe, publicKey);

        var random = TestSeed.Random(13);
        var x = new double[parameters.Slots];
        for (int i = 0; i < x.Length; i++) x[i] = random.NextDouble() * 2 - 1;
        var fresh = encryptor.Encrypt(encoder.Encode(x));
        var square = evaluator.MultiplyRelinearize(fresh, fresh);
        evaluator.Rescale(square, square);

        string parametersPath = Write("params.bin", SealInterop.ExportParameters(parameters));
        string keyPath = Write("secretkey.bin", SealInterop.ExportSecretKey(parameters, secretKey));

        var sealFresh = SealDecrypt(parametersPath, keyPath, Write("fresh.bin", SealInterop.ExportCiphertext(parameters, fresh)));
        var sealSquare = SealDecrypt(parametersPath, keyPath, Write("square.bin", SealInterop.ExportCiphertext(parameters, square)));

        Precision.AssertBits(ToComplex(x), ToComplex(sealFresh), 20, "SEAL decrypting a fresh Vault ciphertext");
        Precision.AssertBits(ToComplex(x.Select(v => v * v).ToArray()), ToComplex(sealSquare), 15, "SEAL decrypting a Vault product at level 1");
    }

    [Fact]
    public void Import_SealCiphertext_VaultDecryptsSameValues()
    {
        var parameters = CkksParameters.Create(CkksParameterPresets.LogN13);
        double[] values = [0.5, -1.25, 3.0, 0.0, 1e-3, -7.75];
        string valuesPath = Path.Combine(_directory, "values.json");
        File.WriteAllText(valuesPath, JsonSerializer.Serialize(values));
        string primes = string.Join(',', parameters.Rlwe.QPrimes.ToArray().Concat(parameters.Rlwe.PPrimes.ToArray()).Select(p => p.ToString(CultureInfo.InvariantCulture)));
        Peers.RunNode("seal/seal-peer.js", "encrypt", "8192", primes, "40", valuesPath, _directory);

        using var secretKey = SealInterop.ImportSecretKey(parameters, File.ReadAllBytes(Path.Combine(_directory, "secretkey.bin")));
        var ciphertext = SealInterop.ImportCiphertext(parameters, File.ReadAllBytes(Path.Combine(_directory, "ciphertext.bin")));
        var decoded = new CkksEncoder(parameters).DecodeReal(new Decryptor(parameters.Rlwe, secretKey).Decrypt(ciphertext));

        var expected = new double[parameters.Slots];
        values.CopyTo(expected, 0);
        Precision.AssertBits(ToComplex(expected), ToComplex(decoded), 20, "Vault decrypting a SEAL ciphertext");
    }

    [Fact]
    public void ImportCiphertext_CorruptBytes_ThrowsSealFormatException()
    {
        var parameters = CkksParameters.Create(CkksParameterPresets.LogN13);
        using var generator = new KeyGenerator(parameters.Rlwe);
        using var secretKey = generator.GenerateSecretKey();
        using var encryptor = new Encryptor(parameters.Rlwe, secretKey);
        byte[] good = SealInterop.ExportCiphertext(parameters, encryptor.Encrypt(new CkksEncoder(parameters).Encode([1.0])));
        Assert.NotNull(SealInterop.ImportCiphertext(parameters, good));

        Assert.Throws<SealFormatException>(() => SealInterop.ImportCiphertext(parameters, good.AsSpan(0, good.Length - 1)));
        var badMagic = (byte[])good.Clone();
        badMagic[0] ^= 1;
        Assert.Throws<SealFormatException>(() => SealInterop.ImportCiphertext(parameters, badMagic));
        var badId = (byte[])good.Clone();
        badId[20] ^= 1;
        Assert.Throws<SealFormatException>(() => SealInterop.ImportCiphertext(parameters, badId));
        var outOfRange = (byte[])good.Clone();
        BitConverter.TryWriteBytes(outOfRange.AsSpan(113), ulong.MaxValue >> 2);
        Assert.Throws<SealFormatException>(() => SealInterop.ImportCiphertext(parameters, outOfRange));
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static double[] SealDecrypt(string parameters, string key, string ciphertext)
    {
        using var json = JsonDocument.Parse(Peers.RunNode("seal/seal-peer.js", "decrypt", parameters, key, ciphertext));
        return [.. json.RootElement.GetProperty("slots").EnumerateArray().Select(e => e.GetDouble())];
    }

    private static Complex[] ToComplex(double[] values) => [.. values.Select(v => new Complex(v, 0))];
}
