using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;
using YamlDotNet.RepresentationModel;
using static Vault.Policy.Tests.TestPolicies;

namespace Vault.Policy.Tests;

/// <summary>enclave-policies/policy.schema.json, the parser and the README describe the same format.</summary>
public sealed partial class PolicySchemaTests
{
    private static readonly string SchemaPath = Path.Combine(ExamplesDirectory, "policy.schema.json");

    private static JsonElement Schema { get; } = JsonDocument.Parse(File.ReadAllText(SchemaPath)).RootElement;

    public static TheoryData<string> Examples() => [.. TestPolicies.Examples];

    [Fact]
    public void Schema_NamesExactlyTheKeysTheParserAccepts()
    {
        var schemaKeys = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        Walk(Schema, "", schemaKeys);
        var parserKeys = PolicyDocument.KeysByPath.ToDictionary(p => p.Key, p => new SortedSet<string>(p.Value, StringComparer.Ordinal));
        Assert.Equal(parserKeys.Keys.Order(StringComparer.Ordinal), schemaKeys.Keys);
        foreach (var (path, keys) in schemaKeys)
            Assert.True(keys.SetEquals(parserKeys[path]), $"at '{path}' the schema names {string.Join(", ", keys)}; the parser accepts {string.Join(", ", parserKeys[path])}");
    }

    [Fact]
    public void Schema_RequiresExactlyTheKeysTheParserRequires()
    {
        // Leaving out a top-level key the schema requires must fail to parse; leaving out any other must not.
        var required = Schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        foreach (string key in PolicyDocument.KeysByPath[""].Where(k => k != "description")) // the baseline has no description
        {
            string yaml = WithoutTopLevelKey(Baseline, key);
            Assert.NotEqual(Baseline, yaml);
            var error = Record.Exception(() => PolicyDocument.Parse(yaml));
            if (required.Contains(key)) Assert.Contains($"the policy has no '{key}'", Assert.IsType<PolicyFormatException>(error).Problem, StringComparison.Ordinal);
            else Assert.Null(error);
        }
    }

    private static string WithoutTopLevelKey(string yaml, string key)
    {
        var kept = new List<string>();
        bool skipping = false;
        foreach (string line in yaml.Split('\n'))
        {
            if (line.Length > 0 && line[0] != ' ') skipping = line.StartsWith(key + ":", StringComparison.Ordinal);
            if (!skipping) kept.Add(line);
        }
        return string.Join('\n', kept);
    }

    [Fact]
    public void Schema_EnumsMatchTheIdsAndKinds()
    {
        var defs = Schema.GetProperty("$defs");
        Assert.Equal(AlgorithmIds.All, defs.GetProperty("algorithm").GetProperty("properties").GetProperty("id").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(OutputKinds.All, defs.GetProperty("output").GetProperty("properties").GetProperty("kind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Validate_ShippedExample_SatisfiesTheSchema(string file)
    {
        var schema = await LoadSchemaAsync();
        var errors = schema.Validate(ToJson(ReadExample(file)));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => e.ToString())));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_NamesTheSchemaOnItsFirstLine(string file) =>
        Assert.Equal("# yaml-language-server: $schema=./policy.schema.json", ReadExample(file).Split('\n')[0]);

    [Fact]
    public async Task Validate_Baseline_SatisfiesTheSchema()
    {
        var schema = await LoadSchemaAsync();
        Assert.Empty(schema.Validate(ToJson(Baseline)));
    }

    /// <summary>Documents the parser refuses and the schema can describe: the schema refuses them too.</summary>
    [Theory]
    [InlineData("precisionBits: 20\n", "precisionBits: 20\ncolour: red\n")]
    [InlineData("minimumCohort: 100", "minimumcohort: 100")]
    [InlineData("minimumCohort: 100\n", "")]
    [InlineData("version: 1", "version: 2")]
    [InlineData("version: 1", "version: \"1\"")]
    [InlineData("minimumCohort: 100", "minimumCohort: 0")]
    [InlineData("minimumCohort: 100", "minimumCohort: 100.5")]
    [InlineData("count: 2", "count: -1")]
    [InlineData("precisionBits: 20", "precisionBits: 53")]
    [InlineData("reexecute: true", "reexecute: \"true\"")]
    [InlineData("name: test", "name: my policy")]
    [InlineData("buyers: [\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"]", "buyers: [\"0x1234\"]")]
    [InlineData("buyers: [\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"]", "buyers: everyone")]
    [InlineData("digest: sha256:", "digest: md5:")]
    [InlineData("period: P30D", "period: P1M")]
    [InlineData("validFrom: 2026-01-01T00:00:00Z", "validFrom: 2026-01-01")]
    [InlineData("- id: logistic-regression", "- id: svm")]
    [InlineData("kind: model-weights", "kind: everything")]
    [InlineData("maxValues: 64", "maxValues: 0")]
    [InlineData("    outputs:\n      - kind: model-weights\n        maxValues: 64\n", "    outputs: []\n")]
    [InlineData("degree: { allowed: [3, 5, 7] }", "degree: { min: 3, allowed: [3, 5, 7] }")]
    [InlineData("degree: { allowed: [3, 5, 7] }", "degree: { allowed: [] }")]
    [InlineData("iterations: { min: 1, max: 10 }", "iterations: { min: 1 }")]
    [InlineData("max: 10 }", "max: ten }")]
    public async Task Validate_DocumentTheParserRefuses_SchemaRefusesToo(string oldText, string newText)
    {
        string yaml = Edit(oldText, newText);
        Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(yaml));
        var schema = await LoadSchemaAsync();
        Assert.NotEmpty(schema.Validate(ToJson(yaml)));
    }

    [Fact]
    public void Readme_NamesEveryRuleIdAndKey()
    {
        string readme = File.ReadAllText(Path.Combine(ExamplesDirectory, "README.md"));
        foreach (var field in typeof(RuleIds).GetFields(BindingFlags.Public | BindingFlags.Static))
            Assert.Contains($"`{field.GetRawConstantValue()}`", readme, StringComparison.Ordinal);
        foreach (string key in PolicyDocument.KeysByPath.Values.SelectMany(k => k))
            Assert.Matches(new Regex($@"(^|\s|\{{ ){Regex.Escape(key)}:", RegexOptions.Multiline), readme);
        foreach (string id in AlgorithmIds.All.Concat(OutputKinds.All))
            Assert.Contains($"`{id}`", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_ErrorExample_IsWhatTheParserSays()
    {
        string yaml = ReadExample("hospital-default.yaml").Replace("iterations: { min: 1, max: 10 }", "iterations: { min: 10, max: 1 }", StringComparison.Ordinal);
        var e = Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(yaml));
        Assert.Contains("\n" + e.Message + "\n", File.ReadAllText(Path.Combine(ExamplesDirectory, "README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_ListsTheEvaluatorRulesInTheirOrder()
    {
        string readme = File.ReadAllText(Path.Combine(ExamplesDirectory, "README.md"));
        var rows = RuleRow().Matches(readme).Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value)).ToList();
        Assert.Equal(PolicyEvaluatorTests.Violations.Select((v, i) => (i + 1, v.RuleId)), rows);
    }

    /// <summary>The schema for NJsonSchema, which resolves draft-07 "definitions" but not 2020-12 "$defs"
    /// (RicoSuter/NJsonSchema#1536): the same schema with the keyword renamed.</summary>
    private static Task<JsonSchema> LoadSchemaAsync() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(SchemaPath).Replace("$defs", "definitions", StringComparison.Ordinal));

    /// <summary>Records, for every object schema with properties, its property names under a path: "" for the
    /// document, "[]" for list items, ".*" for the values of a free-form mapping.</summary>
    private static void Walk(JsonElement node, string path, SortedDictionary<string, SortedSet<string>> keys)
    {
        if (node.TryGetProperty("$ref", out var reference))
        {
            string name = reference.GetString()!["#/$defs/".Length..];
            Walk(Schema.GetProperty("$defs").GetProperty(name), path, keys);
        }
        if (node.TryGetProperty("properties", out var properties))
        {
            if (!keys.TryGetValue(path, out var set)) keys[path] = set = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var p in properties.EnumerateObject())
            {
                set.Add(p.Name);
                Walk(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}", keys);
            }
        }
        if (node.TryGetProperty("items", out var items)) Walk(items, path + "[]", keys);
        if (node.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object) Walk(values, path + ".*", keys);
        if (node.TryGetProperty("oneOf", out var branches))
            foreach (var branch in branches.EnumerateArray()) Walk(branch, path, keys);
    }

    /// <summary>YAML to JSON as an editor's YAML 1.2 core schema reads it: unquoted null, booleans and decimal numbers
    /// are typed; everything else is a string.</summary>
    private static string ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode)!.ToJsonString();
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(Convert)]),
        YamlScalarNode { Style: not YamlDotNet.Core.ScalarStyle.Plain } q => JsonValue.Create(q.Value),
        YamlScalarNode { Value: "" or "~" or "null" or "Null" or "NULL" } => null,
        YamlScalarNode { Value: "true" or "True" or "TRUE" } => JsonValue.Create(true),
        YamlScalarNode { Value: "false" or "False" or "FALSE" } => JsonValue.Create(false),
        YamlScalarNode p when IntegerText().IsMatch(p.Value!) => JsonNode.Parse(p.Value!.TrimStart('+')),
        YamlScalarNode p when FloatText().IsMatch(p.Value!) => JsonValue.Create(double.Parse(p.Value!, CultureInfo.InvariantCulture)),
        YamlScalarNode p => JsonValue.Create(p.Value),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerText();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatText();

    [GeneratedRegex(@"^\| (\d+) \| `([a-z.-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex RuleRow();
}
