using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Vault.Engine.Jobs;
using Vault.Gate;

namespace Vault.Architecture.Tests;

/// <summary>The isolated engine cannot hold a secret key: its assembly does not so much as reference the types that
/// hold or use one (not in a signature, a field, a local or a call), read from its metadata.</summary>
public class SecretKeyIsolationTests
{
    private static readonly string[] SecretTypes = ["Vault.Rlwe.SecretKey", "Vault.Rlwe.Decryptor", "Vault.Rlwe.KeyGenerator", "Vault.Ckks.CkksReleaseDecryptor"];

    [Fact]
    public void Engine_ReferencesNoSecretKeyType()
    {
        var found = SecretTypeReferences(typeof(IsolatedEngine).Assembly);
        Assert.True(found.Count == 0, $"Vault.Engine references {string.Join(", ", found)}; the engine must hold public material only.");
    }

    [Fact]
    public void Check_FindsTheGatesSecretKey()
    {
        // The check must be able to fail: the provider's side does use the secret key.
        var found = SecretTypeReferences(typeof(ProviderKeyDirectory).Assembly);
        Assert.Contains("Vault.Rlwe.SecretKey", found);
    }

    private static List<string> SecretTypeReferences(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var found = new List<string>();
        foreach (var handle in metadata.TypeReferences)
        {
            var reference = metadata.GetTypeReference(handle);
            string name = $"{metadata.GetString(reference.Namespace)}.{metadata.GetString(reference.Name)}";
            if (SecretTypes.Contains(name)) found.Add(name);
        }
        return found;
    }
}
