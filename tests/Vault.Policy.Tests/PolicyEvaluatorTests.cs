using static Vault.Policy.Tests.TestPolicies;

namespace Vault.Policy.Tests;

public sealed class PolicyEvaluatorTests
{
    /// <summary>A job, its ledger and the evaluation time against a policy written in YAML.</summary>
    internal sealed record Scenario(string Yaml, JobFacts Job, UsageLedger Ledger, DateTimeOffset Now)
    {
        public static Scenario Allowed() => new(Baseline, AllowedJob(), UsageLedger.Empty, TestPolicies.Now);

        public PolicyVerdict Evaluate() => PolicyEvaluator.Evaluate(PolicyDocument.Parse(Yaml), Job, Ledger, Now);

        public Scenario AddEntries(params UsageEntry[] entries) => this with { Ledger = new([.. Ledger.Entries, .. entries]) };
    }

    /// <summary>One change per evaluator rule that makes that rule, and only that rule, fail on the baseline; in rule order.</summary>
    internal static readonly (string RuleId, Func<Scenario, Scenario> Break)[] Violations =
    [
        (RuleIds.PolicyNotYetValid, s => s with { Now = new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero) }),
        (RuleIds.PolicyExpired, s => s with { Now = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero) }),
        (RuleIds.BuyerNotAllowed, s => s with { Job = s.Job with { Buyer = OtherBuyer } }),
        (RuleIds.CohortBelowMinimum, s => s with { Job = s.Job with { CohortRows = 99 } }),
        (RuleIds.AlgorithmNotAllowed, s => s with { Job = s.Job with { AlgorithmId = AlgorithmIds.RidgeRegression } }),
        (RuleIds.AlgorithmDigestMismatch, s => s with { Job = s.Job with { AlgorithmDigest = OtherDigest } }),
        (RuleIds.HyperparameterNotAllowed, s => s with { Job = s.Job.WithHyperparameter("sigmoidRadius", 8) }),
        (RuleIds.HyperparameterMissing, s => s with { Job = s.Job.WithoutHyperparameter("learningRate") }),
        (RuleIds.HyperparameterOutOfRange, s => s with { Job = s.Job.WithHyperparameter("iterations", 11) }),
        (RuleIds.OutputKindNotAllowed, s => s with { Job = s.Job with { Outputs = [.. s.Job.Outputs, new(OutputKinds.Scores, 1)] } }),
        (RuleIds.OutputTooLarge, s => s with { Job = s.Job with { Outputs = [new(s.Job.Outputs[0].Kind, s.Job.Outputs[0].Values + 1), .. s.Job.Outputs.Skip(1)] } }),
        (RuleIds.BudgetJobsExhausted, s => s.AddEntries(new UsageEntry(Buyer, s.Now.AddDays(-1), 0), new UsageEntry(Buyer, s.Now.AddDays(-2), 0))),
        (RuleIds.BudgetDecryptionsExhausted, s => s.AddEntries(new UsageEntry(OtherBuyer, s.Now.AddDays(-400), 3))),
    ];

    public static TheoryData<string> EvaluatorRules() => [.. Violations.Select(v => v.RuleId)];

    public static TheoryData<string, string> RulePairs()
    {
        var data = new TheoryData<string, string>();
        for (int i = 0; i < Violations.Length; i++)
            for (int j = i + 1; j < Violations.Length; j++)
                // The policy cannot be both not yet valid and expired: validFrom < expires.
                if (!(i == 0 && j == 1)) data.Add(Violations[i].RuleId, Violations[j].RuleId);
        return data;
    }

    private static Func<Scenario, Scenario> BreakFor(string ruleId) => Violations.Single(v => v.RuleId == ruleId).Break;

    [Fact]
    public void Evaluate_BaselineJob_IsAllowed()
    {
        var verdict = Scenario.Allowed().Evaluate();
        Assert.Equal(new PolicyVerdict(true, RuleIds.Allow, "every rule passed"), verdict);
    }

    [Theory]
    [MemberData(nameof(EvaluatorRules))]
    public void Evaluate_OneRuleBroken_ThatRuleRefuses(string ruleId)
    {
        var verdict = BreakFor(ruleId)(Scenario.Allowed()).Evaluate();
        Assert.False(verdict.Allowed);
        Assert.Equal(ruleId, verdict.RuleId);
        Assert.NotEmpty(verdict.Reason);
    }

    [Theory]
    [MemberData(nameof(RulePairs))]
    public void Evaluate_TwoRulesBroken_EarlierRuleWins(string earlier, string later)
    {
        // Break the later rule first so that both changes apply to the same scenario.
        var scenario = BreakFor(earlier)(BreakFor(later)(Scenario.Allowed()));
        Assert.Equal(earlier, scenario.Evaluate().RuleId);
    }

    [Fact]
    public void Evaluate_EveryRuleBroken_FirstRuleWins()
    {
        var scenario = Scenario.Allowed();
        foreach (var (_, breakRule) in Violations.Skip(1).Reverse()) scenario = breakRule(scenario);
        Assert.Equal(RuleIds.PolicyExpired, scenario.Evaluate().RuleId);
    }

    [Fact]
    public void Violations_CoverEveryEvaluatorRule()
    {
        var evaluatorRules = typeof(RuleIds).GetFields()
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(id => id.StartsWith("policy.", StringComparison.Ordinal) || id.StartsWith("buyer.", StringComparison.Ordinal)
                || id.StartsWith("cohort.", StringComparison.Ordinal) || id.StartsWith("algorithm.", StringComparison.Ordinal)
                || id.StartsWith("hyperparameter.", StringComparison.Ordinal) || id.StartsWith("output.", StringComparison.Ordinal)
                || id.StartsWith("budget.", StringComparison.Ordinal));
        Assert.Equal(evaluatorRules.Order(StringComparer.Ordinal), Violations.Select(v => v.RuleId).Order(StringComparer.Ordinal));
    }

    // Validity: in force on [validFrom, expires).

    [Theory]
    [InlineData("2026-01-01T00:00:00Z", RuleIds.Allow)]
    [InlineData("2025-12-31T23:59:59.9999999Z", RuleIds.PolicyNotYetValid)]
    [InlineData("2026-01-01T01:00:00+01:00", RuleIds.Allow)]
    [InlineData("2026-01-01T00:59:59+01:00", RuleIds.PolicyNotYetValid)]
    [InlineData("2026-12-31T23:59:59.9999999Z", RuleIds.Allow)]
    [InlineData("2027-01-01T00:00:00Z", RuleIds.PolicyExpired)]
    [InlineData("2026-12-31T19:00:00-05:00", RuleIds.PolicyExpired)]
    [InlineData("2030-01-01T00:00:00Z", RuleIds.PolicyExpired)]
    public void Evaluate_AtValidityBoundaries_InForceFromValidFromUntilExpires(string now, string ruleId)
    {
        var scenario = Scenario.Allowed() with { Now = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Equal(ruleId, scenario.Evaluate().RuleId);
    }

    [Fact]
    public void Evaluate_NoValidityWindow_AllowsAnyTime()
    {
        string yaml = Baseline.Replace("validFrom: 2026-01-01T00:00:00Z\n", "", StringComparison.Ordinal)
            .Replace("expires: 2027-01-01T00:00:00Z\n", "", StringComparison.Ordinal);
        Assert.True((Scenario.Allowed() with { Yaml = yaml, Now = DateTimeOffset.MinValue }).Evaluate().Allowed);
        Assert.True((Scenario.Allowed() with { Yaml = yaml, Now = DateTimeOffset.MaxValue }).Evaluate().Allowed);
    }

    // Buyers.

    [Theory]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    public void Evaluate_BuyerInAnyCase_IsAllowed(string buyer)
    {
        var scenario = Scenario.Allowed() with { Job = AllowedJob() with { Buyer = buyer } };
        Assert.True(scenario.Evaluate().Allowed);
    }

    [Theory]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg")]
    [InlineData("")]
    public void Evaluate_MalformedBuyer_IsRefusedEvenWhenOpen(string buyer)
    {
        string open = Edit("buyers: [\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"]", "buyers: open");
        var scenario = Scenario.Allowed() with { Yaml = open, Job = AllowedJob() with { Buyer = buyer } };
        var verdict = scenario.Evaluate();
        Assert.Equal(RuleIds.BuyerNotAllowed, verdict.RuleId);
        Assert.Contains("is not 0x and 40 hex digits", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OpenBuyers_AllowsAnyAddress()
    {
        string open = Edit("buyers: [\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"]", "buyers: open");
        var scenario = Scenario.Allowed() with { Yaml = open, Job = AllowedJob() with { Buyer = OtherBuyer } };
        Assert.True(scenario.Evaluate().Allowed);
    }

    [Fact]
    public void Evaluate_MixedCaseListedBuyer_MatchesLowercaseJob()
    {
        string yaml = Edit("buyers: [\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"]", "buyers: [\"0xFB6916095CA1DF60BB79CE92CE3EA74C37C5D359\"]");
        var scenario = Scenario.Allowed() with { Yaml = yaml, Job = AllowedJob() with { Buyer = OtherBuyer } };
        Assert.True(scenario.Evaluate().Allowed);
        Assert.Equal(RuleIds.BuyerNotAllowed, (scenario with { Job = AllowedJob() }).Evaluate().RuleId);
    }

    // Cohort, algorithm, digest.

    [Theory]
    [InlineData(100, true)]
    [InlineData(101, true)]
    [InlineData(long.MaxValue, true)]
    [InlineData(99, false)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    public void Evaluate_CohortAtMinimum_IsAllowed(long rows, bool allowed)
    {
        var verdict = (Scenario.Allowed() with { Job = AllowedJob() with { CohortRows = rows } }).Evaluate();
        Assert.Equal(allowed ? RuleIds.Allow : RuleIds.CohortBelowMinimum, verdict.RuleId);
    }

    [Theory]
    [InlineData("Logistic-Regression")]
    [InlineData("logistic-regression ")]
    [InlineData("")]
    public void Evaluate_AlgorithmIdNotExact_IsRefused(string id)
    {
        var verdict = (Scenario.Allowed() with { Job = AllowedJob() with { AlgorithmId = id } }).Evaluate();
        Assert.Equal(RuleIds.AlgorithmNotAllowed, verdict.RuleId);
        Assert.Contains("the policy allows logistic-regression", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DigestInUppercase_Matches()
    {
        var job = AllowedJob() with { AlgorithmDigest = "sha256:" + Digest["sha256:".Length..].ToUpperInvariant() };
        Assert.True((Scenario.Allowed() with { Job = job }).Evaluate().Allowed);
    }

    [Fact]
    public void Evaluate_NoDigestPinned_AllowsAnyBuild()
    {
        string yaml = Edit("    digest: " + Digest + "\n", "");
        var job = AllowedJob() with { AlgorithmDigest = "not a digest" };
        Assert.True((Scenario.Allowed() with { Yaml = yaml, Job = job }).Evaluate().Allowed);
    }

    // Hyperparameters: closed ranges, allowed lists.

    [Theory]
    [InlineData("iterations", 1, true)]
    [InlineData("iterations", 10, true)]
    [InlineData("iterations", 0.9999999999, false)]
    [InlineData("iterations", 10.000000001, false)]
    [InlineData("learningRate", 0.1, true)]
    [InlineData("learningRate", 20, true)]
    [InlineData("learningRate", 0.09999999999, false)]
    [InlineData("learningRate", double.PositiveInfinity, false)]
    [InlineData("learningRate", double.NaN, false)]
    [InlineData("degree", 3, true)]
    [InlineData("degree", 7, true)]
    [InlineData("degree", 4, false)]
    [InlineData("degree", 3.0000000001, false)]
    [InlineData("degree", 9, false)]
    public void Evaluate_HyperparameterBoundaries_AreInclusive(string name, double value, bool allowed)
    {
        var verdict = (Scenario.Allowed() with { Job = AllowedJob().WithHyperparameter(name, value) }).Evaluate();
        Assert.Equal(allowed ? RuleIds.Allow : RuleIds.HyperparameterOutOfRange, verdict.RuleId);
        if (!allowed) Assert.StartsWith($"{name} = ", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HyperparameterNameInOtherCase_IsNotAllowed()
    {
        var verdict = (Scenario.Allowed() with { Job = AllowedJob().WithHyperparameter("Iterations", 5) }).Evaluate();
        Assert.Equal(RuleIds.HyperparameterNotAllowed, verdict.RuleId);
        Assert.Contains("'Iterations'", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SeveralUnlistedHyperparameters_ReportsTheFirstByName()
    {
        // Inserted out of order: the verdict must not depend on the dictionary's enumeration order.
        var job = AllowedJob().WithHyperparameter("zeta", 1).WithHyperparameter("ridgeLambda", 1).WithHyperparameter("alpha", 1);
        var verdict = (Scenario.Allowed() with { Job = job }).Evaluate();
        Assert.Equal(RuleIds.HyperparameterNotAllowed, verdict.RuleId);
        Assert.Equal("logistic-regression does not allow the hyperparameter 'alpha'; it allows degree, iterations, learningRate", verdict.Reason);
    }

    [Fact]
    public void Evaluate_SeveralOutOfRange_ReportsTheFirstByName()
    {
        var job = AllowedJob().WithHyperparameter("learningRate", 100).WithHyperparameter("iterations", 100).WithHyperparameter("degree", 100);
        Assert.StartsWith("degree = 100", (Scenario.Allowed() with { Job = job }).Evaluate().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AlgorithmWithoutHyperparameters_RefusesAnySetting()
    {
        string yaml = Edit("""
                hyperparameters:
                  iterations: { min: 1, max: 10 }
                  degree: { allowed: [3, 5, 7] }
                  learningRate: { min: 0.1, max: 20 }

            """, "");
        var scenario = Scenario.Allowed() with { Yaml = yaml };
        var verdict = scenario.Evaluate();
        Assert.Equal(RuleIds.HyperparameterNotAllowed, verdict.RuleId);
        Assert.Contains("takes no hyperparameter", verdict.Reason, StringComparison.Ordinal);
        Assert.True((scenario with { Job = AllowedJob() with { Hyperparameters = new Dictionary<string, double>() } }).Evaluate().Allowed);
    }

    // Outputs.

    [Theory]
    [InlineData(new[] { 64 }, true)]
    [InlineData(new[] { 0 }, true)]
    [InlineData(new[] { 65 }, false)]
    [InlineData(new[] { 32, 32 }, true)]
    [InlineData(new[] { 32, 33 }, false)]
    [InlineData(new[] { int.MaxValue, int.MaxValue }, false)]
    public void Evaluate_OutputValues_SumPerKindUpToMaxValues(int[] values, bool allowed)
    {
        var job = AllowedJob() with { Outputs = [.. values.Select(v => new OutputDeclaration(OutputKinds.ModelWeights, v))] };
        string yaml = Edit("totalDecryptions: 3", "totalDecryptions: 10");
        var verdict = (Scenario.Allowed() with { Yaml = yaml, Job = job }).Evaluate();
        Assert.Equal(allowed ? RuleIds.Allow : RuleIds.OutputTooLarge, verdict.RuleId);
    }

    [Fact]
    public void Evaluate_NoOutputs_IsAllowedAndUsesNoDecryption()
    {
        var scenario = Scenario.Allowed().AddEntries(new UsageEntry(OtherBuyer, TestPolicies.Now, 3)) with { Job = AllowedJob() with { Outputs = [] } };
        Assert.True(scenario.Evaluate().Allowed);
    }

    [Fact]
    public void OutputDeclaration_NegativeValues_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutputDeclaration(OutputKinds.Scores, -1));

    // Budgets: a sliding window ending at now.

    [Fact]
    public void Evaluate_JobsBelowCount_IsAllowed()
    {
        var scenario = Scenario.Allowed().AddEntries(new UsageEntry(Buyer, TestPolicies.Now.AddDays(-29), 1));
        Assert.True(scenario.Evaluate().Allowed);
    }

    [Fact]
    public void Evaluate_EntryExactlyOnePeriodOld_NoLongerCounts()
    {
        var period = TimeSpan.FromDays(30);
        var atEdge = Scenario.Allowed().AddEntries(new UsageEntry(Buyer, TestPolicies.Now - period, 0), new UsageEntry(Buyer, TestPolicies.Now.AddHours(-1), 0));
        Assert.True(atEdge.Evaluate().Allowed);
        var inside = Scenario.Allowed().AddEntries(new UsageEntry(Buyer, TestPolicies.Now - period + TimeSpan.FromTicks(1), 0), new UsageEntry(Buyer, TestPolicies.Now.AddHours(-1), 0));
        Assert.Equal(RuleIds.BudgetJobsExhausted, inside.Evaluate().RuleId);
    }

    [Fact]
    public void Evaluate_FutureEntries_Count()
    {
        var scenario = Scenario.Allowed().AddEntries(new UsageEntry(Buyer, TestPolicies.Now.AddDays(3), 0), new UsageEntry(Buyer, TestPolicies.Now.AddYears(1), 0));
        Assert.Equal(RuleIds.BudgetJobsExhausted, scenario.Evaluate().RuleId);
    }

    [Fact]
    public void Evaluate_LedgerBuyerInOtherCase_Counts()
    {
        var scenario = Scenario.Allowed().AddEntries(new UsageEntry(Buyer.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal), TestPolicies.Now, 0),
            new("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", TestPolicies.Now, 0));
        Assert.Equal(RuleIds.BudgetJobsExhausted, scenario.Evaluate().RuleId);
    }

    [Fact]
    public void Evaluate_OtherBuyersJobs_DoNotCount()
    {
        string open = Edit("buyers: [\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"]", "buyers: open");
        var scenario = (Scenario.Allowed() with { Yaml = open }).AddEntries(new UsageEntry(OtherBuyer, TestPolicies.Now, 0), new UsageEntry(OtherBuyer, TestPolicies.Now, 0));
        Assert.True(scenario.Evaluate().Allowed);
        Assert.Equal(RuleIds.BudgetJobsExhausted, (scenario with { Job = AllowedJob() with { Buyer = OtherBuyer } }).Evaluate().RuleId);
    }

    [Fact]
    public void Evaluate_WindowNearMinValue_DoesNotOverflow()
    {
        string yaml = Baseline.Replace("validFrom: 2026-01-01T00:00:00Z\n", "", StringComparison.Ordinal);
        var scenario = (Scenario.Allowed() with { Yaml = yaml, Now = DateTimeOffset.MinValue.AddDays(1) })
            .AddEntries(new UsageEntry(Buyer, DateTimeOffset.MinValue, 0), new UsageEntry(Buyer, DateTimeOffset.MinValue.AddHours(1), 0));
        Assert.Equal(RuleIds.BudgetJobsExhausted, scenario.Evaluate().RuleId);
    }

    [Theory]
    [InlineData(new[] { 2 }, true)]
    [InlineData(new[] { 1, 1 }, true)]
    [InlineData(new[] { 3 }, false)]
    [InlineData(new[] { 1, 1, 1 }, false)]
    [InlineData(new[] { int.MaxValue, int.MaxValue }, false)]
    public void Evaluate_DecryptionsUsedPlusOutputs_AtMostTotal(int[] used, bool allowed)
    {
        // Old entries of another buyer: only the decryption budget sees them.
        var scenario = Scenario.Allowed().AddEntries([.. used.Select(d => new UsageEntry(OtherBuyer, TestPolicies.Now.AddYears(-3), d))]);
        var verdict = scenario.Evaluate();
        Assert.Equal(allowed ? RuleIds.Allow : RuleIds.BudgetDecryptionsExhausted, verdict.RuleId);
    }

    [Fact]
    public void UsageEntry_NegativeDecryptions_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new UsageEntry(Buyer, TestPolicies.Now, -1));

    // The shipped examples.

    [Fact]
    public void Evaluate_DenyAll_RefusesWithBuyerNotAllowed()
    {
        var verdict = PolicyEvaluator.Evaluate(PolicyDocument.Parse(ReadExample("deny-all.yaml")), AllowedJob(), UsageLedger.Empty, TestPolicies.Now);
        Assert.Equal(new PolicyVerdict(false, RuleIds.BuyerNotAllowed, "policy 'deny-all' allows no buyer"), verdict);
    }

    [Fact]
    public void Evaluate_HospitalDefault_AllowsAPinnedTrainingJob()
    {
        var policy = PolicyDocument.Parse(ReadExample("hospital-default.yaml"));
        var job = AllowedJob() with { Buyer = "0x0000000000000000000000000000000000000001", CohortRows = 5_000 };
        Assert.True(PolicyEvaluator.Evaluate(policy, job, UsageLedger.Empty, TestPolicies.Now).Allowed);
        var fiveJobs = new UsageLedger([.. Enumerable.Range(1, 5).Select(d => new UsageEntry(job.Buyer, TestPolicies.Now.AddDays(-d), 1))]);
        Assert.Equal(RuleIds.BudgetJobsExhausted, PolicyEvaluator.Evaluate(policy, job, fiveJobs, TestPolicies.Now).RuleId);
        Assert.Equal(RuleIds.PolicyExpired, PolicyEvaluator.Evaluate(policy, job, UsageLedger.Empty, new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero)).RuleId);
    }

    [Fact]
    public void Evaluate_ResearchConsortium_AllowsMembersScoring()
    {
        var policy = PolicyDocument.Parse(ReadExample("research-consortium.yaml"));
        var job = new JobFacts
        {
            AlgorithmId = AlgorithmIds.LogisticInference,
            AlgorithmDigest = "sha256:5a0b52bf611cd7b3d36fdc0674fbc5407520a6aa278ca02677905fa52129d634",
            Hyperparameters = new Dictionary<string, double>(),
            Buyer = "0xd1220a0cf47c7b9be7a2e6ba89f429762e7b9adb",
            CohortRows = 500,
            Outputs = [new(OutputKinds.Scores, 4096), new(OutputKinds.Scores, 4096)],
        };
        Assert.True(PolicyEvaluator.Evaluate(policy, job, UsageLedger.Empty, TestPolicies.Now).Allowed);
        Assert.Equal(RuleIds.BuyerNotAllowed, PolicyEvaluator.Evaluate(policy, job with { Buyer = "0x0000000000000000000000000000000000000001" }, UsageLedger.Empty, TestPolicies.Now).RuleId);
        Assert.Equal(RuleIds.OutputTooLarge, PolicyEvaluator.Evaluate(policy, job with { Outputs = [.. job.Outputs, new(OutputKinds.Scores, 1)] }, UsageLedger.Empty, TestPolicies.Now).RuleId);
    }

    [Fact]
    public void Evaluate_NullArguments_Throw()
    {
        var policy = BaselinePolicy;
        Assert.Throws<ArgumentNullException>(() => PolicyEvaluator.Evaluate(null!, AllowedJob(), UsageLedger.Empty, TestPolicies.Now));
        Assert.Throws<ArgumentNullException>(() => PolicyEvaluator.Evaluate(policy, null!, UsageLedger.Empty, TestPolicies.Now));
        Assert.Throws<ArgumentNullException>(() => PolicyEvaluator.Evaluate(policy, AllowedJob(), null!, TestPolicies.Now));
    }
}
