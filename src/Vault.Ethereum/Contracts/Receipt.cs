using System.Globalization;
using System.Text.Json.Nodes;
using Vault.Ethereum.Abi;
using Vault.Ethereum.TypedData;

namespace Vault.Ethereum.Contracts;

/// <summary>A usage receipt: which dataset was used, by whom, for what, and what came out. Published once per job id
/// on chain (VaultReceipts.publishReceipt) and signed off chain as EIP-712 typed data (domain "Vault", version "1").</summary>
public sealed record Receipt
{
    /// <summary>The EIP-712 type (identical to the contract's RECEIPT_TYPEHASH string).</summary>
    public const string Eip712Type =
        "Receipt(bytes32 jobId,string datasetCid,bytes32 algorithmDigest,bytes32 ckksParameterId,bytes32 inputRoot,bytes32 outputHash,bytes32 policyHash,address buyer,bool allowed,string ruleId,uint64 timestamp)";

    private static readonly TypedDataField[] Fields =
    [
        new("jobId", "bytes32"), new("datasetCid", "string"), new("algorithmDigest", "bytes32"), new("ckksParameterId", "bytes32"),
        new("inputRoot", "bytes32"), new("outputHash", "bytes32"), new("policyHash", "bytes32"), new("buyer", "address"),
        new("allowed", "bool"), new("ruleId", "string"), new("timestamp", "uint64"),
    ];

    /// <summary>The job's id: the idempotency key (a job is published at most once).</summary>
    public required Bytes32 JobId { get; init; }

    /// <summary>The dataset's content identifier.</summary>
    public required string DatasetCid { get; init; }

    /// <summary>Digest of the algorithm (model, circuit) that ran.</summary>
    public required Bytes32 AlgorithmDigest { get; init; }

    /// <summary>Id of the CKKS parameter set.</summary>
    public required Bytes32 CkksParameterId { get; init; }

    /// <summary>Root hash of the input ciphertexts.</summary>
    public required Bytes32 InputRoot { get; init; }

    /// <summary>Hash of the released output.</summary>
    public required Bytes32 OutputHash { get; init; }

    /// <summary>Hash of the dataset's policy (must equal the registered one).</summary>
    public required Bytes32 PolicyHash { get; init; }

    /// <summary>Who ran the job.</summary>
    public required EthereumAddress Buyer { get; init; }

    /// <summary>The release gate's verdict.</summary>
    public required bool Allowed { get; init; }

    /// <summary>The verdict's stable rule id ("allow" when allowed).</summary>
    public required string RuleId { get; init; }

    /// <summary>When the release gate decided, in Unix seconds.</summary>
    public required ulong Timestamp { get; init; }

    /// <summary>The indexed key of the dataset: Keccak-256 of the CID's UTF-8 bytes.</summary>
    public Bytes32 DatasetKey => DatasetKeyOf(DatasetCid);

    /// <summary>Keccak-256 of a CID's UTF-8 bytes (the contract's <c>datasetKey</c>).</summary>
    public static Bytes32 DatasetKeyOf(string datasetCid) => Keccak256.Hash32(datasetCid);

    /// <summary>The receipt as the ABI tuple <c>(bytes32,string,bytes32,bytes32,bytes32,bytes32,bytes32,address,bool,string,uint64)</c>.</summary>
    public object?[] ToAbiTuple() =>
        [JobId, DatasetCid, AlgorithmDigest, CkksParameterId, InputRoot, OutputHash, PolicyHash, Buyer, Allowed, RuleId, (System.Numerics.BigInteger)Timestamp];

    /// <summary>Reads the ABI tuple.</summary>
    public static Receipt FromAbiTuple(object?[] t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Length != 11) throw new AbiFormatException($"Receipt.FromAbiTuple: expected 11 fields, got {t.Length}.");
        return new Receipt
        {
            JobId = (Bytes32)t[0]!,
            DatasetCid = (string)t[1]!,
            AlgorithmDigest = (Bytes32)t[2]!,
            CkksParameterId = (Bytes32)t[3]!,
            InputRoot = (Bytes32)t[4]!,
            OutputHash = (Bytes32)t[5]!,
            PolicyHash = (Bytes32)t[6]!,
            Buyer = (EthereumAddress)t[7]!,
            Allowed = (bool)t[8]!,
            RuleId = (string)t[9]!,
            Timestamp = (ulong)(System.Numerics.BigInteger)t[10]!,
        };
    }

    /// <summary>The EIP-712 document for this receipt under the domain {name "Vault", version "1", chainId, verifyingContract}.</summary>
    public Eip712Document ToEip712(ulong chainId, EthereumAddress verifyingContract)
    {
        var domain = new JsonObject
        {
            ["name"] = "Vault",
            ["version"] = "1",
            ["chainId"] = chainId,
            ["verifyingContract"] = verifyingContract.ToString(),
        };
        var message = new JsonObject
        {
            ["jobId"] = JobId.ToString(),
            ["datasetCid"] = DatasetCid,
            ["algorithmDigest"] = AlgorithmDigest.ToString(),
            ["ckksParameterId"] = CkksParameterId.ToString(),
            ["inputRoot"] = InputRoot.ToString(),
            ["outputHash"] = OutputHash.ToString(),
            ["policyHash"] = PolicyHash.ToString(),
            ["buyer"] = Buyer.ToString(),
            ["allowed"] = Allowed,
            ["ruleId"] = RuleId,
            ["timestamp"] = Timestamp,
        };
        var types = new Dictionary<string, IReadOnlyList<TypedDataField>>(StringComparer.Ordinal)
        {
            ["EIP712Domain"] = [new("name", "string"), new("version", "string"), new("chainId", "uint256"), new("verifyingContract", "address")],
            ["Receipt"] = Fields,
        };
        return new Eip712Document(types, "Receipt", domain, message);
    }

    /// <summary>The EIP-712 digest (what providers sign and what the contract stores).</summary>
    public Bytes32 Digest(ulong chainId, EthereumAddress verifyingContract) => ToEip712(chainId, verifyingContract).Digest();

    /// <summary>Reads a receipt back from its EIP-712 message.</summary>
    /// <exception cref="AbiFormatException">Not a Vault receipt.</exception>
    public static Receipt FromEip712(Eip712Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.PrimaryType != "Receipt" || document.EncodeType("Receipt") != Eip712Type)
            throw new AbiFormatException($"Receipt.FromEip712: the typed data is not a Vault receipt ({document.PrimaryType}).");
        var m = document.Message;
        try
        {
            return new Receipt
            {
                JobId = Bytes32.Parse(m["jobId"]!.GetValue<string>()),
                DatasetCid = m["datasetCid"]!.GetValue<string>(),
                AlgorithmDigest = Bytes32.Parse(m["algorithmDigest"]!.GetValue<string>()),
                CkksParameterId = Bytes32.Parse(m["ckksParameterId"]!.GetValue<string>()),
                InputRoot = Bytes32.Parse(m["inputRoot"]!.GetValue<string>()),
                OutputHash = Bytes32.Parse(m["outputHash"]!.GetValue<string>()),
                PolicyHash = Bytes32.Parse(m["policyHash"]!.GetValue<string>()),
                Buyer = EthereumAddress.Parse(m["buyer"]!.GetValue<string>()),
                Allowed = m["allowed"]!.GetValue<bool>(),
                RuleId = m["ruleId"]!.GetValue<string>(),
                Timestamp = m["timestamp"] is JsonValue v && v.TryGetValue<ulong>(out ulong n) ? n
                    : ulong.Parse(m["timestamp"]!.ToString(), CultureInfo.InvariantCulture),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new AbiFormatException($"Receipt.FromEip712: a receipt field is missing or malformed: {e.Message}", e);
        }
    }
}
