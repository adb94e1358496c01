using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Vault.Ethereum.Contracts;
using Vault.Ethereum.Rpc;
using Xunit.Abstractions;

namespace Vault.Ethereum.Tests;

/// <summary>VaultReceipts on a real anvil: deploy, register, publish, read back by dataset and buyer, access control,
/// duplicates, gas, and independent verification by cast.</summary>
[Collection("anvil")]
public sealed class ChainTests(AnvilFixture chain, ITestOutputHelper output)
{
    private static readonly CancellationToken None = CancellationToken.None;

    internal static string NewCid() => "bafkrei" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    internal static Receipt NewReceipt(string cid, Bytes32 policyHash, EthereumAddress buyer, string ruleId = "allow") => new()
    {
        JobId = Keccak256.Hash32(Guid.NewGuid().ToString()),
        DatasetCid = cid,
        AlgorithmDigest = Keccak256.Hash32("logistic-regression v1"),
        CkksParameterId = Keccak256.Hash32("logn14"),
        InputRoot = Keccak256.Hash32("inputs " + cid),
        OutputHash = Keccak256.Hash32("output " + Guid.NewGuid()),
        PolicyHash = policyHash,
        Buyer = buyer,
        Allowed = ruleId == "allow",
        RuleId = ruleId,
        Timestamp = 1_790_000_000,
    };

    private async Task<(string Cid, Bytes32 Policy)> RegisterAsync()
    {
        string cid = NewCid();
        var policy = Keccak256.Hash32("policy " + cid);
        var mined = await chain.Contract.RegisterDatasetAsync(chain.ProviderSender, cid, Keccak256.Hash32("manifest " + cid), policy, None);
        Assert.NotNull(mined);
        return (cid, policy);
    }

    [Fact]
    public async Task Deploy_Contract_DomainAndTypeHashMatchOffChainEip712()
    {
        output.WriteLine($"anvil ready in {chain.Node.StartTime.TotalMilliseconds:F0} ms (pid {chain.Node.Pid}, port {chain.Node.Port})");
        output.WriteLine($"gas: deployment {chain.Deployment.GasUsed}");
        var abi = VaultReceiptsContract.Abi;
        var domain = abi.Function("DOMAIN_SEPARATOR");
        byte[] raw = await chain.Rpc.CallAsync(new CallRequest { To = chain.Contract.Address, Data = domain.EncodeCall() }, BlockTag.Latest, None);
        var receipt = NewReceipt("x", Bytes32.Zero, chain.Provider.Address);
        Assert.Equal(receipt.ToEip712(AnvilNode.ChainId, chain.Contract.Address).DomainSeparator, (Bytes32)domain.DecodeOutput(raw)[0]!);
        var typeHash = abi.Function("RECEIPT_TYPEHASH");
        raw = await chain.Rpc.CallAsync(new CallRequest { To = chain.Contract.Address, Data = typeHash.EncodeCall() }, BlockTag.Latest, None);
        Assert.Equal(Keccak256.Hash32(Receipt.Eip712Type), (Bytes32)typeHash.DecodeOutput(raw)[0]!);
    }

    [Fact]
    public async Task PublishReceipt_ThenListByDatasetAndBuyer_ReadsBackSameReceipts()
    {
        string cid = NewCid();
        var policy = Keccak256.Hash32("policy " + cid);
        var registration = await chain.Contract.RegisterDatasetAsync(chain.ProviderSender, cid, Keccak256.Hash32("manifest"), policy, None);
        output.WriteLine($"gas: registerDataset {registration!.GasUsed}");
        using var buyerKey = EthereumKey.Generate();
        var first = NewReceipt(cid, policy, buyerKey.Address);
        var second = NewReceipt(cid, policy, buyerKey.Address, "output.too-fine");
        var o1 = await chain.Contract.PublishReceiptAsync(chain.ProviderSender, first, None);
        var o2 = await chain.Contract.PublishReceiptAsync(chain.ProviderSender, second, None);
        output.WriteLine($"gas: publishReceipt {o1.GasUsed} and {o2.GasUsed} (CID of {cid.Length} chars, rule ids '{first.RuleId}', '{second.RuleId}')");
        Assert.False(o1.AlreadyPublished);
        Assert.InRange(o1.GasUsed, 50_000UL, 200_000UL);

        var byDataset = await chain.Contract.ListReceiptsByDatasetAsync(cid, 0, None);
        Assert.Equal([first, second], byDataset.Select(r => r.Receipt));
        Assert.All(byDataset, r => Assert.Equal(chain.Provider.Address, r.Publisher));
        Assert.Equal(o1.Digest, byDataset[0].Digest);
        var byBuyer = await chain.Contract.ListReceiptsByBuyerAsync(buyerKey.Address, 0, None);
        Assert.Equal([first.JobId, second.JobId], byBuyer.Select(r => r.Receipt.JobId));
        using var nobody = EthereumKey.Generate();
        Assert.Empty(await chain.Contract.ListReceiptsByBuyerAsync(nobody.Address, 0, None));
    }

    [Fact]
    public async Task PublishReceipt_VerifiedIndependentlyByCast_SameFieldsDigestAndLog()
    {
        var (cid, policy) = await RegisterAsync();
        var receipt = NewReceipt(cid, policy, chain.Stranger.Address);
        var outcome = await chain.Contract.PublishReceiptAsync(chain.ProviderSender, receipt, None);
        string rpc = chain.Node.Url.ToString();
        string contract = chain.Contract.Address.ToString();

        // The contract's getter, read by cast.
        string[] publication = EthereumPeers.RunCast("call", "--rpc-url", rpc, contract, "publicationOf(bytes32)(bytes32,address,uint64)", receipt.JobId.ToString())
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(outcome.Digest.ToString(), publication[0]);
        Assert.Equal(chain.Provider.Address.ToString(), publication[1]);
        Assert.Equal(outcome.BlockNumber.ToString(CultureInfo.InvariantCulture), publication[2].Split(' ')[0]);

        // The contract's own EIP-712 digest of the fields (cast encodes the tuple) = Vault's off-chain digest.
        string tuple = $"({receipt.JobId},{receipt.DatasetCid},{receipt.AlgorithmDigest},{receipt.CkksParameterId},{receipt.InputRoot},{receipt.OutputHash},{receipt.PolicyHash},{receipt.Buyer},{(receipt.Allowed ? "true" : "false")},{receipt.RuleId},{receipt.Timestamp})";
        string onChainDigest = EthereumPeers.RunCast("call", "--rpc-url", rpc, contract,
            "receiptDigest((bytes32,string,bytes32,bytes32,bytes32,bytes32,bytes32,address,bool,string,uint64))(bytes32)", tuple);
        Assert.Equal(chain.Contract.Digest(receipt).ToString(), onChainDigest);

        // cast signs the same typed data to the same signature, so it computed the same EIP-712 hash.
        var document = receipt.ToEip712(AnvilNode.ChainId, chain.Contract.Address);
        Assert.Equal(document.Sign(chain.Provider).ToString(), EthereumPeers.RunCast("wallet", "sign", "--data", document.ToJson(), "--private-key", EthereumPeers.Account0Key));

        // The event, fetched by cast logs on the indexed job id, carries the same topics and data.
        string logs = EthereumPeers.RunCast("logs", "--rpc-url", rpc, "--json", "--from-block", "0", "--address", contract,
            VaultReceiptsContract.Abi.Event("ReceiptPublished").Topic.ToString(), receipt.JobId.ToString());
        using var json = JsonDocument.Parse(logs);
        var log = Assert.Single(json.RootElement.EnumerateArray());
        var topics = log.GetProperty("topics").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal([VaultReceiptsContract.Abi.Event("ReceiptPublished").Topic.ToString(), receipt.JobId.ToString(), receipt.DatasetKey.ToString(),
            "0x000000000000000000000000" + Convert.ToHexStringLower(receipt.Buyer.Span)], topics);
        string decoded = EthereumPeers.RunCast("decode-abi", "--input",
            "f((bytes32,string,bytes32,bytes32,bytes32,bytes32,bytes32,address,bool,string,uint64),bytes32,address)", log.GetProperty("data").GetString()!);
        Assert.Contains(receipt.DatasetCid, decoded, StringComparison.Ordinal);
        Assert.Contains(receipt.OutputHash.ToString(), decoded, StringComparison.Ordinal);
        Assert.Contains(outcome.Digest.ToString(), decoded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishReceipt_ByStranger_RevertsWithDecodedNotAuthorised()
    {
        var (cid, policy) = await RegisterAsync();
        var e = await Assert.ThrowsAsync<ContractRevertException>(() =>
            chain.Contract.PublishReceiptAsync(chain.StrangerSender, NewReceipt(cid, policy, chain.Stranger.Address), None));
        Assert.Equal("NotAuthorised", e.ErrorName);
        Assert.Equal(Receipt.DatasetKeyOf(cid), (Bytes32)e.Reason.Arguments[0]!);
        Assert.Equal(chain.Stranger.Address, (EthereumAddress)e.Reason.Arguments[1]!);
        Assert.Contains("NotAuthorised(datasetKey: ", e.Message, StringComparison.Ordinal);
        output.WriteLine(e.Message);
    }

    [Fact]
    public async Task SetVerifier_AuthorisedVerifierPublishes_AndStrangerCannotSetVerifiers()
    {
        var (cid, policy) = await RegisterAsync();
        var e = await Assert.ThrowsAsync<ContractRevertException>(() => chain.Contract.SetVerifierAsync(chain.StrangerSender, cid, chain.Stranger.Address, true, None));
        Assert.Equal("NotProvider", e.ErrorName);
        await chain.Contract.SetVerifierAsync(chain.ProviderSender, cid, chain.Verifier.Address, true, None);
        Assert.True(await chain.Contract.CanPublishAsync(cid, chain.Verifier.Address, None));
        var outcome = await chain.Contract.PublishReceiptAsync(chain.VerifierSender, NewReceipt(cid, policy, chain.Stranger.Address), None);
        Assert.Equal(chain.Verifier.Address, (await chain.Contract.ListReceiptsByDatasetAsync(cid, outcome.BlockNumber, None)).Single().Publisher);
        await chain.Contract.SetVerifierAsync(chain.ProviderSender, cid, chain.Verifier.Address, false, None);
        var revoked = await Assert.ThrowsAsync<ContractRevertException>(() =>
            chain.Contract.PublishReceiptAsync(chain.VerifierSender, NewReceipt(cid, policy, chain.Stranger.Address), None));
        Assert.Equal("NotAuthorised", revoked.ErrorName);
    }

    [Fact]
    public async Task PublishReceipt_SameJobIdAgain_IsIdempotentAndADifferentReceiptConflicts()
    {
        var (cid, policy) = await RegisterAsync();
        var receipt = NewReceipt(cid, policy, chain.Stranger.Address);
        var first = await chain.Contract.PublishReceiptAsync(chain.ProviderSender, receipt, None);
        var again = await chain.Contract.PublishReceiptAsync(chain.ProviderSender, receipt, None);
        Assert.True(again.AlreadyPublished);
        Assert.Null(again.TransactionHash);
        Assert.Equal(first.BlockNumber, again.BlockNumber);
        await Assert.ThrowsAsync<ReceiptConflictException>(() =>
            chain.Contract.PublishReceiptAsync(chain.ProviderSender, receipt with { OutputHash = Keccak256.Hash32("other") }, None));
        Assert.Single(await chain.Contract.ListReceiptsByDatasetAsync(cid, 0, None));
    }

    [Fact]
    public async Task PublishReceipt_DuplicateJobIdSentDirectly_RevertsJobAlreadyPublished()
    {
        var (cid, policy) = await RegisterAsync();
        var receipt = NewReceipt(cid, policy, chain.Stranger.Address);
        await chain.Contract.PublishReceiptAsync(chain.ProviderSender, receipt, None);
        byte[] call = VaultReceiptsContract.Abi.Function("publishReceipt").EncodeCall((object?)receipt.ToAbiTuple());
        // Estimated (eth_estimateGas reverts before anything is signed):
        var estimated = await Assert.ThrowsAsync<ContractRevertException>(() => chain.ProviderSender.SendAndWaitAsync(chain.Contract.Address, call, 0, None));
        Assert.Equal("JobAlreadyPublished", estimated.WithAbi(VaultReceiptsContract.Abi, "publishReceipt").ErrorName);
        Assert.Null(estimated.TransactionHash);
        // Mined with a fixed gas limit: the receipt has status 0 and the reason is recovered by replaying the call.
        var mined = await Assert.ThrowsAsync<ContractRevertException>(() => chain.ProviderSender.SendAndWaitAsync(chain.Contract.Address, call, 0, None, gasLimit: 300_000));
        Assert.NotNull(mined.TransactionHash);
        var decoded = mined.WithAbi(VaultReceiptsContract.Abi, "publishReceipt");
        Assert.Equal("JobAlreadyPublished", decoded.ErrorName);
        Assert.Equal(receipt.JobId, (Bytes32)decoded.Reason.Arguments[0]!);
        output.WriteLine(decoded.Message);
    }

    [Fact]
    public async Task RegisterDataset_IdenticalIsNoOp_DifferentHashesOrProviderRevert()
    {
        string cid = NewCid();
        var manifest = Keccak256.Hash32("m");
        var policy = Keccak256.Hash32("p");
        Assert.NotNull(await chain.Contract.RegisterDatasetAsync(chain.ProviderSender, cid, manifest, policy, None));
        Assert.Null(await chain.Contract.RegisterDatasetAsync(chain.ProviderSender, cid, manifest, policy, None));
        var changed = await Assert.ThrowsAsync<ContractRevertException>(() => chain.Contract.RegisterDatasetAsync(chain.ProviderSender, cid, manifest, Keccak256.Hash32("p2"), None));
        Assert.Equal("DatasetAlreadyRegistered", changed.ErrorName);
        var other = await Assert.ThrowsAsync<ContractRevertException>(() => chain.Contract.RegisterDatasetAsync(chain.StrangerSender, cid, manifest, policy, None));
        Assert.Equal("DatasetAlreadyRegistered", other.ErrorName);
        Assert.Equal(new DatasetRegistration(chain.Provider.Address, manifest, policy), await chain.Contract.GetDatasetAsync(cid, None));
        var empty = await Assert.ThrowsAsync<ContractRevertException>(() => chain.Contract.RegisterDatasetAsync(chain.ProviderSender, NewCid(), Bytes32.Zero, policy, None));
        Assert.Equal("EmptyArgument", empty.ErrorName);
        Assert.Equal("manifestHash", empty.Reason.Arguments[0]);
    }

    [Fact]
    public async Task PublishReceipt_PolicyOrDatasetMismatch_RevertsWithDecodedError()
    {
        var (cid, policy) = await RegisterAsync();
        var wrongPolicy = await Assert.ThrowsAsync<ContractRevertException>(() =>
            chain.Contract.PublishReceiptAsync(chain.ProviderSender, NewReceipt(cid, Keccak256.Hash32("other policy"), chain.Stranger.Address), None));
        Assert.Equal("PolicyMismatch", wrongPolicy.ErrorName);
        Assert.Equal(policy, (Bytes32)wrongPolicy.Reason.Arguments[0]!);
        var unknown = await Assert.ThrowsAsync<ContractRevertException>(() =>
            chain.Contract.PublishReceiptAsync(chain.ProviderSender, NewReceipt(NewCid(), policy, chain.Stranger.Address), None));
        Assert.Equal("DatasetNotRegistered", unknown.ErrorName);
    }

    [Fact]
    public async Task PublishReceipt_TwoConcurrentlyFromOneAccount_BothLand()
    {
        var (cid, policy) = await RegisterAsync();
        var receipts = Enumerable.Range(0, 4).Select(_ => NewReceipt(cid, policy, chain.Stranger.Address)).ToList();
        var outcomes = await Task.WhenAll(receipts.Select(r => chain.Contract.PublishReceiptAsync(chain.ProviderSender, r, None)));
        Assert.All(outcomes, o => Assert.False(o.AlreadyPublished));
        Assert.Equal(4, outcomes.Select(o => o.TransactionHash).Distinct().Count());
        var listed = await chain.Contract.ListReceiptsByDatasetAsync(cid, 0, None);
        Assert.Equal(receipts.Select(r => r.JobId).Order(Comparer<Bytes32>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()))),
            listed.Select(r => r.Receipt.JobId).Order(Comparer<Bytes32>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()))));
    }

    [Fact]
    public async Task Audit_SignedReceipt_ValidAndTamperedFileInvalid()
    {
        var (cid, policy) = await RegisterAsync();
        var receipt = NewReceipt(cid, policy, chain.Stranger.Address);
        await chain.Contract.PublishReceiptAsync(chain.ProviderSender, receipt, None);
        var signed = SignedReceipt.Sign(receipt, AnvilNode.ChainId, chain.Contract.Address, chain.Provider);
        var roundTripped = SignedReceipt.Parse(signed.ToJson());
        var audit = await chain.Contract.AuditAsync(receipt.JobId, roundTripped, None);
        foreach (var check in audit.Checks) output.WriteLine($"{(check.Passed ? "PASS" : "FAIL")} {check.Name}: {check.Detail}");
        Assert.True(audit.IsValid);
        Assert.Equal(receipt, audit.Receipt!.Receipt);

        var tampered = SignedReceipt.Sign(receipt with { OutputHash = Keccak256.Hash32("forged output") }, AnvilNode.ChainId, chain.Contract.Address, chain.Provider);
        var bad = await chain.Contract.AuditAsync(receipt.JobId, tampered, None);
        Assert.False(bad.IsValid);
        Assert.False(bad.Checks.Single(c => c.Name == "signed receipt = on-chain receipt").Passed);

        var strangerSigned = SignedReceipt.Sign(receipt, AnvilNode.ChainId, chain.Contract.Address, chain.Stranger);
        Assert.False((await chain.Contract.AuditAsync(receipt.JobId, strangerSigned, None)).Checks.Single(c => c.Name == "EIP-712 signature").Passed);

        var missing = await chain.Contract.AuditAsync(Keccak256.Hash32("never published"), null, None);
        Assert.False(missing.IsValid);
    }

    [Fact]
    public async Task GetLogsPaged_SmallPages_SameLogsAsOneQuery()
    {
        var (cid, policy) = await RegisterAsync();
        for (int i = 0; i < 3; i++) await chain.Contract.PublishReceiptAsync(chain.ProviderSender, NewReceipt(cid, policy, chain.Stranger.Address), None);
        var filter = new LogFilter { FromBlock = 0, Address = chain.Contract.Address, Topics = [null, null, Receipt.DatasetKeyOf(cid)] };
        var whole = await chain.Rpc.GetLogsAsync(filter, None);
        var paged = await chain.Rpc.GetLogsPagedAsync(filter, 2, None);
        Assert.Equal(3, whole.Count);
        Assert.Equal(whole.Select(l => (l.TransactionHash, l.LogIndex)), paged.Select(l => (l.TransactionHash, l.LogIndex)));
    }

    [Fact]
    public async Task EstimateFees_Anvil_ReturnsEip1559Caps()
    {
        var fees = await chain.Rpc.EstimateFeesAsync(None);
        Assert.False(fees.IsLegacy);
        Assert.True(fees.MaxFeePerGas > fees.MaxPriorityFeePerGas);
        Assert.True(fees.MaxPriorityFeePerGas > BigInteger.Zero);
    }
}
