using Vault.Ckks;
using Vault.Ckks.Serialization;
using Vault.Gate;
using Vault.Ipfs.UnixFs;

namespace Vault.Engine.Tests;

/// <summary>The provider's key directory: what it writes, with which permissions, and what gets published.</summary>
public sealed class ProviderKeyDirectoryTests : IDisposable
{
    private readonly SealingContext _provider = new("insecure-test-only-logn10", salt: 30);

    public void Dispose() => _provider.Dispose();

    [Fact]
    public void Generate_WritesEveryObjectAndTheSecretOwnerOnly()
    {
        string dir = _provider.KeyDirectory.Directory;
        foreach (string name in new[] { ProviderKeyDirectory.ParametersFileName, ProviderKeyDirectory.SecretKeyFileName, ProviderKeyDirectory.PublicKeyFileName,
            ProviderKeyDirectory.RelinearizationKeyFileName, ProviderKeyDirectory.GaloisKeysFileName })
            Assert.True(File.Exists(Path.Combine(dir, name)), name);
        Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp", SearchOption.AllDirectories));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, ProviderKeyDirectory.SecretKeyFileName)));
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(dir) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherWrite));
        }
        using var secret = _provider.KeyDirectory.ReadSecretKey();
        Assert.Equal(_provider.Parameters.Id, secret.ParameterId);
        using var galois = File.OpenRead(Path.Combine(dir, ProviderKeyDirectory.GaloisKeysFileName));
        var keys = CkksSerializer.ReadGaloisKeys(galois, _provider.Parameters);
        Assert.Equal(ProviderKeyDirectory.StandardGaloisElements(_provider.Parameters.LogN).Order(), keys.Elements);
        Assert.Contains(GaloisElements.ForConjugation(_provider.Parameters.LogN), keys.Elements);
    }

    [Fact]
    public void Generate_OverAnExistingSecretKey_RefusesUnlessAskedTo()
    {
        string dir = _provider.KeyDirectory.Directory;
        byte[] before = File.ReadAllBytes(Path.Combine(dir, ProviderKeyDirectory.SecretKeyFileName));
        var e = Assert.Throws<IOException>(() => ProviderKeyDirectory.Generate(dir, _provider.Parameters));
        Assert.Contains("already holds a secret key", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(dir, ProviderKeyDirectory.SecretKeyFileName)));
    }

    [Fact]
    public async Task PublishAsync_PutsPublicObjectsButNeverTheSecretKey()
    {
        var keys = _provider.Keys;
        Assert.NotNull(keys.RelinearizationKey);
        Assert.NotNull(keys.GaloisKeys);
        Assert.Equal(_provider.Parameters.Id.ToString(), keys.ParameterId);
        foreach (var cid in keys.All()) Assert.True(await _provider.Store.HasAsync(cid));
        await using var secret = File.OpenRead(Path.Combine(_provider.KeyDirectory.Directory, ProviderKeyDirectory.SecretKeyFileName));
        var secretCid = (await UnixFsImporter.ComputeAsync(secret)).Root;
        Assert.False(await _provider.Store.HasAsync(secretCid));
    }

    [Fact]
    public void Open_PublicKeyFile_UsesTheParametersBesideIt()
    {
        var opened = ProviderKeyDirectory.Open(Path.Combine(_provider.KeyDirectory.Directory, ProviderKeyDirectory.PublicKeyFileName), allowInsecure: true);
        Assert.Equal(_provider.Parameters.Id, opened.ReadPublicKey().ParameterId);
        Assert.Throws<ParameterException>(() => ProviderKeyDirectory.Open(_provider.KeyDirectory.Directory));
        Assert.Throws<FileNotFoundException>(() => ProviderKeyDirectory.Open(_provider.TempDirectory, allowInsecure: true));
    }

    [Fact]
    public async Task PublishAsync_FileOfTheWrongKind_Throws()
    {
        string copy = Path.Combine(_provider.TempDirectory, "copy");
        Directory.CreateDirectory(copy);
        foreach (string file in Directory.EnumerateFiles(_provider.KeyDirectory.Directory)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        File.Copy(Path.Combine(copy, ProviderKeyDirectory.SecretKeyFileName), Path.Combine(copy, ProviderKeyDirectory.RelinearizationKeyFileName), overwrite: true);
        var keys = ProviderKeyDirectory.Open(copy, allowInsecure: true);
        var e = await Assert.ThrowsAsync<CkksFormatException>(() => keys.PublishAsync(_provider.Store));
        Assert.Contains("is a secret key, not a relinearization key", e.Message, StringComparison.Ordinal);
    }
}
