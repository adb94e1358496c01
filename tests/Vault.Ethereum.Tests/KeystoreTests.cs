using System.Text.Json;
using System.Text.Json.Nodes;
using Vault.Ethereum.Keystore;

namespace Vault.Ethereum.Tests;

/// <summary>Web3 Secret Storage v3: the definition's two test vectors (tests/Vectors/keystore), round trips, wrong
/// passwords, and cast reading what Vault writes.</summary>
public class KeystoreTests
{
    public static TheoryData<string> Vectors()
    {
        var data = new TheoryData<string>();
        foreach (var p in Load().RootElement.EnumerateObject()) data.Add(p.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decrypt_Web3SecretStorageVector_ReturnsKnownKey(string name)
    {
        var vector = Load().RootElement.GetProperty(name);
        using var key = Web3Keystore.Decrypt(vector.GetProperty("json").GetRawText(), vector.GetProperty("password").GetString()!);
        byte[] secret = key.ExportPrivateKey();
        Assert.Equal(vector.GetProperty("priv").GetString(), Convert.ToHexStringLower(secret));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Decrypt_WrongPassword_ThrowsTypedErrorWithoutSecrets(string name)
    {
        var vector = Load().RootElement.GetProperty(name);
        var e = Assert.Throws<KeystoreException>(() => Web3Keystore.Decrypt(vector.GetProperty("json").GetRawText(), "not the password"));
        Assert.Contains("wrong password", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(vector.GetProperty("priv").GetString()!, e.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("not the password", e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scrypt")]
    [InlineData("pbkdf2")]
    public void Encrypt_ThenDecrypt_ReturnsSameKey(string kdf)
    {
        using var key = EthereumKey.Generate();
        var parameters = kdf == "scrypt" ? KeystoreKdf.ScryptLight : KeystoreKdf.Pbkdf2Standard with { Iterations = 4096 };
        string json = Web3Keystore.Encrypt(key, "correct horse", parameters);
        using var back = Web3Keystore.Decrypt(json, "correct horse");
        Assert.Equal(key.Address, back.Address);
        Assert.Equal(key.Address, Web3Keystore.DeclaredAddress(json));
        Assert.DoesNotContain(Convert.ToHexStringLower(key.ExportPrivateKey()), json, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypt_FixedSaltAndIv_IsReproducible()
    {
        using var key = EthereumKey.FromPrivateKey(Hex.Decode("0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d"));
        var pbkdf2 = Load().RootElement.GetProperty("wikipage_test_vector_pbkdf2").GetProperty("json").GetProperty("crypto");
        string json = Web3Keystore.Encrypt(key, "testpassword", KeystoreKdf.Pbkdf2Standard,
            Convert.FromHexString(pbkdf2.GetProperty("kdfparams").GetProperty("salt").GetString()!),
            Convert.FromHexString(pbkdf2.GetProperty("cipherparams").GetProperty("iv").GetString()!), Guid.Parse("3198bc9c-6672-5ab3-d995-4942343ae5b6"));
        var crypto = JsonNode.Parse(json)!["crypto"]!;
        Assert.Equal(pbkdf2.GetProperty("ciphertext").GetString(), crypto["ciphertext"]!.GetValue<string>());
        Assert.Equal(pbkdf2.GetProperty("mac").GetString(), crypto["mac"]!.GetValue<string>());
    }

    [Fact]
    public void Encrypt_ScryptLight_CastDecryptsToSameKey()
    {
        using var key = EthereumKey.Generate();
        string directory = Directory.CreateTempSubdirectory("vault-keystore-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "provider"), Web3Keystore.Encrypt(key, "pw-for-cast", KeystoreKdf.ScryptLight));
            string output = EthereumPeers.RunCast("wallet", "decrypt-keystore", "--keystore-dir", directory, "provider", "--unsafe-password", "pw-for-cast");
            Assert.Contains(Convert.ToHexStringLower(key.ExportPrivateKey()), output.ToLowerInvariant(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("{}", "version")]
    [InlineData("not json", "not a valid")]
    [InlineData("""{"version":3,"crypto":{"cipher":"aes-128-cbc","cipherparams":{"iv":"00000000000000000000000000000000"},"ciphertext":"00","kdf":"scrypt","kdfparams":{},"mac":"00"}}""", "aes-128-cbc")]
    public void Decrypt_Malformed_ThrowsKeystoreException(string json, string fragment)
    {
        var e = Assert.Throws<KeystoreException>(() => Web3Keystore.Decrypt(json, "x"));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    private static JsonDocument Load() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "keystore", "web3-secret-storage.json")));
}

public class ScryptTests
{
    [Fact]
    public void Derive_Rfc7914Vector_MatchesKnownAnswer()
    {
        // RFC 7914 §12, third vector: P = "password", S = "NaCl", N = 1024, r = 8, p = 16, dkLen = 64.
        byte[] dk = Keystore.Scrypt.Derive("password"u8, "NaCl"u8, 1024, 8, 16, 64);
        Assert.Equal("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640", Convert.ToHexStringLower(dk));
    }

    [Fact]
    public void Derive_LegalParameters_MatchesBouncyCastle()
    {
        byte[] ours = Keystore.Scrypt.Derive("pw"u8, "salt-salt-salt-salt"u8, 4096, 8, 2, 32);
        byte[] theirs = Org.BouncyCastle.Crypto.Generators.SCrypt.Generate("pw"u8.ToArray(), "salt-salt-salt-salt"u8.ToArray(), 4096, 8, 2, 32);
        Assert.Equal(theirs, ours);
    }
}
