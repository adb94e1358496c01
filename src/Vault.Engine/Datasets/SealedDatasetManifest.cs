using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vault.Ipfs;

namespace Vault.Engine.Datasets;

/// <summary>The manifest of a sealed dataset, version 1 (<c>proofs/formats/sealed-dataset-manifest.md</c>): schema,
/// row count, packing layout, normalisation, missing-value rule, CKKS key references, policy, provider, creation time
/// and the CIDs of every ciphertext block. Its canonical JSON (RFC 8785) is stored as one raw block: the dataset's
/// identity is that block's CID (CIDv1, raw, sha2-256) and its integrity hash, the value recorded on chain, is the
/// SHA-256 of the canonical bytes, which is the digest inside that CID.</summary>
public sealed record SealedDatasetManifest
{
    /// <summary>The manifest format version this code writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The value of the <c>format</c> field.</summary>
    public const string FormatName = "vault.sealed-dataset";

    /// <summary>Largest canonical manifest, in bytes: IPFS nodes refuse raw blocks above 1 MiB.</summary>
    public const int MaxLength = 1024 * 1024;

    /// <summary>The field values read as missing (after trimming, ignoring ASCII case), sorted; recorded in the manifest.</summary>
    public static ImmutableArray<string> MissingTokens { get; } = ["", "?", "n/a", "na", "nan", "null"];

    /// <summary>The rows, columns, slots, level and scale of the ciphertexts.</summary>
    public required PackingLayout Layout { get; init; }

    /// <summary>Every column, in input order (as many as <see cref="PackingLayout.Columns"/>).</summary>
    public required ImmutableArray<SealedColumn> Columns { get; init; }

    /// <summary>The rule applied to missing values.</summary>
    public required MissingValueRule MissingValues { get; init; }

    /// <summary>The CKKS parameters and public keys, by CID.</summary>
    public required DatasetKeyReferences Keys { get; init; }

    /// <summary>The policy, stored as one raw block.</summary>
    public required Cid Policy { get; init; }

    /// <summary>Who sealed the dataset (free text for now; an Ethereum address once Vault.Ethereum exists).</summary>
    public required string Provider { get; init; }

    /// <summary>When the dataset was sealed, in UTC, whole seconds (given by the caller, never read from a clock here).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The ciphertext blocks in layout order (<see cref="PackingLayout.CiphertextIndex"/>): each the UnixFS
    /// root of one ciphertext in the CKKS binary format.</summary>
    public required ImmutableArray<Cid> Blocks { get; init; }

    /// <summary>The design rows for encrypted training, when the provider sealed them (null otherwise).</summary>
    public TrainingPacking? Training { get; init; }

    /// <summary>The rows of the dataset.</summary>
    public long Rows => Layout.Rows;

    /// <summary>Every CID the manifest references: the blocks, the key objects, the policy.</summary>
    public IEnumerable<Cid> ReferencedCids() => Blocks.Concat(Training?.Blocks ?? []).Concat(Keys.All()).Append(Policy);

    /// <summary>The canonical JSON bytes (RFC 8785; UTF-8, sorted keys, no whitespace).</summary>
    /// <exception cref="ManifestFormatException">The manifest is inconsistent (counts, CIDs, limits).</exception>
    public byte[] ToCanonicalJson()
    {
        Validate();
        byte[] bytes = CanonicalJson.Encode(ToJsonNode());
        if (bytes.Length > MaxLength)
            throw new ManifestFormatException($"Manifest: {bytes.Length} bytes exceed the {MaxLength}-byte limit of a version-1 manifest ({Blocks.Length} blocks); seal with a larger N (more rows per ciphertext) or split the dataset.");
        return bytes;
    }

    /// <summary>The manifest as the raw block whose CID is the dataset's identity.</summary>
    public Block ToBlock() => Block.Create(Multicodec.Raw, ToCanonicalJson());

    /// <summary>The integrity hash of canonical manifest bytes: their SHA-256 (the digest of the manifest's CID).</summary>
    public static byte[] IntegrityHash(ReadOnlySpan<byte> canonicalJson) => SHA256.HashData(canonicalJson);

    /// <summary>Parses canonical manifest bytes. The bytes must be exactly the canonical encoding of what they hold:
    /// any other spelling (whitespace, key order, number form, unknown keys) is rejected, so one manifest has one CID.</summary>
    /// <exception cref="ManifestFormatException">The bytes are not a valid canonical version-1 manifest.</exception>
    public static SealedDatasetManifest Parse(ReadOnlySpan<byte> json)
    {
        if (json.Length > MaxLength) throw new ManifestFormatException($"Manifest: {json.Length} bytes exceed the {MaxLength}-byte limit.");
        SealedDatasetManifest manifest;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 8 });
            manifest = FromJson(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new ManifestFormatException($"Manifest: not valid JSON: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new ManifestFormatException($"Manifest: {e.Message}", e);
        }
        byte[] canonical = manifest.ToCanonicalJson();
        if (!json.SequenceEqual(canonical))
            throw new ManifestFormatException("Manifest: the bytes are not the canonical encoding of the manifest they hold (key order, whitespace, number form, escapes or unknown keys differ); canonical manifests only.");
        return manifest;
    }

    private void Validate()
    {
        ArgumentNullException.ThrowIfNull(Layout);
        ArgumentNullException.ThrowIfNull(Keys);
        ArgumentNullException.ThrowIfNull(Policy);
        ArgumentNullException.ThrowIfNull(Provider);
        var l = Layout;
        if (l.Rows < 1 || l.Rows > CanonicalJson.MaxSafeInteger) throw new ManifestFormatException($"Manifest: rows = {l.Rows} outside [1, 2^53].");
        if (l.Columns is < 1 or > DatasetSchema.MaxColumns) throw new ManifestFormatException($"Manifest: {l.Columns} columns outside [1, {DatasetSchema.MaxColumns}].");
        if (l.Slots < 1 || !int.IsPow2(l.Slots)) throw new ManifestFormatException($"Manifest: slots = {l.Slots} is not a power of two.");
        if (l.Level < 0) throw new ManifestFormatException($"Manifest: level {l.Level} is negative.");
        if (l.LogScale is < 1 or > 60) throw new ManifestFormatException($"Manifest: logScale {l.LogScale} outside [1, 60].");
        if (Columns.IsDefault || Columns.Length != l.Columns) throw new ManifestFormatException($"Manifest: {(Columns.IsDefault ? 0 : Columns.Length)} column entries, but the layout has {l.Columns} columns.");
        if (Blocks.IsDefault || Blocks.Length != l.Ciphertexts)
            throw new ManifestFormatException($"Manifest: {(Blocks.IsDefault ? 0 : Blocks.Length)} blocks, but {l.Rows} rows × {l.Columns} columns in blocks of {l.Slots} rows need {l.Ciphertexts}.");
        if (!Enum.IsDefined(MissingValues)) throw new ManifestFormatException("Manifest: unknown missing-value rule.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in Columns)
        {
            if (c is null || string.IsNullOrEmpty(c.Name) || c.Name.Length > DatasetSchema.MaxNameLength) throw new ManifestFormatException("Manifest: a column has no valid name.");
            if (!names.Add(c.Name)) throw new ManifestFormatException($"Manifest: column name '{c.Name}' repeats.");
            if (!Enum.IsDefined(c.Type) || c.Normalisation is null || !Enum.IsDefined(c.Normalisation.Method) || !Enum.IsDefined(c.Normalisation.Source))
                throw new ManifestFormatException($"Manifest: column '{c.Name}' has an unknown type, normalisation method or source.");
            if (!double.IsFinite(c.Normalisation.Offset) || !double.IsFinite(c.Normalisation.Scale) || c.Normalisation.Scale == 0)
                throw new ManifestFormatException($"Manifest: column '{c.Name}' has a non-finite offset or a zero or non-finite scale.");
            if (c.Imputed < 0 || c.Imputed > l.Rows) throw new ManifestFormatException($"Manifest: column '{c.Name}' has {c.Imputed} imputed values for {l.Rows} rows.");
            if (MissingValues == MissingValueRule.Reject && c.Imputed != 0) throw new ManifestFormatException($"Manifest: column '{c.Name}' has imputed values under the reject rule.");
        }
        if (Provider.Length > 256) throw new ManifestFormatException("Manifest: the provider is longer than 256 characters.");
        if (Keys.ParameterId is not { Length: 64 } id || !id.All(char.IsAsciiHexDigitLower)) throw new ManifestFormatException("Manifest: keys.parameterId must be 64 lower-case hex digits.");
        RequireV1(Policy, "policy", rawOnly: true);
        foreach (var cid in Keys.All()) RequireV1(cid, "a key object", rawOnly: false);
        foreach (var cid in Blocks) RequireV1(cid, "a block", rawOnly: false);
        if (Training is { } t)
        {
            if (t.Features.IsDefault || t.Blocks.IsDefault || !names.Contains(t.Label) || t.Features.Contains(t.Label) || t.Features.Any(f => !names.Contains(f)) || t.Features.Distinct(StringComparer.Ordinal).Count() != t.Features.Length)
                throw new ManifestFormatException("Manifest: training.label and training.features must name distinct columns of the dataset.");
            if (!Enum.IsDefined(t.Design)) throw new ManifestFormatException("Manifest: unknown training design.");
            if (t.Stride != TrainingPacking.StrideFor(t.Width) || t.RowsPerCiphertext != l.Slots / (2 * t.Stride) || t.RowsPerCiphertext < 1)
                throw new ManifestFormatException($"Manifest: training rows of {t.Width} values need stride {TrainingPacking.StrideFor(t.Width)} and {l.Slots / (2 * TrainingPacking.StrideFor(t.Width))} rows per ciphertext.");
            if (t.Blocks.Length != t.CiphertextsFor(l.Rows))
                throw new ManifestFormatException($"Manifest: {t.Blocks.Length} training blocks, but {l.Rows} rows at {t.RowsPerCiphertext} per ciphertext need {t.CiphertextsFor(l.Rows)}.");
            foreach (var cid in t.Blocks) RequireV1(cid, "a training block", rawOnly: false);
            if (t.HessianBound.IsDefault || t.HessianBound.Length != t.Features.Length + 1 || t.HessianBound.Any(h => !double.IsFinite(h) || h < 0))
                throw new ManifestFormatException($"Manifest: training.hessianBound must hold {t.Features.Length + 1} finite non-negative numbers.");
        }
        if (CreatedAt.Offset != TimeSpan.Zero || CreatedAt.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ManifestFormatException("Manifest: createdAt must be UTC and whole seconds.");
    }

    private static void RequireV1(Cid? cid, string what, bool rawOnly)
    {
        if (cid is null) throw new ManifestFormatException($"Manifest: {what} has no CID.");
        if (cid.Version != 1 || cid.Multihash.Code != MultihashCode.Sha2256 || !(cid.Codec == Multicodec.Raw || (!rawOnly && cid.Codec == Multicodec.DagPb)))
            throw new ManifestFormatException($"Manifest: {what} has CID {cid}; version 1 needs CIDv1 sha2-256 {(rawOnly ? "raw" : "raw or dag-pb")} CIDs.");
    }

    private JsonObject ToJsonNode()
    {
        var columns = new JsonArray();
        foreach (var c in Columns)
        {
            columns.Add(new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = DatasetNames.Of(c.Type),
                ["imputed"] = c.Imputed,
                ["normalisation"] = new JsonObject
                {
                    ["method"] = DatasetNames.Of(c.Normalisation.Method),
                    ["offset"] = c.Normalisation.Offset,
                    ["scale"] = c.Normalisation.Scale,
                    ["source"] = c.Normalisation.Source == NormalisationSource.Declared ? "declared" : "observed",
                },
            });
        }
        var keys = new JsonObject
        {
            ["parameterId"] = Keys.ParameterId,
            ["secure"] = Keys.IsSecure,
            ["parameters"] = Keys.Parameters.ToString(),
            ["publicKey"] = Keys.PublicKey.ToString(),
        };
        if (Keys.RelinearizationKey is not null) keys["relinearizationKey"] = Keys.RelinearizationKey.ToString();
        if (Keys.GaloisKeys is not null) keys["galoisKeys"] = Keys.GaloisKeys.ToString();
        var tokens = new JsonArray();
        foreach (string token in MissingTokens) tokens.Add(token);
        var blocks = new JsonArray();
        foreach (var b in Blocks) blocks.Add(b.ToString());
        var node = new JsonObject
        {
            ["format"] = FormatName,
            ["version"] = FormatVersion,
            ["rows"] = Layout.Rows,
            ["columns"] = columns,
            ["layout"] = new JsonObject
            {
                ["kind"] = PackingLayout.ColumnMajorKind,
                ["slots"] = Layout.Slots,
                ["rowBlocks"] = Layout.RowBlocks,
                ["ciphertexts"] = Layout.Ciphertexts,
                ["level"] = Layout.Level,
                ["logScale"] = Layout.LogScale,
            },
            ["missingValues"] = new JsonObject { ["rule"] = DatasetNames.Of(MissingValues), ["tokens"] = tokens },
            ["keys"] = keys,
            ["policy"] = Policy.ToString(),
            ["provider"] = Provider,
            ["createdAt"] = CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["blocks"] = blocks,
        };
        if (Training is { } t)
        {
            var features = new JsonArray();
            foreach (string f in t.Features) features.Add(f);
            var trainingBlocks = new JsonArray();
            foreach (var b in t.Blocks) trainingBlocks.Add(b.ToString());
            var bound = new JsonArray();
            foreach (double h in t.HessianBound) bound.Add(h);
            node["training"] = new JsonObject
            {
                ["design"] = DatasetNames.Of(t.Design),
                ["label"] = t.Label,
                ["features"] = features,
                ["stride"] = t.Stride,
                ["rowsPerCiphertext"] = t.RowsPerCiphertext,
                ["blocks"] = trainingBlocks,
                ["hessianBound"] = bound,
            };
        }
        return node;
    }

    private static SealedDatasetManifest FromJson(JsonElement root)
    {
        var o = new JsonFields(root, "manifest");
        string format = o.String("format");
        if (format != FormatName) throw new ManifestFormatException($"Manifest: format is \"{format}\", not \"{FormatName}\".");
        long version = o.Integer("version");
        if (version != FormatVersion) throw new ManifestFormatException($"Manifest: version {version} is not supported (this code reads version {FormatVersion}).");
        long rows = o.Integer("rows");

        var columns = ImmutableArray.CreateBuilder<SealedColumn>();
        foreach (var item in o.Array("columns"))
        {
            var c = new JsonFields(item, "a column");
            var n = new JsonFields(c.Object("normalisation"), "a column's normalisation");
            var type = DatasetNames.ParseColumnType(c.String("type")) ?? throw new ManifestFormatException("Manifest: a column has an unknown type.");
            var method = DatasetNames.ParseNormalisation(n.String("method")) ?? throw new ManifestFormatException("Manifest: a column has an unknown normalisation method.");
            var source = n.String("source") switch
            {
                "declared" => NormalisationSource.Declared,
                "observed" => NormalisationSource.Observed,
                _ => throw new ManifestFormatException("Manifest: a column's normalisation source is neither \"declared\" nor \"observed\"."),
            };
            columns.Add(new SealedColumn(c.String("name"), type, new ColumnNormalisation(method, n.Number("offset"), n.Number("scale"), source), c.Integer("imputed")));
        }

        var layout = new JsonFields(o.Object("layout"), "layout");
        if (layout.String("kind") != PackingLayout.ColumnMajorKind) throw new ManifestFormatException($"Manifest: layout kind must be \"{PackingLayout.ColumnMajorKind}\".");
        var packing = new PackingLayout(rows, columns.Count, ToInt(layout.Integer("slots"), "slots"), ToInt(layout.Integer("level"), "level"), ToInt(layout.Integer("logScale"), "logScale"));
        if (packing.Slots < 1 || !int.IsPow2(packing.Slots)) throw new ManifestFormatException($"Manifest: slots = {packing.Slots} is not a power of two.");
        if (layout.Integer("rowBlocks") != packing.RowBlocks || layout.Integer("ciphertexts") != packing.Ciphertexts)
            throw new ManifestFormatException($"Manifest: layout.rowBlocks/ciphertexts disagree with {rows} rows, {columns.Count} columns and {packing.Slots} slots per ciphertext.");

        var missing = new JsonFields(o.Object("missingValues"), "missingValues");
        var rule = DatasetNames.ParseMissingValueRule(missing.String("rule")) ?? throw new ManifestFormatException("Manifest: unknown missing-value rule.");
        var tokens = missing.Array("tokens").Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() : null).ToList();
        if (!tokens.SequenceEqual(MissingTokens)) throw new ManifestFormatException("Manifest: missingValues.tokens differ from version 1's fixed list.");

        var keys = new JsonFields(o.Object("keys"), "keys");
        var references = new DatasetKeyReferences(keys.String("parameterId"), keys.Boolean("secure"), ParseCid(keys.String("parameters")), ParseCid(keys.String("publicKey")),
            keys.Has("relinearizationKey") ? ParseCid(keys.String("relinearizationKey")) : null,
            keys.Has("galoisKeys") ? ParseCid(keys.String("galoisKeys")) : null);

        string created = o.String("createdAt");
        if (!DateTimeOffset.TryParseExact(created, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var createdAt))
            throw new ManifestFormatException($"Manifest: createdAt \"{created}\" is not yyyy-MM-ddTHH:mm:ssZ.");

        TrainingPacking? training = null;
        if (o.Has("training"))
        {
            var t = new JsonFields(o.Object("training"), "training");
            training = new TrainingPacking(
                DatasetNames.ParseTrainingDesign(t.String("design")) ?? throw new ManifestFormatException("Manifest: training.design is neither \"logistic\" nor \"linear\"."),
                t.String("label"),
                [.. t.Array("features").Select(f => f.ValueKind == JsonValueKind.String ? f.GetString()! : throw new ManifestFormatException("Manifest: a training feature is not a string."))],
                ToInt(t.Integer("stride"), "training.stride"), ToInt(t.Integer("rowsPerCiphertext"), "training.rowsPerCiphertext"),
                [.. t.Array("blocks").Select(b => ParseCid(b.ValueKind == JsonValueKind.String ? b.GetString()! : throw new ManifestFormatException("Manifest: a training block is not a CID string.")))],
                [.. t.Array("hessianBound").Select(h => h.ValueKind == JsonValueKind.Number && h.TryGetDouble(out double v) ? v : throw new ManifestFormatException("Manifest: training.hessianBound holds a non-number."))]);
        }

        return new SealedDatasetManifest
        {
            Training = training,
            Layout = packing,
            Columns = columns.ToImmutable(),
            MissingValues = rule,
            Keys = references,
            Policy = ParseCid(o.String("policy")),
            Provider = o.String("provider"),
            CreatedAt = createdAt,
            Blocks = [.. o.Array("blocks").Select(b => ParseCid(b.ValueKind == JsonValueKind.String ? b.GetString()! : throw new ManifestFormatException("Manifest: a block is not a CID string.")))],
        };
    }

    private static int ToInt(long value, string name) =>
        value is >= 0 and <= int.MaxValue ? (int)value : throw new ManifestFormatException($"Manifest: layout.{name} = {value} is out of range.");

    private static Cid ParseCid(string text)
    {
        try
        {
            return Cid.Parse(text);
        }
        catch (CidFormatException e)
        {
            throw new ManifestFormatException($"Manifest: \"{text}\" is not a CID: {e.Message}", e);
        }
    }

    /// <summary>Typed access to the members of one JSON object, with errors naming the field.</summary>
    private readonly struct JsonFields
    {
        private readonly JsonElement _element;
        private readonly string _what;

        public JsonFields(JsonElement element, string what)
        {
            if (element.ValueKind != JsonValueKind.Object) throw new ManifestFormatException($"Manifest: {what} is not a JSON object.");
            _element = element;
            _what = what;
        }

        public bool Has(string name) => _element.TryGetProperty(name, out _);

        public string String(string name) =>
            Get(name, JsonValueKind.String).GetString() ?? throw new ManifestFormatException($"Manifest: {_what}.{name} is null.");

        public bool Boolean(string name)
        {
            var e = Required(name);
            return e.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new ManifestFormatException($"Manifest: {_what}.{name} must be true or false."),
            };
        }

        public long Integer(string name)
        {
            var e = Get(name, JsonValueKind.Number);
            if (!e.TryGetInt64(out long v) || v > CanonicalJson.MaxSafeInteger || v < -CanonicalJson.MaxSafeInteger)
                throw new ManifestFormatException($"Manifest: {_what}.{name} must be an integer of magnitude at most 2^53.");
            return v;
        }

        public double Number(string name)
        {
            var e = Get(name, JsonValueKind.Number);
            if (!e.TryGetDouble(out double v) || !double.IsFinite(v)) throw new ManifestFormatException($"Manifest: {_what}.{name} is not a finite number.");
            return v;
        }

        public JsonElement Object(string name) => Get(name, JsonValueKind.Object);

        public JsonElement.ArrayEnumerator Array(string name) => Get(name, JsonValueKind.Array).EnumerateArray();

        private JsonElement Get(string name, JsonValueKind kind)
        {
            var e = Required(name);
            if (e.ValueKind != kind) throw new ManifestFormatException($"Manifest: {_what}.{name} must be a JSON {kind.ToString().ToLowerInvariant()}.");
            return e;
        }

        private JsonElement Required(string name) =>
            _element.TryGetProperty(name, out var e) ? e : throw new ManifestFormatException($"Manifest: {_what} has no \"{name}\".");
    }
}
