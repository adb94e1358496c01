using Vault.Ethereum.Contracts;
using Vault.Ethereum.Rpc;

namespace Vault.Ethereum.Tests;

/// <summary>One anvil per test collection with VaultReceipts deployed by the provider (anvil account 0).</summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    internal AnvilNode Node { get; private set; } = null!;

    internal JsonRpcClient Rpc { get; private set; } = null!;

    internal VaultReceiptsContract Contract { get; private set; } = null!;

    internal TransactionReceipt Deployment { get; private set; } = null!;

    internal EthereumKey Provider { get; } = EthereumKey.FromPrivateKey(Hex.Decode(EthereumPeers.Account0Key));

    internal EthereumKey Verifier { get; } = EthereumKey.FromPrivateKey(Hex.Decode(EthereumPeers.Account1Key));

    internal EthereumKey Stranger { get; } = EthereumKey.FromPrivateKey(Hex.Decode(EthereumPeers.Account2Key));

    internal TransactionSender ProviderSender { get; private set; } = null!;

    internal TransactionSender VerifierSender { get; private set; } = null!;

    internal TransactionSender StrangerSender { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = AnvilNode.Start();
        Rpc = new JsonRpcClient(Node.Url);
        ProviderSender = new TransactionSender(Rpc, Provider, AnvilNode.ChainId);
        VerifierSender = new TransactionSender(Rpc, Verifier, AnvilNode.ChainId);
        StrangerSender = new TransactionSender(Rpc, Stranger, AnvilNode.ChainId);
        (Contract, Deployment) = await VaultReceiptsContract.DeployAsync(ProviderSender, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        ProviderSender.Dispose();
        VerifierSender.Dispose();
        StrangerSender.Dispose();
        Rpc.Dispose();
        Node.Dispose();
        Provider.Dispose();
        Verifier.Dispose();
        Stranger.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition("anvil")]
public sealed class AnvilChain : ICollectionFixture<AnvilFixture>
{
}
