using Vault.Testing;

namespace Vault.Ipfs.Tests;

/// <summary>Tests sharing one IPFS daemon.</summary>
[CollectionDefinition(Name)]
public sealed class IpfsDaemonGroup : ICollectionFixture<IpfsDaemonFixture>
{
    public const string Name = "ipfs-daemon";
}
