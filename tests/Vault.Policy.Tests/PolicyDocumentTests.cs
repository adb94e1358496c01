using System.Text;

namespace Vault.Policy.Tests;

public sealed class PolicyDocumentTests
{
    public static TheoryData<string> Examples() => [.. TestPolicies.Examples];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Parse_ShippedExample_Succeeds(string file)
    {
        var policy = PolicyDocument.Parse(TestPolicies.ReadExample(file));
        Assert.Equal(Path.GetFileNameWithoutExtension(file), policy.Name);
    }

    [Fact]
    public void Parse_HospitalDefault_ReadsEveryField()
    {
        var p = PolicyDocument.Parse(TestPolicies.ReadExample("hospital-default.yaml"));
        Assert.StartsWith("Default policy for de-identified clinical tables", p.Description, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), p.ValidFrom);
        Assert.Equal(new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero), p.Expires);
        Assert.True(p.AllowsAnyBuyer);
        Assert.Empty(p.Buyers);
        Assert.Equal(100, p.MinimumCohort);
        Assert.Equal([AlgorithmIds.LogisticRegression, AlgorithmIds.Statistics], p.Algorithms.Select(a => a.Id));
        var lr = p.FindAlgorithm(AlgorithmIds.LogisticRegression)!;
        Assert.Equal(TestPolicies.Digest, lr.Digest);
        Assert.Equal(["degree", "iterations", "learningRate"], lr.Hyperparameters.Keys);
        Assert.Equal((1.0, 10.0), (lr.Hyperparameters["iterations"].Min, lr.Hyperparameters["iterations"].Max));
        Assert.Empty(lr.Hyperparameters["iterations"].Allowed);
        Assert.Equal([3.0, 5.0, 7.0], lr.Hyperparameters["degree"].Allowed.ToArray());
        Assert.Equal((3.0, 7.0), (lr.Hyperparameters["degree"].Min, lr.Hyperparameters["degree"].Max));
        Assert.Equal(0.1, lr.Hyperparameters["learningRate"].Min);
        Assert.Equal((OutputKinds.ModelWeights, 64), (lr.Outputs.Single().Kind, lr.Outputs.Single().MaxValues));
        var stats = p.FindAlgorithm(AlgorithmIds.Statistics)!;
        Assert.Empty(stats.Hyperparameters);
        Assert.Equal((OutputKinds.Statistics, 128), (stats.Outputs.Single().Kind, stats.Outputs.Single().MaxValues));
        Assert.Null(p.FindAlgorithm(AlgorithmIds.RidgeRegression));
        Assert.Equal(5, p.JobsPerBuyer);
        Assert.Equal(TimeSpan.FromDays(30), p.JobsPerBuyerPeriod);
        Assert.Equal(100, p.TotalDecryptions);
        Assert.True(p.ReleaseRequiresReexecution);
        Assert.Equal(20, p.ReleasePrecisionBits);
    }

    [Fact]
    public void Parse_ResearchConsortium_LowercasesBuyersAndKeepsOffsets()
    {
        var p = PolicyDocument.Parse(TestPolicies.ReadExample("research-consortium.yaml"));
        Assert.False(p.AllowsAnyBuyer);
        Assert.Equal(4, p.Buyers.Length);
        Assert.Equal(TestPolicies.Buyer, p.Buyers[0]);
        Assert.All(p.Buyers, b => Assert.Equal(b.ToLowerInvariant(), b));
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero), p.ValidFrom!.Value.ToUniversalTime());
        Assert.Null(p.FindAlgorithm(AlgorithmIds.LogisticRegression)!.Digest);
        Assert.Empty(p.FindAlgorithm(AlgorithmIds.LogisticInference)!.Hyperparameters);
        Assert.Equal(TimeSpan.FromDays(7), p.JobsPerBuyerPeriod);
        Assert.False(p.ReleaseRequiresReexecution);
        Assert.Equal(24, p.ReleasePrecisionBits);
    }

    [Fact]
    public void Parse_DenyAll_AllowsNobodyAndNothing()
    {
        var p = PolicyDocument.Parse(TestPolicies.ReadExample("deny-all.yaml"));
        Assert.False(p.AllowsAnyBuyer);
        Assert.Empty(p.Buyers);
        Assert.Empty(p.Algorithms);
        Assert.Equal(0, p.JobsPerBuyer);
        Assert.Equal(0, p.TotalDecryptions);
        Assert.Null(p.ValidFrom);
        Assert.Null(p.Expires);
    }

    [Fact]
    public void Parse_Baseline_ReadsDurationsInstantsAndRanges()
    {
        var p = TestPolicies.BaselinePolicy;
        Assert.Equal("", p.Description);
        Assert.Equal([TestPolicies.Buyer], p.Buyers.ToArray());
        Assert.Equal(2, p.JobsPerBuyer);
        Assert.Equal("[0.1, 20]", p.Algorithms[0].Hyperparameters["learningRate"].ToString());
        Assert.Equal("one of 3, 5, 7", p.Algorithms[0].Hyperparameters["degree"].ToString());
    }

    [Theory]
    [InlineData("P30D", 30 * 24)]
    [InlineData("PT12H", 12)]
    [InlineData("P1DT12H", 36)]
    [InlineData("P36500D", 36_500 * 24)]
    public void Parse_Period_ReadsDaysAndHours(string period, int hours)
    {
        var p = PolicyDocument.Parse(TestPolicies.Edit("period: P30D", $"period: {period}"));
        Assert.Equal(TimeSpan.FromHours(hours), p.JobsPerBuyerPeriod);
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00Z", 0)]
    [InlineData("2026-01-01T01:00:00+01:00", 0)]
    [InlineData("2025-12-31T19:00:00-05:00", 0)]
    [InlineData("2026-01-01T00:00:00.5Z", 5_000_000)]
    public void Parse_ValidFrom_ReadsOffsetsAndFractions(string instant, long ticksAfterMidnight)
    {
        var p = PolicyDocument.Parse(TestPolicies.Edit("validFrom: 2026-01-01T00:00:00Z", $"validFrom: {instant}"));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(ticksAfterMidnight), p.ValidFrom);
    }

    [Fact]
    public void Parse_OptionalKeysLeftOut_GivesNoValidityAndAnyBuild()
    {
        string yaml = TestPolicies.Baseline
            .Replace("validFrom: 2026-01-01T00:00:00Z\n", "", StringComparison.Ordinal)
            .Replace("expires: 2027-01-01T00:00:00Z\n", "", StringComparison.Ordinal)
            .Replace("    digest: " + TestPolicies.Digest + "\n", "", StringComparison.Ordinal);
        var p = PolicyDocument.Parse(yaml);
        Assert.Null(p.ValidFrom);
        Assert.Null(p.Expires);
        Assert.Null(p.Algorithms[0].Digest);
    }

    [Fact]
    public void Parse_QuotedKeysAndFlowStyle_AreTheSameDocument()
    {
        const string yaml = """
            {"version": 1, "name": "flow", "buyers": "open", "minimumCohort": 1, "algorithms": [],
             "budgets": {"jobsPerBuyer": {"count": 0, "period": "P1D"}, "totalDecryptions": 0},
             "release": {"reexecute": false, "precisionBits": 52}}
            """;
        var p = PolicyDocument.Parse(yaml);
        Assert.True(p.AllowsAnyBuyer);
        Assert.Equal(52, p.ReleasePrecisionBits);
        Assert.False(p.ReleaseRequiresReexecution);
    }

    [Fact]
    public void Parse_UppercaseDigest_IsLowercased()
    {
        var p = PolicyDocument.Parse(TestPolicies.Edit(TestPolicies.Digest, TestPolicies.Digest.ToUpperInvariant().Replace("SHA256", "sha256", StringComparison.Ordinal)));
        Assert.Equal(TestPolicies.Digest, p.Algorithms[0].Digest);
    }

    private const string AlgorithmsBlock = """
        algorithms:
          - id: logistic-regression
            digest: sha256:11b5b3c567503d28ba4ed08a8d618e99fe329058111509d61300765346250611
            hyperparameters:
              iterations: { min: 1, max: 10 }
              degree: { allowed: [3, 5, 7] }
              learningRate: { min: 0.1, max: 20 }
            outputs:
              - kind: model-weights
                maxValues: 64

        """;

    /// <summary>(text to replace in the baseline, its replacement, expected line, expected column, part of the message).</summary>
    public static TheoryData<string, string, int, int, string> Broken() => new()
    {
        // Keys: unknown, misspelt, repeated, missing (at the mapping that lacks it).
        { "precisionBits: 20\n", "precisionBits: 20\ncolour: red\n", 23, 1, "unknown key 'colour' in the policy; the keys are version, name," },
        { "minimumCohort: 100", "minimumcohort: 100", 6, 1, "did you mean 'minimumCohort'?" },
        { "totalDecryptions: 3", "totalDecryption: 3", 19, 3, "unknown key 'totalDecryption' in budgets; did you mean 'totalDecryptions'?" },
        { "name: test\n", "name: test\nname: other\n", 3, 1, "the key 'name' appears twice in this mapping (first on line 2); keep one" },
        { "minimumCohort: 100\n", "", 1, 1, "the policy has no 'minimumCohort'; add the fewest rows a job may use" },
        { "    outputs:\n      - kind: model-weights\n        maxValues: 64\n", "", 8, 5, "algorithms[0] has no 'outputs'" },
        { "iterations: { min: 1, max: 10 }", "iterations: { min: 1 }", 11, 19, "algorithms[0].hyperparameters.iterations has no 'max'" },
        // Version.
        { "version: 1", "version: 2", 1, 10, "unsupported version 2; this parser reads version 1: write 'version: 1'" },
        { "version: 1\n", "version: 2\nfuture: yes\n", 1, 10, "unsupported version 2" },
        { "version: 1", "version: 0", 1, 10, "unsupported version 0; this parser reads version 1" },
        { "version: 1", "version: 99999999999999999999", 1, 10, "unsupported version 99999999999999999999" },
        { "version: 1", "version: 1.0", 1, 10, "version must be a whole number such as 1, not the number 1.0" },
        { "version: 1", "version: \"1\"", 1, 10, "version must be a whole number such as 1, not the text '1'" },
        // Wrong types and ranges.
        { "minimumCohort: 100", "minimumCohort: lots", 6, 16, "minimumCohort must be a whole number such as 100, not the text 'lots'" },
        { "minimumCohort: 100", "minimumCohort: 100.5", 6, 16, "minimumCohort must be a whole number such as 100, not the number 100.5" },
        { "minimumCohort: 100", "minimumCohort: 0", 6, 16, "minimumCohort must be at least 1; it is 0" },
        { "minimumCohort: 100", "minimumCohort: 99999999999999999999", 6, 16, "minimumCohort must be at least 1" },
        { "count: 2", "count: -1", 18, 26, "budgets.jobsPerBuyer.count must be from 0 to 2147483647; it is -1" },
        { "totalDecryptions: 3", "totalDecryptions: -3", 19, 21, "budgets.totalDecryptions must be from 0 to 2147483647" },
        { "maxValues: 64", "maxValues: 0", 16, 20, "algorithms[0].outputs[0].maxValues must be from 1 to 2147483647" },
        { "precisionBits: 20", "precisionBits: 53", 22, 18, "release.precisionBits must be from 1 to 52; it is 53" },
        { "reexecute: true", "reexecute: yes", 21, 14, "release.reexecute must be true or false (without quotes), not the text 'yes'" },
        { "reexecute: true", "reexecute: \"true\"", 21, 14, "release.reexecute must be true or false" },
        { "name: test", "name: 2026", 2, 7, "name must be text, not the number 2026; write it in quotes: \"2026\"" },
        { "name: test", "name: my policy", 2, 7, "the name 'my policy' is not allowed" },
        { "name: test", "name: [test]", 2, 7, "name must be text, not a list" },
        { "budgets:\n  jobsPerBuyer: { count: 2, period: P30D }\n  totalDecryptions: 3\n", "budgets: 5\n", 17, 10, "budgets must be a mapping with the keys jobsPerBuyer, totalDecryptions, not the number 5" },
        { "hyperparameters:\n      iterations: { min: 1, max: 10 }\n      degree: { allowed: [3, 5, 7] }\n      learningRate: { min: 0.1, max: 20 }\n", "hyperparameters: [iterations]\n", 10, 22, "algorithms[0].hyperparameters must be a mapping of names to ranges" },
        // Ranges.
        { "iterations: { min: 1, max: 10 }", "iterations: { min: 10, max: 1 }", 11, 35, "algorithms[0].hyperparameters.iterations.max 1 is below its min 10; write a max of at least 10" },
        { "max: 10 }", "max: .inf }", 11, 34, "algorithms[0].hyperparameters.iterations.max must be a finite number; it is .inf" },
        { "max: 10 }", "max: ten }", 11, 34, "algorithms[0].hyperparameters.iterations.max must be a number such as 10 or 0.5, not the text 'ten'" },
        { "degree: { allowed: [3, 5, 7] }", "degree: { min: 3, allowed: [3, 5, 7] }", 12, 17, "has both allowed and min; write either" },
        { "degree: { allowed: [3, 5, 7] }", "degree: { allowed: [] }", 12, 26, "algorithms[0].hyperparameters.degree.allowed is empty" },
        { "allowed: [3, 5, 7]", "allowed: [3, 5, 3]", 12, 33, "3 is listed twice in algorithms[0].hyperparameters.degree.allowed" },
        { "iterations:", "Iterations:", 11, 7, "'Iterations' is not a hyperparameter name; write camelCase ASCII" },
        // Addresses, digests, durations, instants.
        { "buyers: [\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"]", "buyers: [\"0x1234\"]", 5, 10, "'0x1234' is not an address; write 0x followed by 40 hex digits" },
        { "buyers: [\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"]", "buyers: [\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\", \"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed\"]", 5, 56, "the buyer 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed is listed twice (addresses ignore case)" },
        { "buyers: [\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"]", "buyers: everyone", 5, 9, "buyers must be 'open' or a list of 0x addresses (write [] for nobody), not the text 'everyone'" },
        { "buyers: [\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"]", "buyers: [\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeG\"]", 5, 10, "is not an address" },
        { "digest: sha256:11b5b3c567503d28ba4ed08a8d618e99fe329058111509d61300765346250611", "digest: sha256:11b5", 9, 13, "algorithms[0].digest must be sha256: followed by 64 hex digits, or left out" },
        { "digest: sha256:", "digest: md5:", 9, 13, "algorithms[0].digest must be sha256:" },
        { "period: P30D", "period: P1M", 18, 37, "budgets.jobsPerBuyer.period must be whole days and hours in ISO 8601" },
        { "period: P30D", "period: P0D", 18, 37, "more than zero" },
        { "period: P30D", "period: P36501D", 18, 37, "at most P36500D" },
        { "validFrom: 2026-01-01T00:00:00Z", "validFrom: 2026-01-01", 3, 12, "validFrom '2026-01-01' is not an instant; write RFC 3339 with its offset" },
        { "validFrom: 2026-01-01T00:00:00Z", "validFrom: 2026-01-01T00:00:00", 3, 12, "is not an instant" },
        { "validFrom: 2026-01-01T00:00:00Z", "validFrom: 2026-13-01T00:00:00Z", 3, 12, "is not an instant" },
        { "expires: 2027-01-01T00:00:00Z", "expires: 2026-01-01T00:00:00Z", 4, 10, "expires 2026-01-01T00:00:00.0000000+00:00 is not after validFrom 2026-01-01T00:00:00.0000000+00:00" },
        // Algorithms and outputs.
        { "- id: logistic-regression", "- id: svm", 8, 9, "unknown algorithm 'svm'; write one of logistic-regression, ridge-regression, logistic-inference, linear-inference, statistics" },
        { "        maxValues: 64\n", "        maxValues: 64\n  - id: logistic-regression\n    outputs: [{ kind: scores, maxValues: 1 }]\n", 17, 9, "the algorithm 'logistic-regression' is listed twice; merge the two entries" },
        { "kind: model-weights", "kind: everything", 15, 15, "unknown output kind 'everything'; write one of model-weights, scores, statistics" },
        { "        maxValues: 64\n", "        maxValues: 64\n      - kind: model-weights\n        maxValues: 1\n", 17, 15, "the output kind 'model-weights' is listed twice for this algorithm" },
        { "    outputs:\n      - kind: model-weights\n        maxValues: 64\n", "    outputs: []\n", 14, 14, "algorithms[0].outputs is empty; list at least one output, or remove the algorithm to allow none" },
        { AlgorithmsBlock, "algorithms: none\n", 7, 13, "algorithms must be a list, not the text 'none'; write 'algorithms: []' or a list" },
        { AlgorithmsBlock, "algorithms: [7]\n", 7, 14, "algorithms[0] must be a mapping with the keys id, digest, hyperparameters, outputs, not the number 7" },
        // The YAML subset.
        { "minimumCohort: 100", "minimumCohort: &m 100", 6, 16, "anchors (&name) are not allowed in a policy" },
        { "minimumCohort: 100", "minimumCohort: *m", 6, 16, "aliases (*name) are not allowed in a policy" },
        { "minimumCohort: 100", "minimumCohort: !!int 100", 6, 16, "tags (tag:yaml.org,2002:int) are not allowed in a policy" },
        { "minimumCohort: 100", "[a]: 100", 6, 1, "a key must be a name, not a list" },
        { "precisionBits: 20\n", "precisionBits: 20\n---\nversion: 1\n", 23, 1, "a policy is one YAML document" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Parse_BrokenDocument_ThrowsWithPosition(string oldText, string newText, int line, int column, string message)
    {
        string yaml = TestPolicies.Edit(oldText, newText);
        var e = Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(yaml));
        Assert.Contains(message, e.Problem, StringComparison.Ordinal);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Equal($"line {line}, column {column}: {e.Problem}", e.Message);
    }

    [Theory]
    [InlineData("", 1, 1, "the document is empty")]
    [InlineData("# just a comment\n", 2, 1, "the document is empty")]
    [InlineData("- version: 1\n", 1, 1, "the policy must be a mapping with the keys version, name,")]
    [InlineData("open", 1, 1, "the policy must be a mapping")]
    [InlineData("name: test\n", 1, 1, "the policy has no 'version'; add 'version: 1' as the first line")]
    public void Parse_NotAPolicy_ThrowsWithPosition(string yaml, int line, int column, string message)
    {
        var e = Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(yaml));
        Assert.Contains(message, e.Problem, StringComparison.Ordinal);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Theory]
    // An unclosed '[' or '{' is noticed where the next key starts (YamlDotNet throws InvalidOperationException there).
    [InlineData("name: test", "name: [test", 3, 1, "not valid YAML near here; check that every '[', '{' and quote is closed")]
    [InlineData("name: test", "name: {a: 1", 3, 1, "not valid YAML near here; check that every '[', '{' and quote is closed")]
    // YamlDotNet marks a tab used as indentation at 1:1; the scanner's position is used instead.
    [InlineData("  reexecute: true", "\treexecute: true", 21, 1, "not valid YAML: While scanning a mapping, found invalid tab as indentation.")]
    [InlineData("name: test", "name: 'test", 2, 7, "not valid YAML: While scanning a quoted scalar, found unexpected end of stream.")]
    [InlineData("minimumCohort: 100", "minimumCohort: 100: 1", 6, 19, "not valid YAML: ")]
    public void Parse_InvalidYaml_ThrowsWithPosition(string oldText, string newText, int line, int column, string message)
    {
        var e = Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(TestPolicies.Edit(oldText, newText)));
        Assert.StartsWith(message, e.Problem, StringComparison.Ordinal);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Fact]
    public void Parse_NullValue_ThrowsAtTheKeysLine()
    {
        var e = Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(TestPolicies.Edit("name: test", "name:")));
        Assert.Contains("name has no value; write a name such as hospital-default", e.Problem, StringComparison.Ordinal);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Parse_DeepNesting_ThrowsWithoutRecursingFurther()
    {
        // 100 000 open brackets: YamlDotNet's parser is iterative and the tree builder stops at 16 levels.
        string yaml = "version: 1\nname: " + new string('[', 100_000);
        var e = Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(yaml));
        Assert.Contains("nests deeper than 16 levels", e.Problem, StringComparison.Ordinal);
        Assert.Equal((2, 7 + 15), (e.Line, e.Column));
    }

    [Fact]
    public void Parse_Utf8Bytes_SameAsText()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(TestPolicies.ReadExample("research-consortium.yaml"));
        var fromBytes = PolicyDocument.Parse(bytes);
        var withBom = PolicyDocument.Parse([0xEF, 0xBB, 0xBF, .. bytes]);
        Assert.Equal(fromBytes.Buyers.ToArray(), withBom.Buyers.ToArray());
        Assert.Equal("research-consortium", fromBytes.Name);
        Assert.Equal(4, withBom.Algorithms.Length);
    }

    [Fact]
    public void Parse_Utf8BytesNonAscii_ReadsTheText()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(TestPolicies.Edit("name: test\n", "name: test\ndescription: Données de santé — cohorte\n"));
        Assert.Equal("Données de santé — cohorte", PolicyDocument.Parse(bytes).Description);
    }

    [Fact]
    public void Parse_InvalidUtf8_ThrowsAtTheByte()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("version: 1\nname: é"), 0xFF, .. "\n"u8];
        var e = Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(bytes));
        Assert.Equal((2, 8), (e.Line, e.Column));
        Assert.Contains("not UTF-8", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooLong_Throws()
    {
        string yaml = TestPolicies.Baseline + "#" + new string('x', PolicyDocument.MaxLength);
        Assert.Contains("at most 1048576", Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(yaml)).Problem, StringComparison.Ordinal);
        Assert.Contains("bytes", Assert.Throws<PolicyFormatException>(() => PolicyDocument.Parse(Encoding.UTF8.GetBytes(yaml))).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AtMaxLength_Succeeds()
    {
        string yaml = TestPolicies.Baseline + "#";
        yaml += new string('x', PolicyDocument.MaxLength - yaml.Length);
        Assert.Equal("test", PolicyDocument.Parse(yaml).Name);
    }
}
