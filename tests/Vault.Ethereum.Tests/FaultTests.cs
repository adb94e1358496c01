using Vault.Ethereum.Contracts;
using Vault.Ethereum.Rpc;
using Vault.Ethereum.Transactions;
using Xunit.Abstractions;

namespace Vault.Ethereum.Tests;

/// <summary>The faults of issue 4 against real anvil processes of their own: node down, node restarted between send and
/// receipt (chain kept with --state; no duplicate publication), a lost pending transaction, nonce too low, an
/// underpriced replacement, and a receipt that never comes.</summary>
[Collection("anvil")]
public sealed class FaultTests(ITestOutputHelper output) : IDisposable
{
    private const string Account3Key = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _directory = Directory.CreateTempSubdirectory("vault-anvil-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ChainId_NodeDown_ThrowsNodeUnreachableNamingTheUrl()
    {
        var url = new Uri($"http://127.0.0.1:{AnvilNode.FreePort()}");
        using var rpc = new JsonRpcClient(url);
        var e = await Assert.ThrowsAsync<NodeUnreachableException>(() => rpc.ChainIdAsync(None));
        Assert.Contains(url.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains("Check that the node is running", e.Message, StringComparison.Ordinal);
        Assert.Equal(url, e.Endpoint);
        output.WriteLine(e.Message);
    }

    [Fact]
    public async Task PublishReceipt_NodeRestartedBetweenSendAndReceipt_RequeriesAndDoesNotPublishTwice()
    {
        using var node = AnvilNode.Start(Path.Combine(_directory, "state.json"));
        output.WriteLine($"anvil ready in {node.StartTime.TotalMilliseconds:F0} ms");
        using var client = new JsonRpcClient(node.Url);
        var rpc = new InterruptingRpc(client);
        using var provider = EthereumKey.FromPrivateKey(Hex.Decode(EthereumPeers.Account0Key));
        using var sender = new TransactionSender(rpc, provider, AnvilNode.ChainId) { PollInterval = TimeSpan.FromMilliseconds(50) };
        var (contract, _) = await VaultReceiptsContract.DeployAsync(sender, None);
        string cid = ChainTests.NewCid();
        var policy = Keccak256.Hash32("policy");
        await contract.RegisterDatasetAsync(sender, cid, Keccak256.Hash32("manifest"), policy, None);
        var receipt = ChainTests.NewReceipt(cid, policy, provider.Address);

        rpc.AfterSend = node.Stop;                                      // the node dies right after accepting the transaction
        var lost = await Assert.ThrowsAsync<NodeUnreachableException>(() => contract.PublishReceiptAsync(sender, receipt, None));
        output.WriteLine($"during the outage: {lost.Message}");
        int sentBefore = rpc.RawTransactionsSent;

        node.Restart();                                                 // same port, chain loaded from --state
        var retried = await contract.PublishReceiptAsync(sender, receipt, None);
        Assert.True(retried.AlreadyPublished, "the job id was already on chain, so nothing may be sent again");
        Assert.Equal(sentBefore, rpc.RawTransactionsSent);
        Assert.Single(await contract.ListReceiptsByDatasetAsync(cid, 0, None));
        Assert.Equal(contract.Digest(receipt), (await contract.GetPublicationAsync(receipt.JobId, None))!.Digest);
    }

    [Fact]
    public async Task PublishReceipt_PendingTransactionLostInRestart_ResendsAndLandsExactlyOnce()
    {
        using var node = AnvilNode.Start(Path.Combine(_directory, "state.json"));
        using var client = new JsonRpcClient(node.Url);
        var rpc = new InterruptingRpc(client);
        using var provider = EthereumKey.FromPrivateKey(Hex.Decode(EthereumPeers.Account0Key));
        using var sender = new TransactionSender(rpc, provider, AnvilNode.ChainId) { PollInterval = TimeSpan.FromMilliseconds(50), ReceiptTimeout = TimeSpan.FromSeconds(20) };
        var (contract, _) = await VaultReceiptsContract.DeployAsync(sender, None);
        string cid = ChainTests.NewCid();
        var policy = Keccak256.Hash32("policy");
        await contract.RegisterDatasetAsync(sender, cid, Keccak256.Hash32("manifest"), policy, None);
        var receipt = ChainTests.NewReceipt(cid, policy, provider.Address);

        node.Restart("--no-mining");                                     // transactions now wait in the pool
        rpc.AfterSend = node.Stop;
        await Assert.ThrowsAsync<NodeUnreachableException>(() => contract.PublishReceiptAsync(sender, receipt, None));
        node.Restart([]);                                                // automining again; the pool may be gone
        var outcome = await contract.PublishReceiptAsync(sender, receipt, None);
        output.WriteLine($"after the restart: {(outcome.AlreadyPublished ? "the restored pending transaction had landed" : $"re-sent as {outcome.TransactionHash}")}; raw transactions sent {rpc.RawTransactionsSent}");
        Assert.Single(await contract.ListReceiptsByDatasetAsync(cid, 0, None));
        Assert.Equal(contract.Digest(receipt), (await contract.GetPublicationAsync(receipt.JobId, None))!.Digest);
    }

    [Fact]
    public async Task SendRawTransaction_UsedNonce_ThrowsNonceTooLow()
    {
        using var node = AnvilNode.Start();
        using var rpc = new JsonRpcClient(node.Url);
        using var key = EthereumKey.FromPrivateKey(Hex.Decode(Account3Key));
        using var sender = new TransactionSender(rpc, key, AnvilNode.ChainId);
        await sender.SendAndWaitAsync(key.Address, ReadOnlyMemory<byte>.Empty, 1, None);
        var fees = await rpc.EstimateFeesAsync(None);
        var stale = new Eip1559Transaction
        {
            ChainId = AnvilNode.ChainId,
            Nonce = 0,
            GasLimit = 21_000,
            To = key.Address,
            Value = 2,
            MaxFeePerGas = fees.MaxFeePerGas,
            MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas,
        }.Sign(key);
        var e = await Assert.ThrowsAsync<NonceTooLowException>(() => rpc.SendRawTransactionAsync(stale.Raw, None));
        output.WriteLine(e.Message);
    }

    [Fact]
    public async Task SendRawTransaction_ReplacementWithSameFee_ThrowsUnderpriced()
    {
        using var node = AnvilNode.Start(null, "--no-mining");
        using var rpc = new JsonRpcClient(node.Url);
        using var key = EthereumKey.FromPrivateKey(Hex.Decode(Account3Key));
        var fees = await rpc.EstimateFeesAsync(None);
        EthereumTransaction Transfer(int value) => new Eip1559Transaction
        {
            ChainId = AnvilNode.ChainId,
            Nonce = 0,
            GasLimit = 21_000,
            To = key.Address,
            Value = value,
            MaxFeePerGas = fees.MaxFeePerGas,
            MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas,
        };
        await rpc.SendRawTransactionAsync(Transfer(1).Sign(key).Raw, None);
        var e = await Assert.ThrowsAsync<TransactionUnderpricedException>(() => rpc.SendRawTransactionAsync(Transfer(2).Sign(key).Raw, None));
        output.WriteLine(e.Message);
    }

    [Fact]
    public async Task SendAndWait_NeverMined_ThrowsTransactionTimeout()
    {
        using var node = AnvilNode.Start(null, "--no-mining");
        using var rpc = new JsonRpcClient(node.Url);
        using var key = EthereumKey.FromPrivateKey(Hex.Decode(Account3Key));
        using var sender = new TransactionSender(rpc, key, AnvilNode.ChainId) { ReceiptTimeout = TimeSpan.FromSeconds(1), PollInterval = TimeSpan.FromMilliseconds(100) };
        var e = await Assert.ThrowsAsync<TransactionTimeoutException>(() => sender.SendAndWaitAsync(key.Address, ReadOnlyMemory<byte>.Empty, 1, None));
        Assert.Contains("not mined within", e.Message, StringComparison.Ordinal);
        output.WriteLine(e.Message);
    }
}
