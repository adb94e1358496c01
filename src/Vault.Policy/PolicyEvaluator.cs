namespace Vault.Policy;

/// <summary>Checks a job against an enclave policy. Deny by default: a job is allowed only when every rule passes.</summary>
public static class PolicyEvaluator
{
    /// <summary>Evaluates <paramref name="job"/> against <paramref name="policy"/>. Pure: no I/O, no clock, no
    /// randomness (the caller passes <paramref name="now"/>), so the same inputs give the same verdict. The rules run
    /// in the order of <see cref="RuleIds"/> (validity, buyer, cohort, algorithm, digest, hyperparameters, outputs,
    /// budgets) and the first failure wins; within a rule, hyperparameters are taken in ordinal order of their names,
    /// outputs in the order the job declares them and output limits in the policy's order.</summary>
    /// <param name="policy">The dataset's policy.</param>
    /// <param name="job">The job's facts.</param>
    /// <param name="ledger">The dataset's usage so far (the job itself not included).</param>
    /// <param name="now">The evaluation time.</param>
    /// <returns><see cref="RuleIds.Allow"/>, or the first rule the job fails with the values involved.</returns>
    public static PolicyVerdict Evaluate(EnclavePolicy policy, JobFacts job, UsageLedger ledger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(ledger);

        if (policy.ValidFrom is { } validFrom && now < validFrom)
            return Deny(RuleIds.PolicyNotYetValid, $"policy '{policy.Name}' is in force from {Syntax.FormatInstant(validFrom)}; it is {Syntax.FormatInstant(now)}");
        if (policy.Expires is { } expires && now >= expires)
            return Deny(RuleIds.PolicyExpired, $"policy '{policy.Name}' expired at {Syntax.FormatInstant(expires)}; it is {Syntax.FormatInstant(now)}");

        if (!Syntax.TryNormaliseAddress(job.Buyer, out string buyer))
            return Deny(RuleIds.BuyerNotAllowed, $"the buyer '{job.Buyer}' is not 0x and 40 hex digits");
        if (!policy.AllowsAnyBuyer && !policy.Buyers.Contains(buyer, StringComparer.Ordinal))
            return Deny(RuleIds.BuyerNotAllowed, policy.Buyers.IsEmpty
                ? $"policy '{policy.Name}' allows no buyer"
                : $"the buyer {buyer} is not one of the policy's {policy.Buyers.Length} buyers");

        if (job.CohortRows < policy.MinimumCohort)
            return Deny(RuleIds.CohortBelowMinimum, $"the job runs over {job.CohortRows} rows; the policy requires at least {policy.MinimumCohort}");

        var algorithm = policy.FindAlgorithm(job.AlgorithmId);
        if (algorithm is null)
            return Deny(RuleIds.AlgorithmNotAllowed, policy.Algorithms.IsEmpty
                ? $"policy '{policy.Name}' allows no algorithm"
                : $"the algorithm '{job.AlgorithmId}' is not allowed; the policy allows {string.Join(", ", policy.Algorithms.Select(a => a.Id))}");
        if (algorithm.Digest is { } digest && !string.Equals(digest, job.AlgorithmDigest, StringComparison.OrdinalIgnoreCase))
            return Deny(RuleIds.AlgorithmDigestMismatch, $"the job's {algorithm.Id} digest is '{job.AlgorithmDigest}'; the policy requires {digest}");

        if (CheckHyperparameters(algorithm, job) is { } hyperparameterVerdict) return hyperparameterVerdict;
        if (CheckOutputs(algorithm, job) is { } outputVerdict) return outputVerdict;
        return CheckBudgets(policy, job, ledger, buyer, now) ?? new PolicyVerdict(true, RuleIds.Allow, "every rule passed");
    }

    private static PolicyVerdict? CheckHyperparameters(AllowedAlgorithm algorithm, JobFacts job)
    {
        foreach (string name in job.Hyperparameters.Keys.Order(StringComparer.Ordinal))
            if (!algorithm.Hyperparameters.ContainsKey(name))
                return Deny(RuleIds.HyperparameterNotAllowed, algorithm.Hyperparameters.IsEmpty
                    ? $"{algorithm.Id} takes no hyperparameter under this policy; the job sets '{name}'"
                    : $"{algorithm.Id} does not allow the hyperparameter '{name}'; it allows {string.Join(", ", algorithm.Hyperparameters.Keys)}");
        foreach (var (name, range) in algorithm.Hyperparameters)
            if (!job.Hyperparameters.ContainsKey(name))
                return Deny(RuleIds.HyperparameterMissing, $"the job does not state '{name}', which the policy bounds to {range}");
        foreach (var (name, range) in algorithm.Hyperparameters)
        {
            double value = job.Hyperparameters[name];
            if (!range.Contains(value))
                return Deny(RuleIds.HyperparameterOutOfRange, $"{name} = {HyperparameterRange.Format(value)} is not in {range}");
        }
        return null;
    }

    private static PolicyVerdict? CheckOutputs(AllowedAlgorithm algorithm, JobFacts job)
    {
        foreach (var output in job.Outputs)
            if (!algorithm.Outputs.Any(o => string.Equals(o.Kind, output.Kind, StringComparison.Ordinal)))
                return Deny(RuleIds.OutputKindNotAllowed,
                    $"{algorithm.Id} may not release '{output.Kind}'; it may release {string.Join(", ", algorithm.Outputs.Select(o => o.Kind))}");
        foreach (var limit in algorithm.Outputs)
        {
            long values = job.Outputs.Where(o => string.Equals(o.Kind, limit.Kind, StringComparison.Ordinal)).Sum(o => (long)o.Values);
            if (values > limit.MaxValues)
                return Deny(RuleIds.OutputTooLarge, $"the job's {limit.Kind} outputs hold {values} values; the policy allows at most {limit.MaxValues}");
        }
        return null;
    }

    private static PolicyVerdict? CheckBudgets(EnclavePolicy policy, JobFacts job, UsageLedger ledger, string buyer, DateTimeOffset now)
    {
        // In UTC ticks; the window may start before DateTimeOffset.MinValue (then every entry is inside it).
        long windowStart = now.UtcTicks - policy.JobsPerBuyerPeriod.Ticks;
        int jobs = ledger.Entries.Count(e => e.At.UtcTicks > windowStart && string.Equals(e.Buyer, buyer, StringComparison.OrdinalIgnoreCase));
        if (jobs >= policy.JobsPerBuyer)
            return Deny(RuleIds.BudgetJobsExhausted,
                $"the buyer {buyer} has had {jobs} jobs in the {Syntax.FormatDuration(policy.JobsPerBuyerPeriod)} before {Syntax.FormatInstant(now)}; the policy allows {policy.JobsPerBuyer}");
        long used = ledger.Entries.Sum(e => (long)e.Decryptions);
        if (used + job.Outputs.Count > policy.TotalDecryptions)
            return Deny(RuleIds.BudgetDecryptionsExhausted,
                $"{used} of {policy.TotalDecryptions} decryptions are used and the job needs {job.Outputs.Count} more");
        return null;
    }

    private static PolicyVerdict Deny(string ruleId, string reason) => new(false, ruleId, reason);
}
