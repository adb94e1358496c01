using System.Globalization;
using System.Reflection;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Vault.Policy.Tests.TestPolicies;

namespace Vault.Policy.Tests;

public sealed class PolicyEvaluatorPropertyTests
{
    private static readonly string[] Buyers = [Buyer, Buyer.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal), OtherBuyer, "0x12"];
    private static readonly string[] HyperparameterNames = ["iterations", "degree", "learningRate", "sigmoidRadius", "ridgeLambda"];

    private static readonly HashSet<string> EvaluatorRuleIds = [.. typeof(RuleIds).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetRawConstantValue()!).Where(id => !id.StartsWith("release.", StringComparison.Ordinal) && !id.StartsWith("job.", StringComparison.Ordinal) && !id.StartsWith("dataset.", StringComparison.Ordinal))];

    /// <summary>Jobs around the baseline: each field usually allowed, sometimes not.</summary>
    private static readonly Gen<JobFacts> Jobs =
        from algorithm in Gen.Elements(AlgorithmIds.LogisticRegression, AlgorithmIds.LogisticRegression, AlgorithmIds.LogisticRegression, AlgorithmIds.Statistics)
        from digest in Gen.Elements(Digest, Digest, OtherDigest)
        from names in Gen.SubListOf(HyperparameterNames)
        from values in Gen.ArrayOf(Gen.Choose(-50, 300).Select(i => i / 10.0))
        from buyer in Gen.Elements(Buyers)
        from rows in Gen.Choose(90, 200)
        from outputs in Gen.ListOf(from kind in Gen.Elements(OutputKinds.ModelWeights, OutputKinds.ModelWeights, OutputKinds.Scores)
                                   from count in Gen.Choose(0, 70)
                                   select new OutputDeclaration(kind, count))
        select new JobFacts
        {
            AlgorithmId = algorithm,
            AlgorithmDigest = digest,
            Hyperparameters = names.Select((n, i) => KeyValuePair.Create(n, i < values.Length ? values[i] : 5)).ToDictionary(),
            Buyer = buyer,
            CohortRows = rows,
            Outputs = [.. outputs.Take(3)],
        };

    private static readonly Gen<UsageLedger> Ledgers =
        Gen.ListOf(from buyer in Gen.Elements(Buyers)
                   from daysAgo in Gen.Choose(-5, 60)
                   from decryptions in Gen.Choose(0, 2)
                   select new UsageEntry(buyer, TestPolicies.Now.AddDays(-daysAgo), decryptions))
            .Select(entries => new UsageLedger([.. entries.Take(4)]));

    private static readonly Gen<DateTimeOffset> Instants =
        Gen.Choose(-400, 800).Select(days => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(days));

    private static readonly Gen<(JobFacts Job, UsageLedger Ledger, DateTimeOffset Now)> Scenarios =
        from job in Jobs from ledger in Ledgers from now in Instants select (job, ledger, now);

    /// <summary>Jobs the baseline allows: every hyperparameter in range, one model-weights output.</summary>
    private static readonly Gen<(int Iterations, int Degree, double LearningRate, int Values)> AllowedSettings =
        from iterations in Gen.Choose(1, 10)
        from degree in Gen.Elements(3, 5, 7)
        from learningRate in Gen.Choose(1, 200).Select(i => i / 10.0)
        from values in Gen.Choose(0, 64)
        select (iterations, degree, learningRate, values);

    private static JobFacts JobWith((int Iterations, int Degree, double LearningRate, int Values) s) => AllowedJob() with
    {
        Hyperparameters = new Dictionary<string, double> { ["iterations"] = s.Iterations, ["degree"] = s.Degree, ["learningRate"] = s.LearningRate },
        Outputs = [new OutputDeclaration(OutputKinds.ModelWeights, s.Values)],
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [Property(MaxTest = 300)]
    public Property Evaluate_SameInputs_SameVerdict() => Prop.ForAll(Scenarios.ToArbitrary(), s =>
    {
        var first = PolicyEvaluator.Evaluate(BaselinePolicy, s.Job, s.Ledger, s.Now);
        // A freshly parsed policy, the hyperparameters inserted in the opposite order and the ledger reversed.
        var job = s.Job with { Hyperparameters = s.Job.Hyperparameters.Reverse().ToDictionary() };
        var ledger = new UsageLedger([.. s.Ledger.Entries.Reverse()]);
        var second = PolicyEvaluator.Evaluate(PolicyDocument.Parse(Baseline), job, ledger, s.Now);
        return first == second && EvaluatorRuleIds.Contains(first.RuleId) && first.Allowed == (first.RuleId == RuleIds.Allow);
    });

    [Property(MaxTest = 200)]
    public Property Evaluate_AllowedJob_StaysAllowedUnderTheSamePolicyText() => Prop.ForAll(AllowedSettings.ToArbitrary(), s =>
        PolicyEvaluator.Evaluate(BaselinePolicy, JobWith(s), UsageLedger.Empty, TestPolicies.Now).Allowed
        && PolicyEvaluator.Evaluate(PolicyDocument.Parse(Baseline), JobWith(s), UsageLedger.Empty, TestPolicies.Now).Allowed);

    [Property(MaxTest = 200)]
    public Property Evaluate_AllowedJob_RefusedAfterTighteningARangeToExcludeItsValue()
    {
        var cases = from s in AllowedSettings from which in Gen.Choose(0, 2) from below in Gen.Elements(true, false) select (s, which, below);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (s, which, below) = c;
            string yaml = which switch
            {
                // Move one bound past the value, keeping min ≤ max: below the value when there is room, above otherwise.
                0 => Edit("iterations: { min: 1, max: 10 }", below && s.Iterations > 1
                    ? $"iterations: {{ min: 1, max: {s.Iterations - 1} }}"
                    : $"iterations: {{ min: {s.Iterations + 0.5}, max: {Math.Max(10, s.Iterations + 1)} }}"),
                1 => Edit("allowed: [3, 5, 7]", $"allowed: [{string.Join(", ", new[] { 3, 5, 7 }.Where(d => d != s.Degree))}]"),
                _ => Edit("learningRate: { min: 0.1, max: 20 }", below
                    ? $"learningRate: {{ min: 0.01, max: {Number(Math.BitDecrement(s.LearningRate))} }}"
                    : $"learningRate: {{ min: {Number(Math.BitIncrement(s.LearningRate))}, max: {Number(Math.Max(20, Math.BitIncrement(s.LearningRate)))} }}"),
            };
            var verdict = PolicyEvaluator.Evaluate(PolicyDocument.Parse(yaml), JobWith(s), UsageLedger.Empty, TestPolicies.Now);
            return PolicyEvaluator.Evaluate(BaselinePolicy, JobWith(s), UsageLedger.Empty, TestPolicies.Now).Allowed
                && verdict.RuleId == RuleIds.HyperparameterOutOfRange
                && verdict.Reason.StartsWith(HyperparameterNames[which] + " = ", StringComparison.Ordinal);
        });
    }

    [Property(MaxTest = 200)]
    public Property Evaluate_AllowedJob_StaysAllowedAfterLoosening()
    {
        var cases = from s in AllowedSettings from widen in Gen.Choose(1, 100) select (s, widen);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            string yaml = Edit("iterations: { min: 1, max: 10 }", $"iterations: {{ min: {1 - c.widen}, max: {10 + c.widen} }}")
                .Replace("allowed: [3, 5, 7]", "allowed: [3, 5, 7, 9]", StringComparison.Ordinal)
                .Replace("minimumCohort: 100", $"minimumCohort: {Math.Max(1, 100 - c.widen)}", StringComparison.Ordinal)
                .Replace("maxValues: 64", $"maxValues: {64 + c.widen}", StringComparison.Ordinal)
                .Replace("buyers: [\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"]", "buyers: open", StringComparison.Ordinal)
                .Replace("count: 2", $"count: {2 + c.widen}", StringComparison.Ordinal);
            return PolicyEvaluator.Evaluate(PolicyDocument.Parse(yaml), JobWith(c.s), UsageLedger.Empty, TestPolicies.Now).Allowed;
        });
    }

    [Property(MaxTest = 200)]
    public Property Evaluate_RemovingLedgerEntries_NeverTurnsAllowIntoDeny() => Prop.ForAll(Scenarios.ToArbitrary(), s =>
    {
        var full = PolicyEvaluator.Evaluate(BaselinePolicy, s.Job, s.Ledger, s.Now);
        var fewer = new UsageLedger([.. s.Ledger.Entries.Skip(1)]);
        return !full.Allowed || PolicyEvaluator.Evaluate(BaselinePolicy, s.Job, fewer, s.Now).Allowed;
    });

    [Property(MaxTest = 200)]
    public Property Evaluate_DenyAll_RefusesEveryJobWithBuyerNotAllowed()
    {
        var denyAll = PolicyDocument.Parse(ReadExample("deny-all.yaml"));
        return Prop.ForAll(Scenarios.ToArbitrary(), s =>
            PolicyEvaluator.Evaluate(denyAll, s.Job, s.Ledger, s.Now).RuleId == RuleIds.BuyerNotAllowed);
    }

    [Property(MaxTest = 300)]
    public Property Evaluate_ArbitraryStringsAndNumbers_GivesAVerdictWithoutThrowing(NonNull<string> buyer, NonNull<string> algorithm,
        NonNull<string> digest, NonNull<string> name, double value, long rows) =>
        EvaluatorRuleIds.Contains(PolicyEvaluator.Evaluate(BaselinePolicy, (AllowedJob() with
        {
            Buyer = buyer.Get,
            AlgorithmId = algorithm.Get,
            AlgorithmDigest = digest.Get,
            CohortRows = rows,
        }).WithHyperparameter(name.Get, value), UsageLedger.Empty, TestPolicies.Now).RuleId).ToProperty();
}
