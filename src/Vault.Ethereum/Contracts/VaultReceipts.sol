// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title VaultReceipts: dataset registrations and usage receipts for Vault's compute-to-data jobs.
/// @notice A provider registers a dataset (its CID, manifest hash and policy hash) and may authorise verifier
/// addresses. The provider or an authorised verifier publishes one receipt per job. The contract stores the EIP-712
/// digest of each receipt (domain "Vault", version "1", this chain, this contract) and emits the full receipt in an
/// event, so an auditor lists receipts by dataset or buyer with eth_getLogs and checks each one against its digest.
/// @dev Indexed keys are hashes: a dataset is indexed by keccak256(bytes(cid)) and the full CID is kept in the data.
contract VaultReceipts {
    struct Receipt {
        bytes32 jobId;            // idempotency key: published at most once
        string datasetCid;        // content identifier of the sealed dataset
        bytes32 algorithmDigest;  // digest of the algorithm (model, circuit) that ran
        bytes32 ckksParameterId;  // Id of the CKKS parameter set (hash of its canonical encoding)
        bytes32 inputRoot;        // root hash of the input ciphertexts
        bytes32 outputHash;       // hash of the released output
        bytes32 policyHash;       // must equal the dataset's registered policy hash
        address buyer;            // who ran the job
        bool allowed;             // the release gate's verdict
        string ruleId;            // the verdict's stable rule id ("allow" when allowed)
        uint64 timestamp;         // when the release gate decided (Unix seconds)
    }

    struct Dataset {
        address provider;
        bytes32 manifestHash;
        bytes32 policyHash;
    }

    struct Publication {
        bytes32 digest;           // EIP-712 digest of the receipt
        address publisher;        // provider or verifier that published it
        uint64 blockNumber;       // block of publication
    }

    bytes32 public constant RECEIPT_TYPEHASH = keccak256(
        "Receipt(bytes32 jobId,string datasetCid,bytes32 algorithmDigest,bytes32 ckksParameterId,bytes32 inputRoot,"
        "bytes32 outputHash,bytes32 policyHash,address buyer,bool allowed,string ruleId,uint64 timestamp)"
    );
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    /// @notice The EIP-712 domain separator of this deployment.
    bytes32 public immutable DOMAIN_SEPARATOR;

    mapping(bytes32 datasetKey => Dataset) private _datasets;
    mapping(bytes32 datasetKey => mapping(address verifier => bool)) private _verifiers;
    mapping(bytes32 jobId => Publication) private _publications;

    event DatasetRegistered(bytes32 indexed datasetKey, address indexed provider, string datasetCid, bytes32 manifestHash, bytes32 policyHash);
    event VerifierSet(bytes32 indexed datasetKey, address indexed verifier, bool authorised);
    event ReceiptPublished(bytes32 indexed jobId, bytes32 indexed datasetKey, address indexed buyer, Receipt receipt, bytes32 digest, address publisher);

    error EmptyArgument(string name);
    error DatasetAlreadyRegistered(bytes32 datasetKey, address provider);
    error DatasetNotRegistered(bytes32 datasetKey);
    error NotProvider(bytes32 datasetKey, address caller);
    error NotAuthorised(bytes32 datasetKey, address caller);
    error PolicyMismatch(bytes32 registered, bytes32 given);
    error JobAlreadyPublished(bytes32 jobId, bytes32 digest);

    constructor() {
        DOMAIN_SEPARATOR = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256("Vault"), keccak256("1"), block.chainid, address(this))
        );
    }

    /// @notice The indexed key of a dataset: keccak256 of its CID string.
    function datasetKey(string calldata datasetCid) public pure returns (bytes32) {
        return keccak256(bytes(datasetCid));
    }

    /// @notice Registers a dataset; the caller becomes its provider. Registering again with identical hashes from the
    /// same provider is a no-op (so a retry after a lost receipt is safe); anything else for a known CID reverts.
    function registerDataset(string calldata datasetCid, bytes32 manifestHash, bytes32 policyHash) external {
        if (bytes(datasetCid).length == 0) revert EmptyArgument("datasetCid");
        if (manifestHash == bytes32(0)) revert EmptyArgument("manifestHash");
        if (policyHash == bytes32(0)) revert EmptyArgument("policyHash");
        bytes32 key = keccak256(bytes(datasetCid));
        Dataset storage existing = _datasets[key];
        if (existing.provider != address(0)) {
            if (existing.provider == msg.sender && existing.manifestHash == manifestHash && existing.policyHash == policyHash) {
                return;
            }
            revert DatasetAlreadyRegistered(key, existing.provider);
        }
        _datasets[key] = Dataset(msg.sender, manifestHash, policyHash);
        emit DatasetRegistered(key, msg.sender, datasetCid, manifestHash, policyHash);
    }

    /// @notice Authorises (or revokes) an address to publish receipts for the caller's dataset.
    function setVerifier(string calldata datasetCid, address verifier, bool authorised) external {
        if (verifier == address(0)) revert EmptyArgument("verifier");
        bytes32 key = keccak256(bytes(datasetCid));
        address provider = _datasets[key].provider;
        if (provider == address(0)) revert DatasetNotRegistered(key);
        if (provider != msg.sender) revert NotProvider(key, msg.sender);
        _verifiers[key][verifier] = authorised;
        emit VerifierSet(key, verifier, authorised);
    }

    /// @notice Publishes a receipt. Only the dataset's provider or an authorised verifier may; a job id is published once.
    function publishReceipt(Receipt calldata receipt) external returns (bytes32 digest) {
        if (receipt.jobId == bytes32(0)) revert EmptyArgument("jobId");
        if (receipt.buyer == address(0)) revert EmptyArgument("buyer");
        bytes32 key = keccak256(bytes(receipt.datasetCid));
        Dataset storage dataset = _datasets[key];
        if (dataset.provider == address(0)) revert DatasetNotRegistered(key);
        if (msg.sender != dataset.provider && !_verifiers[key][msg.sender]) revert NotAuthorised(key, msg.sender);
        if (receipt.policyHash != dataset.policyHash) revert PolicyMismatch(dataset.policyHash, receipt.policyHash);
        Publication storage existing = _publications[receipt.jobId];
        if (existing.publisher != address(0)) revert JobAlreadyPublished(receipt.jobId, existing.digest);
        digest = receiptDigest(receipt);
        _publications[receipt.jobId] = Publication(digest, msg.sender, uint64(block.number));
        emit ReceiptPublished(receipt.jobId, key, receipt.buyer, receipt, digest, msg.sender);
    }

    /// @notice The EIP-712 digest keccak256(0x1901 ‖ DOMAIN_SEPARATOR ‖ hashStruct(receipt)) that providers sign off-chain.
    function receiptDigest(Receipt calldata receipt) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                RECEIPT_TYPEHASH,
                receipt.jobId,
                keccak256(bytes(receipt.datasetCid)),
                receipt.algorithmDigest,
                receipt.ckksParameterId,
                receipt.inputRoot,
                receipt.outputHash,
                receipt.policyHash,
                receipt.buyer,
                receipt.allowed,
                keccak256(bytes(receipt.ruleId)),
                receipt.timestamp
            )
        );
        return keccak256(abi.encodePacked(hex"1901", DOMAIN_SEPARATOR, structHash));
    }

    /// @notice The registration of a dataset (provider is zero when unknown).
    function datasetOf(string calldata datasetCid) external view returns (address provider, bytes32 manifestHash, bytes32 policyHash) {
        Dataset storage d = _datasets[keccak256(bytes(datasetCid))];
        return (d.provider, d.manifestHash, d.policyHash);
    }

    /// @notice Whether an address may publish receipts for a dataset (its provider or an authorised verifier).
    function canPublish(string calldata datasetCid, address account) external view returns (bool) {
        bytes32 key = keccak256(bytes(datasetCid));
        address provider = _datasets[key].provider;
        return provider != address(0) && (account == provider || _verifiers[key][account]);
    }

    /// @notice The publication of a job (publisher is zero when the job id is unpublished).
    function publicationOf(bytes32 jobId) external view returns (bytes32 digest, address publisher, uint64 blockNumber) {
        Publication storage p = _publications[jobId];
        return (p.digest, p.publisher, p.blockNumber);
    }

    /// @notice Whether a job id has been published.
    function isPublished(bytes32 jobId) external view returns (bool) {
        return _publications[jobId].publisher != address(0);
    }
}
