using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Unicode;

namespace Vault.Policy;

/// <summary>Reads enclave policies written in YAML (<c>enclave-policies/README.md</c>). Strict: unknown, duplicate or
/// missing keys, wrong types, malformed addresses, digests, instants or durations, inverted ranges, negative counts,
/// anchors, aliases, tags, several documents and unsupported versions are all refused with a
/// <see cref="PolicyFormatException"/> that points at the offending node. The first problem found is reported; keys
/// are checked before values and values in the order the README lists them.</summary>
public static class PolicyDocument
{
    /// <summary>The only format version this parser reads (<c>version: 1</c>).</summary>
    public const int SupportedVersion = 1;

    /// <summary>The longest policy accepted: 1 MiB (UTF-8 bytes, or UTF-16 characters for a string), the size of the
    /// raw block a sealed dataset stores it in.</summary>
    public const int MaxLength = 1024 * 1024;

    /// <summary>The keys each mapping may hold, by path (<c>""</c> the document, <c>[]</c> any list item, <c>*</c> any
    /// hyperparameter name). The JSON schema names exactly these (a test checks it).</summary>
    internal static ImmutableDictionary<string, ImmutableArray<string>> KeysByPath { get; } = new Dictionary<string, ImmutableArray<string>>
    {
        [""] = ["version", "name", "description", "validFrom", "expires", "buyers", "minimumCohort", "algorithms", "budgets", "release"],
        ["algorithms[]"] = ["id", "digest", "hyperparameters", "outputs"],
        ["algorithms[].hyperparameters.*"] = ["min", "max", "allowed"],
        ["algorithms[].outputs[]"] = ["kind", "maxValues"],
        ["budgets"] = ["jobsPerBuyer", "totalDecryptions"],
        ["budgets.jobsPerBuyer"] = ["count", "period"],
        ["release"] = ["reexecute", "precisionBits"],
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Reads a policy from YAML text.</summary>
    /// <exception cref="PolicyFormatException">The text is not a valid policy; its line and column say where.</exception>
    public static EnclavePolicy Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml.Length > MaxLength)
            throw new PolicyFormatException(1, 1, $"the policy has {yaml.Length} characters; at most {MaxLength} are accepted");
        return Read(YamlTree.Read(yaml));
    }

    /// <summary>Reads a policy from UTF-8 bytes (a byte order mark is skipped).</summary>
    /// <exception cref="PolicyFormatException">The bytes are not UTF-8 or not a valid policy; the line and column say where.</exception>
    public static EnclavePolicy Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
            throw new PolicyFormatException(1, 1, $"the policy has {utf8.Length} bytes; at most {MaxLength} are accepted");
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) utf8 = utf8[3..];
        char[] chars = new char[utf8.Length];
        if (Utf8.ToUtf16(utf8, chars, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            var valid = chars.AsSpan(0, written);
            int lastNewline = valid.LastIndexOf('\n');
            throw new PolicyFormatException(valid.Count('\n') + 1, written - lastNewline,
                "the policy is not UTF-8 here; save it as UTF-8");
        }
        return Parse(new string(chars, 0, written));
    }

    private static EnclavePolicy Read(YamlTreeNode root)
    {
        var document = new Fields(root, "the policy", KeysByPath[""], checkKeys: false);
        // The version first, so a newer document is refused for its version rather than for its new keys.
        var versionNode = document.Required("version", "'version: 1' as the first line");
        if (versionNode is not YamlTreeScalar { IsInteger: true } version)
            throw versionNode.Error($"version must be a whole number such as 1, not {versionNode.Describe()}");
        if (!long.TryParse(version.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number) || number != SupportedVersion)
            throw versionNode.Error($"unsupported version {version.Value}; this parser reads version {SupportedVersion}: write 'version: {SupportedVersion}'");
        document.CheckKeys();

        var nameNode = document.Required("name", "a name such as 'name: hospital-default'");
        string name = Text(nameNode, "name", "a name such as hospital-default");
        if (!Syntax.IsName(name))
            throw nameNode.Error($"the name '{name}' is not allowed; write up to 64 letters, digits, '.', '-' or '_', starting with a letter or digit, such as hospital-default");
        string description = document.Optional("description") is { } d ? Text(d, "description", "a sentence in quotes") : "";

        var validFromNode = document.Optional("validFrom");
        var expiresNode = document.Optional("expires");
        DateTimeOffset? validFrom = validFromNode is null ? null : Instant(validFromNode, "validFrom");
        DateTimeOffset? expires = expiresNode is null ? null : Instant(expiresNode, "expires");
        if (validFrom is { } from && expires is { } until && until <= from)
            throw expiresNode!.Error($"expires {Syntax.FormatInstant(until)} is not after validFrom {Syntax.FormatInstant(from)}; write a later instant");

        var (anyBuyer, buyers) = Buyers(document.Required("buyers", "'buyers: open' or a list of 0x addresses"));
        long minimumCohort = Integer(document.Required("minimumCohort", "the fewest rows a job may use, such as 'minimumCohort: 100'"),
            "minimumCohort", 1, long.MaxValue, "100");
        var algorithms = Algorithms(document.Required("algorithms", "'algorithms: []' (no job allowed) or a list of algorithms"));

        var budgets = new Fields(document.Required("budgets", "'budgets:' with jobsPerBuyer and totalDecryptions"), "budgets", KeysByPath["budgets"]);
        var jobsPerBuyer = new Fields(budgets.Required("jobsPerBuyer", "'jobsPerBuyer: { count: 5, period: P30D }'"),
            "budgets.jobsPerBuyer", KeysByPath["budgets.jobsPerBuyer"]);
        int jobCount = (int)Integer(jobsPerBuyer.Required("count", "'count: 5'"), "budgets.jobsPerBuyer.count", 0, int.MaxValue, "5");
        var periodNode = jobsPerBuyer.Required("period", "'period: P30D'");
        if (!Syntax.TryParseDuration(Text(periodNode, "budgets.jobsPerBuyer.period", "P30D"), out var period))
            throw periodNode.Error("budgets.jobsPerBuyer.period must be whole days and hours in ISO 8601 (P30D, PT12H or P1DT12H; months and years vary in length), more than zero and at most P36500D");
        int totalDecryptions = (int)Integer(budgets.Required("totalDecryptions", "'totalDecryptions: 100'"),
            "budgets.totalDecryptions", 0, int.MaxValue, "100");

        var release = new Fields(document.Required("release", "'release:' with reexecute and precisionBits"), "release", KeysByPath["release"]);
        bool reexecute = Boolean(release.Required("reexecute", "'reexecute: true'"), "release.reexecute");
        int precisionBits = (int)Integer(release.Required("precisionBits", "'precisionBits: 20'"), "release.precisionBits", 1, 52, "20");

        return new EnclavePolicy
        {
            Name = name,
            Description = description,
            ValidFrom = validFrom,
            Expires = expires,
            AllowsAnyBuyer = anyBuyer,
            Buyers = buyers,
            MinimumCohort = minimumCohort,
            Algorithms = algorithms,
            JobsPerBuyer = jobCount,
            JobsPerBuyerPeriod = period,
            TotalDecryptions = totalDecryptions,
            ReleaseRequiresReexecution = reexecute,
            ReleasePrecisionBits = precisionBits,
        };
    }

    private static (bool Any, ImmutableArray<string> Buyers) Buyers(YamlTreeNode node)
    {
        if (node is YamlTreeScalar { IsNull: false, Value: "open" }) return (true, []);
        if (node is not YamlTreeSequence list)
            throw node.Error($"buyers must be 'open' or a list of 0x addresses (write [] for nobody), not {node.Describe()}");
        var buyers = ImmutableArray.CreateBuilder<string>(list.Items.Count);
        for (int i = 0; i < list.Items.Count; i++)
        {
            var item = list.Items[i];
            string text = Text(item, $"buyers[{i}]", "an address such as \"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed\"");
            if (!Syntax.TryNormaliseAddress(text, out string address))
                throw item.Error($"'{text}' is not an address; write 0x followed by 40 hex digits, in quotes");
            if (buyers.Contains(address))
                throw item.Error($"the buyer {address} is listed twice (addresses ignore case); keep one");
            buyers.Add(address);
        }
        return (false, buyers.MoveToImmutable());
    }

    private static ImmutableArray<AllowedAlgorithm> Algorithms(YamlTreeNode node)
    {
        var list = Sequence(node, "algorithms", "'algorithms: []' or a list of '- id: …' entries");
        var algorithms = ImmutableArray.CreateBuilder<AllowedAlgorithm>(list.Items.Count);
        for (int i = 0; i < list.Items.Count; i++)
        {
            string path = $"algorithms[{i}]";
            var fields = new Fields(list.Items[i], path, KeysByPath["algorithms[]"]);
            var idNode = fields.Required("id", "'id: logistic-regression'");
            string id = Text(idNode, path + ".id", "logistic-regression");
            if (!AlgorithmIds.All.Contains(id))
                throw idNode.Error($"unknown algorithm '{id}'; write one of {string.Join(", ", AlgorithmIds.All)}");
            if (algorithms.Any(a => a.Id == id))
                throw idNode.Error($"the algorithm '{id}' is listed twice; merge the two entries");

            string? digest = null;
            if (fields.Optional("digest") is { } digestNode
                && !Syntax.TryNormaliseDigest(Text(digestNode, path + ".digest", "sha256:<64 hex digits>"), out digest))
                throw digestNode.Error($"{path}.digest must be sha256: followed by 64 hex digits, or left out to allow any build");

            var hyperparameters = fields.Optional("hyperparameters") is { } h
                ? Hyperparameters(h, path + ".hyperparameters")
                : ImmutableSortedDictionary.Create<string, HyperparameterRange>(StringComparer.Ordinal);
            var outputs = Outputs(fields.Required("outputs", "'outputs:' with at least one '- kind: …' entry"), path + ".outputs");
            algorithms.Add(new AllowedAlgorithm(id, digest, hyperparameters, outputs));
        }
        return algorithms.MoveToImmutable();
    }

    private static ImmutableSortedDictionary<string, HyperparameterRange> Hyperparameters(YamlTreeNode node, string path)
    {
        if (node is not YamlTreeMapping mapping)
            throw node.Error($"{path} must be a mapping of names to ranges, such as 'iterations: {{ min: 1, max: 10 }}', not {node.Describe()}");
        var ranges = ImmutableSortedDictionary.CreateBuilder<string, HyperparameterRange>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            if (!Syntax.IsHyperparameterName(key.Value))
                throw key.Error($"'{key.Value}' is not a hyperparameter name; write camelCase ASCII (a lowercase letter, then letters and digits), such as learningRate");
            ranges.Add(key.Value, Range(value, $"{path}.{key.Value}"));
        }
        return ranges.ToImmutable();
    }

    private static HyperparameterRange Range(YamlTreeNode node, string path)
    {
        var fields = new Fields(node, path, KeysByPath["algorithms[].hyperparameters.*"]);
        if (fields.Optional("allowed") is { } allowedNode)
        {
            if ((fields.Key("min") ?? fields.Key("max")) is { } both)
                throw both.Error($"{path} has both allowed and {both.Value}; write either '{{ min: …, max: … }}' or '{{ allowed: [...] }}'");
            var list = Sequence(allowedNode, path + ".allowed", "a list of numbers such as [3, 5, 7]");
            if (list.Items.Count == 0)
                throw list.Error($"{path}.allowed is empty; list at least one value, or remove the hyperparameter to allow none");
            var values = ImmutableArray.CreateBuilder<double>(list.Items.Count);
            for (int i = 0; i < list.Items.Count; i++)
            {
                double v = Number(list.Items[i], $"{path}.allowed[{i}]");
                if (values.Contains(v))
                    throw list.Items[i].Error($"{HyperparameterRange.Format(v)} is listed twice in {path}.allowed; keep one");
                values.Add(v);
            }
            return new HyperparameterRange(values.Min(), values.Max(), values.MoveToImmutable());
        }
        double min = Number(fields.Required("min", "'min: …' and 'max: …', or 'allowed: [...]'"), path + ".min");
        var maxNode = fields.Required("max", "'max: …'");
        double max = Number(maxNode, path + ".max");
        if (max < min)
            throw maxNode.Error($"{path}.max {HyperparameterRange.Format(max)} is below its min {HyperparameterRange.Format(min)}; write a max of at least {HyperparameterRange.Format(min)}");
        return new HyperparameterRange(min, max, []);
    }

    private static ImmutableArray<OutputLimit> Outputs(YamlTreeNode node, string path)
    {
        var list = Sequence(node, path, "a list of '- kind: …' entries");
        if (list.Items.Count == 0)
            throw list.Error($"{path} is empty; list at least one output, or remove the algorithm to allow none");
        var outputs = ImmutableArray.CreateBuilder<OutputLimit>(list.Items.Count);
        for (int i = 0; i < list.Items.Count; i++)
        {
            string itemPath = $"{path}[{i}]";
            var fields = new Fields(list.Items[i], itemPath, KeysByPath["algorithms[].outputs[]"]);
            var kindNode = fields.Required("kind", "'kind: model-weights'");
            string kind = Text(kindNode, itemPath + ".kind", "model-weights");
            if (!OutputKinds.All.Contains(kind))
                throw kindNode.Error($"unknown output kind '{kind}'; write one of {string.Join(", ", OutputKinds.All)}");
            if (outputs.Any(o => o.Kind == kind))
                throw kindNode.Error($"the output kind '{kind}' is listed twice for this algorithm; keep one");
            int maxValues = (int)Integer(fields.Required("maxValues", "'maxValues: 64'"), itemPath + ".maxValues", 1, int.MaxValue, "64");
            outputs.Add(new OutputLimit(kind, maxValues));
        }
        return outputs.MoveToImmutable();
    }

    private static YamlTreeSequence Sequence(YamlTreeNode node, string path, string example) =>
        node as YamlTreeSequence ?? throw node.Error($"{path} must be a list, not {node.Describe()}; write {example}");

    private static string Text(YamlTreeNode node, string path, string example)
    {
        if (node is not YamlTreeScalar scalar)
            throw node.Error($"{path} must be text, not {node.Describe()}; write {example}");
        if (scalar.IsNull)
            throw node.Error($"{path} has no value; write {example}");
        if (scalar.IsBoolean || scalar.IsNumber)
            throw node.Error($"{path} must be text, not {scalar.Describe()}; write it in quotes: \"{scalar.Value}\"");
        return scalar.Value;
    }

    private static long Integer(YamlTreeNode node, string path, long min, long max, string example)
    {
        if (node is not YamlTreeScalar { IsInteger: true } scalar)
            throw node.Error($"{path} must be a whole number such as {example}, not {node.Describe()}");
        if (!long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            || value < min || value > max)
            throw node.Error(max == long.MaxValue
                ? $"{path} must be at least {min}; it is {scalar.Value}"
                : $"{path} must be from {min} to {max}; it is {scalar.Value}");
        return value;
    }

    private static double Number(YamlTreeNode node, string path)
    {
        if (node is not YamlTreeScalar { IsNumber: true } scalar)
            throw node.Error($"{path} must be a number such as 10 or 0.5, not {node.Describe()}");
        if (!double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value))
            throw node.Error($"{path} must be a finite number; it is {scalar.Value}");
        return value;
    }

    private static bool Boolean(YamlTreeNode node, string path) =>
        node is YamlTreeScalar { IsBoolean: true } scalar
            ? scalar.Value is "true" or "True" or "TRUE"
            : throw node.Error($"{path} must be true or false (without quotes), not {node.Describe()}");

    private static DateTimeOffset Instant(YamlTreeNode node, string path)
    {
        string text = Text(node, path, "an instant such as 2026-01-01T00:00:00Z");
        return Syntax.TryParseInstant(text, out var instant)
            ? instant
            : throw node.Error($"{path} '{text}' is not an instant; write RFC 3339 with its offset, such as 2026-01-01T00:00:00Z");
    }

    /// <summary>A mapping read by key, with the keys it may hold.</summary>
    private sealed class Fields
    {
        private readonly YamlTreeMapping _mapping;
        private readonly string _path;
        private readonly ImmutableArray<string> _keys;

        public Fields(YamlTreeNode node, string path, ImmutableArray<string> keys, bool checkKeys = true)
        {
            _mapping = node as YamlTreeMapping
                ?? throw node.Error($"{path} must be a mapping with the keys {string.Join(", ", keys)}, not {node.Describe()}");
            _path = path;
            _keys = keys;
            if (checkKeys) CheckKeys();
        }

        public void CheckKeys()
        {
            foreach (var (key, _) in _mapping.Entries)
                if (!_keys.Contains(key.Value))
                    throw key.Error(Nearest(key.Value) is { } near
                        ? $"unknown key '{key.Value}' in {_path}; did you mean '{near}'? (keys are case-sensitive)"
                        : $"unknown key '{key.Value}' in {_path}; the keys are {string.Join(", ", _keys)}");
        }

        public YamlTreeScalar? Key(string key) => _mapping.Entries.FirstOrDefault(e => e.Key.Value == key).Key;

        public YamlTreeNode? Optional(string key) => _mapping.Entries.FirstOrDefault(e => e.Key.Value == key).Value;

        public YamlTreeNode Required(string key, string example) =>
            Optional(key) ?? throw _mapping.Error($"{_path} has no '{key}'; add {example}");

        private string? Nearest(string key) =>
            _keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
            ?? _keys.FirstOrDefault(k => EditDistance(k, key) <= 2);

        private static int EditDistance(string a, string b)
        {
            var row = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) row[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                int diagonal = row[0];
                row[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int above = row[j];
                    row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                    diagonal = above;
                }
            }
            return row[b.Length];
        }
    }
}
