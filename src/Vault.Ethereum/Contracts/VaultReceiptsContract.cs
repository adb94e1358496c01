using System.Numerics;
using Vault.Ethereum.Abi;
using Vault.Ethereum.Rpc;

namespace Vault.Ethereum.Contracts;

/// <summary>The VaultReceipts contract (Contracts/VaultReceipts.sol) on one chain: deploy, register datasets,
/// authorise verifiers, publish receipts idempotently (the job id is the key), list receipts by dataset or buyer, and
/// audit a receipt. Reverts come back as <see cref="ContractRevertException"/> with the contract's custom errors decoded.</summary>
public sealed class VaultReceiptsContract
{
    /// <summary>Blocks per <c>eth_getLogs</c> page when listing receipts.</summary>
    public const ulong LogPageSize = 5_000;

    private readonly IEthereumRpc _rpc;

    /// <summary>Binds to a deployed contract.</summary>
    public VaultReceiptsContract(IEthereumRpc rpc, EthereumAddress address, ulong chainId)
    {
        _rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
        Address = address;
        ChainId = chainId;
    }

    /// <summary>The compiled contract embedded in this assembly.</summary>
    public static ContractArtifact Artifact { get; } = ContractArtifact.LoadEmbedded("VaultReceipts");

    /// <summary>The contract's ABI.</summary>
    public static ContractAbi Abi => Artifact.Abi;

    /// <summary>The contract's address.</summary>
    public EthereumAddress Address { get; }

    /// <summary>The chain it lives on (part of the EIP-712 domain).</summary>
    public ulong ChainId { get; }

    /// <summary>Binds to <paramref name="address"/> after checking that code is deployed there.</summary>
    /// <exception cref="EthereumRpcException">No contract at the address.</exception>
    public static async Task<VaultReceiptsContract> AtAsync(IEthereumRpc rpc, EthereumAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ulong chainId = await rpc.ChainIdAsync(cancellationToken).ConfigureAwait(false);
        byte[] code = await rpc.GetCodeAsync(address, BlockTag.Latest, cancellationToken).ConfigureAwait(false);
        if (code.Length == 0)
            throw new EthereumRpcException($"eth_getCode: there is no contract at {address} on chain {chainId}. Check --contract (the address `vault chain deploy` printed) and --rpc.");
        return new VaultReceiptsContract(rpc, address, chainId);
    }

    /// <summary>Deploys a new VaultReceipts from <paramref name="sender"/>'s account and waits for it.</summary>
    public static async Task<(VaultReceiptsContract Contract, TransactionReceipt Receipt)> DeployAsync(TransactionSender sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var receipt = await sender.SendAndWaitAsync(null, Artifact.Bytecode, BigInteger.Zero, cancellationToken).ConfigureAwait(false);
        var address = receipt.ContractAddress ?? throw new EthereumRpcException($"eth_getTransactionReceipt: deployment {receipt.TransactionHash} has no contract address.");
        return (new VaultReceiptsContract(sender.Rpc, address, sender.ChainId), receipt);
    }

    /// <summary>The EIP-712 digest of <paramref name="receipt"/> for this deployment.</summary>
    public Bytes32 Digest(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return receipt.Digest(ChainId, Address);
    }

    /// <summary>The dataset's registration, or null when the CID is not registered.</summary>
    public async Task<DatasetRegistration?> GetDatasetAsync(string datasetCid, CancellationToken cancellationToken)
    {
        var r = await CallAsync("datasetOf", cancellationToken, datasetCid).ConfigureAwait(false);
        var provider = (EthereumAddress)r[0]!;
        return provider.IsZero ? null : new DatasetRegistration(provider, (Bytes32)r[1]!, (Bytes32)r[2]!);
    }

    /// <summary>Whether <paramref name="account"/> may publish receipts for the dataset now.</summary>
    public async Task<bool> CanPublishAsync(string datasetCid, EthereumAddress account, CancellationToken cancellationToken) =>
        (bool)(await CallAsync("canPublish", cancellationToken, datasetCid, account).ConfigureAwait(false))[0]!;

    /// <summary>The job's publication, or null when the job id is unpublished.</summary>
    public async Task<Publication?> GetPublicationAsync(Bytes32 jobId, CancellationToken cancellationToken)
    {
        var r = await CallAsync("publicationOf", cancellationToken, jobId).ConfigureAwait(false);
        var publisher = (EthereumAddress)r[1]!;
        return publisher.IsZero ? null : new Publication((Bytes32)r[0]!, publisher, (ulong)(BigInteger)r[2]!);
    }

    /// <summary>Registers a dataset with the sender as provider. Idempotent: when the same provider already registered
    /// the same hashes nothing is sent and null is returned. Different hashes, or another provider, revert with
    /// <c>DatasetAlreadyRegistered</c>.</summary>
    public async Task<TransactionReceipt?> RegisterDatasetAsync(TransactionSender sender, string datasetCid, Bytes32 manifestHash, Bytes32 policyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var existing = await GetDatasetAsync(datasetCid, cancellationToken).ConfigureAwait(false);
        if (existing == new DatasetRegistration(sender.Address, manifestHash, policyHash)) return null;
        return await TransactAsync(sender, "registerDataset", cancellationToken, datasetCid, manifestHash, policyHash).ConfigureAwait(false);
    }

    /// <summary>Authorises (or revokes) <paramref name="verifier"/> to publish receipts for the sender's dataset.</summary>
    public Task<TransactionReceipt> SetVerifierAsync(TransactionSender sender, string datasetCid, EthereumAddress verifier, bool authorised, CancellationToken cancellationToken) =>
        TransactAsync(sender, "setVerifier", cancellationToken, datasetCid, verifier, authorised);

    /// <summary>Publishes <paramref name="receipt"/>, idempotently: the job id is looked up first, and when the identical
    /// receipt is already on chain (for example because the node restarted after an earlier send) nothing is sent again.</summary>
    /// <exception cref="ReceiptConflictException">The job id is published with a different receipt.</exception>
    /// <exception cref="ContractRevertException">Not authorised, dataset unknown, policy mismatch, …</exception>
    public async Task<PublishOutcome> PublishReceiptAsync(TransactionSender sender, Receipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(receipt);
        var digest = Digest(receipt);
        if (await AlreadyPublishedAsync(receipt.JobId, digest, cancellationToken).ConfigureAwait(false) is { } existing) return existing;
        try
        {
            var mined = await TransactAsync(sender, "publishReceipt", cancellationToken, (object?)receipt.ToAbiTuple()).ConfigureAwait(false);
            return new PublishOutcome(digest, false, mined.TransactionHash, mined.BlockNumber, mined.GasUsed, mined.EffectiveGasPrice);
        }
        catch (ContractRevertException e) when (e.ErrorName == "JobAlreadyPublished")
        {
            // Lost a race with another publisher of the same job: fine when it is the same receipt.
            if (await AlreadyPublishedAsync(receipt.JobId, digest, cancellationToken).ConfigureAwait(false) is { } raced) return raced;
            throw;
        }
    }

    /// <summary>All receipts of a dataset, from <c>eth_getLogs</c> on the indexed dataset key (paged).</summary>
    public Task<IReadOnlyList<PublishedReceipt>> ListReceiptsByDatasetAsync(string datasetCid, ulong fromBlock, CancellationToken cancellationToken) =>
        ListAsync([ReceiptEvent.Topic, null, Receipt.DatasetKeyOf(datasetCid)], fromBlock, null, cancellationToken);

    /// <summary>All receipts of a buyer, from <c>eth_getLogs</c> on the indexed buyer (paged).</summary>
    public Task<IReadOnlyList<PublishedReceipt>> ListReceiptsByBuyerAsync(EthereumAddress buyer, ulong fromBlock, CancellationToken cancellationToken) =>
        ListAsync([ReceiptEvent.Topic, null, null, AddressTopic(buyer)], fromBlock, null, cancellationToken);

    /// <summary>The <c>ReceiptPublished</c> event of a job, searched in its publication block; null when unpublished.</summary>
    public async Task<PublishedReceipt?> GetReceiptEventAsync(Bytes32 jobId, CancellationToken cancellationToken)
    {
        var publication = await GetPublicationAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (publication is null) return null;
        var found = await ListAsync([ReceiptEvent.Topic, jobId], publication.BlockNumber, publication.BlockNumber, cancellationToken).ConfigureAwait(false);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>Audits a job's receipt without trusting the publisher: the stored digest, the emitted event, the digest
    /// recomputed from the event's fields, the dataset's registered policy, the publisher's role, and, when a signed
    /// receipt is given, that it is the same receipt for this deployment and who signed it.</summary>
    public async Task<ReceiptAudit> AuditAsync(Bytes32 jobId, SignedReceipt? signedReceipt, CancellationToken cancellationToken)
    {
        var checks = new List<AuditCheck>();
        var publication = await GetPublicationAsync(jobId, cancellationToken).ConfigureAwait(false);
        checks.Add(new("published on chain", publication is not null,
            publication is null ? $"job {jobId} is not published by contract {Address}" : $"block {publication.BlockNumber}, publisher {publication.Publisher}"));
        if (publication is null) return new ReceiptAudit(jobId, null, checks);

        var published = await GetReceiptEventAsync(jobId, cancellationToken).ConfigureAwait(false);
        checks.Add(new("ReceiptPublished event", published is not null,
            published is null ? $"no event for the job in block {publication.BlockNumber}" : $"transaction {published.TransactionHash}"));
        if (published is null) return new ReceiptAudit(jobId, null, checks);

        var recomputed = Digest(published.Receipt);
        bool digestOk = recomputed == publication.Digest && recomputed == published.Digest;
        checks.Add(new("EIP-712 digest", digestOk, digestOk
            ? $"{recomputed} recomputed from the event's fields = stored = emitted"
            : $"recomputed {recomputed}, stored {publication.Digest}, emitted {published.Digest}"));

        var dataset = await GetDatasetAsync(published.Receipt.DatasetCid, cancellationToken).ConfigureAwait(false);
        bool policyOk = dataset is not null && dataset.PolicyHash == published.Receipt.PolicyHash;
        checks.Add(new("dataset policy", policyOk, dataset is null
            ? $"dataset {published.Receipt.DatasetCid} is not registered"
            : $"registered policy {dataset.PolicyHash}{(policyOk ? " = receipt's" : $" ≠ receipt's {published.Receipt.PolicyHash}")}"));

        bool isProvider = dataset is not null && dataset.Provider == publication.Publisher;
        bool canPublish = await CanPublishAsync(published.Receipt.DatasetCid, publication.Publisher, cancellationToken).ConfigureAwait(false);
        bool publisherOk = publication.Publisher == published.Publisher;
        checks.Add(new("publisher", publisherOk, $"{publication.Publisher} ({(isProvider ? "the dataset's provider" : canPublish ? "an authorised verifier" : "a verifier whose authorisation was revoked since")})"
            + (publisherOk ? "" : $"; the event names {published.Publisher}")));

        if (signedReceipt is not null)
        {
            var signedDigest = signedReceipt.Document.Digest();
            bool same = signedDigest == publication.Digest;
            checks.Add(new("signed receipt = on-chain receipt", same, same
                ? $"digest {signedDigest} (domain Vault/1, chain {ChainId}, contract {Address})"
                : $"the signed receipt's digest {signedDigest} differs from the chain's {publication.Digest} (other fields, chain or contract)"));
            EthereumAddress? signer = null;
            try
            {
                signer = signedReceipt.Signer;
            }
            catch (FormatException)
            {
                // reported below
            }
            bool signerOk = signer is { } s && dataset is not null
                && (s == dataset.Provider || s == publication.Publisher || await CanPublishAsync(published.Receipt.DatasetCid, s, cancellationToken).ConfigureAwait(false));
            checks.Add(new("EIP-712 signature", signerOk, signer is null
                ? "the signature does not recover to any address"
                : $"signed by {signer}{(signerOk ? (signer == dataset!.Provider ? " (the provider)" : " (an authorised publisher)") : ", who is neither the provider nor an authorised verifier")}"));
        }
        return new ReceiptAudit(jobId, published, checks);
    }

    private static AbiEvent ReceiptEvent => Abi.Event("ReceiptPublished");

    private static Bytes32 AddressTopic(EthereumAddress address) => new([.. new byte[12], .. address.Span]);

    private async Task<PublishOutcome?> AlreadyPublishedAsync(Bytes32 jobId, Bytes32 digest, CancellationToken cancellationToken)
    {
        var existing = await GetPublicationAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (existing is null) return null;
        if (existing.Digest != digest) throw new ReceiptConflictException(jobId, existing.Digest, digest);
        return new PublishOutcome(digest, true, null, existing.BlockNumber, 0, BigInteger.Zero);
    }

    private async Task<IReadOnlyList<PublishedReceipt>> ListAsync(IReadOnlyList<Bytes32?> topics, ulong fromBlock, ulong? toBlock, CancellationToken cancellationToken)
    {
        var filter = new LogFilter { FromBlock = fromBlock, ToBlock = toBlock, Address = Address, Topics = topics };
        var logs = await _rpc.GetLogsPagedAsync(filter, LogPageSize, cancellationToken).ConfigureAwait(false);
        var result = new List<PublishedReceipt>(logs.Count);
        foreach (var log in logs)
        {
            if (log.Removed) continue;
            var values = ReceiptEvent.Decode(log.Topics, log.Data.Span);
            result.Add(new PublishedReceipt(
                Receipt.FromAbiTuple((object?[])values["receipt"]!),
                (Bytes32)values["digest"]!,
                (EthereumAddress)values["publisher"]!,
                log.BlockNumber,
                log.TransactionHash));
        }
        return result;
    }

    private async Task<object?[]> CallAsync(string function, CancellationToken cancellationToken, params object?[] arguments)
    {
        var f = Abi.Function(function);
        try
        {
            byte[] output = await _rpc.CallAsync(new CallRequest { To = Address, Data = f.EncodeCall(arguments) }, BlockTag.Latest, cancellationToken).ConfigureAwait(false);
            return f.DecodeOutput(output);
        }
        catch (ContractRevertException e)
        {
            throw e.WithAbi(Abi, $"{function} (eth_call)");
        }
    }

    private async Task<TransactionReceipt> TransactAsync(TransactionSender sender, string function, CancellationToken cancellationToken, params object?[] arguments)
    {
        var f = Abi.Function(function);
        try
        {
            return await sender.SendAndWaitAsync(Address, f.EncodeCall(arguments), BigInteger.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (ContractRevertException e)
        {
            throw e.WithAbi(Abi, function);
        }
    }
}
