using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vault.Ethereum.Keystore;

/// <summary>Web3 Secret Storage Definition, version 3: a private key encrypted under a password (scrypt or
/// PBKDF2-HMAC-SHA256 → derived key DK; AES-128-CTR with DK[0..16]; MAC = Keccak-256(DK[16..32] ‖ ciphertext)).
/// Reads and writes the JSON that geth, cast and wallets use. Pure: the caller reads and writes the file.</summary>
public static class Web3Keystore
{
    private const int DerivedKeyLength = 32;
    private const int MaxScryptN = 1 << 20;
    private const int MaxPbkdf2Iterations = 10_000_000;

    /// <summary>Encrypts <paramref name="key"/> under <paramref name="password"/> with fresh random salt, IV and id.</summary>
    public static string Encrypt(EthereumKey key, string password, KeystoreKdf kdf)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(32);
        byte[] iv = RandomNumberGenerator.GetBytes(16);
        return Encrypt(key, password, kdf, salt, iv, Guid.NewGuid());
    }

    /// <summary>Encrypts with explicit salt, IV and id (for reproducible test files).</summary>
    public static string Encrypt(EthereumKey key, string password, KeystoreKdf kdf, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> iv, Guid id)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(kdf);
        if (iv.Length != 16) ThrowHelper.ThrowLengthMismatch(nameof(iv), 16, iv.Length);
        if (salt.Length < 16) ThrowHelper.ThrowArgument(nameof(salt), "Encrypt: the salt must have at least 16 bytes.");
        var kdfParams = kdf.Name switch
        {
            "scrypt" => new JsonObject { ["dklen"] = DerivedKeyLength, ["n"] = kdf.N, ["r"] = kdf.R, ["p"] = kdf.P, ["salt"] = Convert.ToHexStringLower(salt) },
            "pbkdf2" => new JsonObject { ["c"] = kdf.Iterations, ["dklen"] = DerivedKeyLength, ["prf"] = "hmac-sha256", ["salt"] = Convert.ToHexStringLower(salt) },
            _ => throw new ArgumentException($"Encrypt: unknown KDF '{kdf.Name}' (scrypt or pbkdf2).", nameof(kdf)),
        };
        byte[] derived = Derive(password, kdfParams, kdf.Name);
        byte[] secret = key.ExportPrivateKey();
        try
        {
            byte[] ciphertext = AesCtr(derived.AsSpan(0, 16), iv, secret);
            byte[] mac = Mac(derived, ciphertext);
            var root = new JsonObject
            {
                ["address"] = Convert.ToHexStringLower(key.Address.Span),
                ["crypto"] = new JsonObject
                {
                    ["cipher"] = "aes-128-ctr",
                    ["cipherparams"] = new JsonObject { ["iv"] = Convert.ToHexStringLower(iv) },
                    ["ciphertext"] = Convert.ToHexStringLower(ciphertext),
                    ["kdf"] = kdf.Name,
                    ["kdfparams"] = kdfParams,
                    ["mac"] = Convert.ToHexStringLower(mac),
                },
                ["id"] = id.ToString("D", CultureInfo.InvariantCulture),
                ["version"] = 3,
            };
            return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    /// <summary>Decrypts a version-3 keystore. The MAC is checked (in constant time) before anything is decrypted.</summary>
    /// <exception cref="KeystoreException">Wrong password, malformed JSON, or an unsupported cipher or KDF.</exception>
    public static EthereumKey Decrypt(string json, string password)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(password);
        JsonObject crypto;
        string kdf, cipher;
        byte[] iv, ciphertext, mac;
        JsonObject kdfParams;
        try
        {
            var root = JsonNode.Parse(json)?.AsObject() ?? throw new KeystoreException("Keystore: the file is empty.");
            int version = root["version"]?.GetValue<int>() ?? 0;
            if (version != 3) throw new KeystoreException($"Keystore: version {version} is not supported (only Web3 Secret Storage v3).");
            crypto = (root["crypto"] ?? root["Crypto"])?.AsObject() ?? throw new KeystoreException("Keystore: 'crypto' is missing.");
            cipher = crypto["cipher"]?.GetValue<string>() ?? "";
            kdf = crypto["kdf"]?.GetValue<string>() ?? "";
            kdfParams = crypto["kdfparams"]?.AsObject() ?? throw new KeystoreException("Keystore: 'kdfparams' is missing.");
            iv = Convert.FromHexString(crypto["cipherparams"]?["iv"]?.GetValue<string>() ?? "");
            ciphertext = Convert.FromHexString(crypto["ciphertext"]?.GetValue<string>() ?? "");
            mac = Convert.FromHexString(crypto["mac"]?.GetValue<string>() ?? "");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new KeystoreException("Keystore: the file is not a valid Web3 Secret Storage v3 JSON document.", e);
        }
        if (cipher != "aes-128-ctr") throw new KeystoreException($"Keystore: cipher '{cipher}' is not supported (aes-128-ctr is).");
        if (iv.Length != 16) throw new KeystoreException("Keystore: the IV must be 16 bytes.");
        if (mac.Length != 32) throw new KeystoreException("Keystore: the MAC must be 32 bytes.");
        if (ciphertext.Length is 0 or > 32) throw new KeystoreException("Keystore: the ciphertext must hold a private key of at most 32 bytes.");
        byte[] derived = Derive(password, kdfParams, kdf);
        byte[] secret = [];
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(Mac(derived, ciphertext), mac))
                throw new KeystoreException("Keystore: wrong password (the MAC does not match), or the file is corrupted.");
            secret = AesCtr(derived.AsSpan(0, 16), iv, ciphertext);
            if (secret.Length < 32)
            {
                // Some writers dropped leading zero bytes of the key; restore them.
                byte[] padded = new byte[32];
                secret.CopyTo(padded, 32 - secret.Length);
                CryptographicOperations.ZeroMemory(secret);
                secret = padded;
            }
            try
            {
                return EthereumKey.FromPrivateKey(secret);
            }
            catch (ArgumentException)
            {
                throw new KeystoreException("Keystore: the decrypted key is not a valid secp256k1 private key.");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    /// <summary>The address a keystore declares (not verified until it is decrypted), or null.</summary>
    public static EthereumAddress? DeclaredAddress(string json)
    {
        try
        {
            string? text = JsonNode.Parse(json)?["address"]?.GetValue<string>();
            return text is not null && EthereumAddress.TryParse(text, out var address) ? address : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Derive(string password, JsonObject p, string kdf)
    {
        try
        {
            byte[] passwordBytes = Encoding.UTF8.GetBytes(password);
            byte[] salt = Convert.FromHexString(p["salt"]?.GetValue<string>() ?? "");
            int dkLen = p["dklen"]?.GetValue<int>() ?? 0;
            if (dkLen < 32) throw new KeystoreException($"Keystore: dklen {dkLen} is below 32.");
            try
            {
                switch (kdf)
                {
                    case "scrypt":
                        int n = p["n"]!.GetValue<int>(), r = p["r"]!.GetValue<int>(), par = p["p"]!.GetValue<int>();
                        if (n < 2 || n > MaxScryptN || (n & (n - 1)) != 0 || r < 1 || par < 1 || (long)r * par >= 1 << 30)
                            throw new KeystoreException($"Keystore: scrypt parameters n={n}, r={r}, p={par} are out of range (n a power of two ≤ 2^20).");
                        return Scrypt.Derive(passwordBytes, salt, n, r, par, dkLen);
                    case "pbkdf2":
                        string prf = p["prf"]?.GetValue<string>() ?? "";
                        if (prf != "hmac-sha256") throw new KeystoreException($"Keystore: PBKDF2 PRF '{prf}' is not supported (hmac-sha256 is).");
                        int c = p["c"]!.GetValue<int>();
                        if (c < 1 || c > MaxPbkdf2Iterations) throw new KeystoreException($"Keystore: PBKDF2 iteration count {c} is out of range.");
                        return Rfc2898DeriveBytes.Pbkdf2(passwordBytes, salt, c, HashAlgorithmName.SHA256, dkLen);
                    default:
                        throw new KeystoreException($"Keystore: KDF '{kdf}' is not supported (scrypt and pbkdf2 are).");
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(passwordBytes);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new KeystoreException("Keystore: the KDF parameters are malformed.", e);
        }
    }

    private static byte[] Mac(byte[] derived, byte[] ciphertext) => Keccak256.Hash([.. derived.AsSpan(16, 16), .. ciphertext]);

    /// <summary>AES-128 in counter mode with a 128-bit big-endian counter starting at the IV.</summary>
    private static byte[] AesCtr(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input)
    {
        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        byte[] counter = iv.ToArray();
        byte[] stream = new byte[16];
        byte[] output = new byte[input.Length];
        for (int offset = 0; offset < input.Length; offset += 16)
        {
            aes.EncryptEcb(counter, stream, PaddingMode.None);
            int n = Math.Min(16, input.Length - offset);
            for (int i = 0; i < n; i++) output[offset + i] = (byte)(input[offset + i] ^ stream[i]);
            for (int i = 15; i >= 0 && ++counter[i] == 0; i--) { }
        }
        CryptographicOperations.ZeroMemory(stream);
        return output;
    }
}
