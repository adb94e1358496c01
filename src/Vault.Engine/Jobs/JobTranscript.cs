using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Vault.Engine.Datasets;
using Vault.Ethereum;
using Vault.Ipfs;
using Vault.Policy;

namespace Vault.Engine.Jobs;

/// <summary>What the isolated engine did for one job, stored as a canonical-JSON raw block: the job and dataset it
/// ran on, the algorithm and hyperparameters, the CKKS parameter Id, the root hash of every input it read, the output
/// ciphertext (CID and SHA-256), the engine version and its timings. The release gate checks it against the policy;
/// an auditor re-executes from it and compares <see cref="OutputSha256"/>.</summary>
public sealed record JobTranscript
{
    /// <summary>The record's format name.</summary>
    public const string FormatName = "vault.job-transcript";

    /// <summary>The format version this code reads and writes.</summary>
    public const int FormatVersion = 1;

    /// <summary>Largest transcript, in bytes.</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>The job's id (Keccak-256 of its canonical JSON).</summary>
    public required Bytes32 JobId { get; init; }

    /// <summary>The job record's CID.</summary>
    public required Cid Job { get; init; }

    /// <summary>The dataset's manifest CID.</summary>
    public required Cid Dataset { get; init; }

    /// <summary>The algorithm's id.</summary>
    public required string Algorithm { get; init; }

    /// <summary>The algorithm's digest (<c>sha256:</c>…).</summary>
    public required string AlgorithmDigest { get; init; }

    /// <summary>The hyperparameters as run (defaults filled in).</summary>
    public required ImmutableSortedDictionary<string, double> Hyperparameters { get; init; }

    /// <summary>The CKKS parameter Id (64 hex digits).</summary>
    public required string ParameterId { get; init; }

    /// <summary>SHA-256 over the binary CIDs of every input read, in order: manifest, parameters, relinearization key,
    /// Galois keys, then the training blocks.</summary>
    public required Bytes32 InputRoot { get; init; }

    /// <summary>Rows the job ran on (the cohort).</summary>
    public required long Rows { get; init; }

    /// <summary>Feature columns.</summary>
    public required int Features { get; init; }

    /// <summary>The output ciphertext (a UnixFS file).</summary>
    public required Cid Output { get; init; }

    /// <summary>SHA-256 of the output ciphertext's bytes.</summary>
    public required Bytes32 OutputSha256 { get; init; }

    /// <summary>The output's kind (policy vocabulary).</summary>
    public required string OutputKind { get; init; }

    /// <summary>How many values the output declares (the gate releases no more).</summary>
    public required int OutputValues { get; init; }

    /// <summary>The engine's name and version.</summary>
    public required string Engine { get; init; }

    /// <summary>Seconds spent loading inputs, computing and writing the output.</summary>
    public required ImmutableSortedDictionary<string, double> Timings { get; init; }

    /// <summary>What a policy judges about this job (Vault.Policy's own input type): the algorithm, its digest and
    /// hyperparameters as run, the buyer, the cohort (the rows the job ran on) and the declared output.</summary>
    public JobFacts PolicyFacts(EthereumAddress buyer) => new()
    {
        AlgorithmId = Algorithm,
        AlgorithmDigest = AlgorithmDigest,
        Hyperparameters = Hyperparameters,
        Buyer = buyer.ToString(),
        CohortRows = Rows,
        Outputs = [new OutputDeclaration(OutputKind, OutputValues)],
    };

    /// <summary>The transcript as the raw block the engine stores.</summary>
    public Block ToBlock() => Block.Create(Multicodec.Raw, ToCanonicalJson());

    /// <summary>The canonical JSON bytes.</summary>
    public byte[] ToCanonicalJson()
    {
        ArgumentNullException.ThrowIfNull(Job);
        ArgumentNullException.ThrowIfNull(Dataset);
        ArgumentNullException.ThrowIfNull(Output);
        return CanonicalJson.Encode(new JsonObject
        {
            ["format"] = FormatName,
            ["version"] = FormatVersion,
            ["jobId"] = JobId.ToString(),
            ["job"] = Job.ToString(),
            ["dataset"] = Dataset.ToString(),
            ["algorithm"] = new JsonObject { ["id"] = Algorithm, ["digest"] = AlgorithmDigest },
            ["hyperparameters"] = JsonReader.ToJson(Hyperparameters),
            ["parameterId"] = ParameterId,
            ["inputRoot"] = InputRoot.ToString(),
            ["rows"] = Rows,
            ["features"] = Features,
            ["output"] = new JsonObject
            {
                ["cid"] = Output.ToString(),
                ["sha256"] = OutputSha256.ToString(),
                ["kind"] = OutputKind,
                ["values"] = OutputValues,
            },
            ["engine"] = Engine,
            ["timings"] = JsonReader.ToJson(Timings.ToDictionary(p => p.Key, p => Math.Round(p.Value, 3))),
        });
    }

    /// <summary>Parses canonical transcript bytes.</summary>
    /// <exception cref="JobFormatException">Not a valid canonical version-1 transcript.</exception>
    public static JobTranscript Parse(ReadOnlySpan<byte> json)
    {
        const string what = "Transcript";
        var o = JsonReader.ParseObject(json, what, MaxLength);
        if (JsonReader.String(o, "format", what) != FormatName) throw new JobFormatException($"Transcript: format must be \"{FormatName}\".");
        if (JsonReader.Integer(o, "version", what) != FormatVersion) throw new JobFormatException($"Transcript: version must be {FormatVersion}.");
        var algorithm = JsonReader.Object(o, "algorithm", what);
        var output = JsonReader.Object(o, "output", what);
        long features = JsonReader.Integer(o, "features", what), values = JsonReader.Integer(output, "values", what);
        if (features is < 1 or > int.MaxValue || values is < 1 or > int.MaxValue) throw new JobFormatException("Transcript: features and output values must be positive.");
        var transcript = new JobTranscript
        {
            JobId = JsonReader.Bytes32(o, "jobId", what),
            Job = JsonReader.Cid(o, "job", what),
            Dataset = JsonReader.Cid(o, "dataset", what),
            Algorithm = JsonReader.String(algorithm, "id", what),
            AlgorithmDigest = JsonReader.String(algorithm, "digest", what),
            Hyperparameters = JsonReader.Numbers(o, "hyperparameters", what).ToImmutableSortedDictionary(StringComparer.Ordinal),
            ParameterId = JsonReader.String(o, "parameterId", what),
            InputRoot = JsonReader.Bytes32(o, "inputRoot", what),
            Rows = JsonReader.Integer(o, "rows", what),
            Features = (int)features,
            Output = JsonReader.Cid(output, "cid", what),
            OutputSha256 = JsonReader.Bytes32(output, "sha256", what),
            OutputKind = JsonReader.String(output, "kind", what),
            OutputValues = (int)values,
            Engine = JsonReader.String(o, "engine", what),
            Timings = JsonReader.Numbers(o, "timings", what).ToImmutableSortedDictionary(StringComparer.Ordinal),
        };
        JsonReader.RequireCanonical(json, transcript.ToCanonicalJson(), what);
        return transcript;
    }

    /// <summary>A one-line summary for logs.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"job {JobId}: {Algorithm} on {Dataset} ({Rows} rows) → {Output}");
}
