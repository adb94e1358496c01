namespace Vault.Policy;

/// <summary>The stable rule ids of <see cref="PolicyVerdict.RuleId"/>. They are written into receipts and proofs, so
/// an id is never renamed or reused. <see cref="PolicyEvaluator.Evaluate"/> returns <see cref="Allow"/> or one of the
/// thirteen numbered ids, whose rules it checks in that order (the first failure wins); the release gate returns the
/// last six, which the evaluator never does.</summary>
public static class RuleIds
{
    /// <summary>Every rule passed: the job may run.</summary>
    public const string Allow = "allow";

    /// <summary>1. The evaluation time is before the policy's <c>validFrom</c>.</summary>
    public const string PolicyNotYetValid = "policy.not-yet-valid";

    /// <summary>2. The evaluation time is at or after the policy's <c>expires</c> instant.</summary>
    public const string PolicyExpired = "policy.expired";

    /// <summary>3. The buyer is not a 0x address of 40 hex digits, or <c>buyers</c> is a list that does not hold it.</summary>
    public const string BuyerNotAllowed = "buyer.not-allowed";

    /// <summary>4. The job runs over fewer rows than the policy's <c>minimumCohort</c>.</summary>
    public const string CohortBelowMinimum = "cohort.below-minimum";

    /// <summary>5. The policy lists no algorithm with the job's id (an empty <c>algorithms</c> list allows none).</summary>
    public const string AlgorithmNotAllowed = "algorithm.not-allowed";

    /// <summary>6. The policy pins the algorithm's digest and the job's digest differs.</summary>
    public const string AlgorithmDigestMismatch = "algorithm.digest-mismatch";

    /// <summary>7. The job sets a hyperparameter that the policy does not list for the algorithm.</summary>
    public const string HyperparameterNotAllowed = "hyperparameter.not-allowed";

    /// <summary>8. The policy bounds a hyperparameter that the job does not state (the gate passes effective values,
    /// defaults included, so a bound is never bypassed by leaving a value out).</summary>
    public const string HyperparameterMissing = "hyperparameter.missing";

    /// <summary>9. A hyperparameter's value is outside its closed range, or not one of its allowed values.</summary>
    public const string HyperparameterOutOfRange = "hyperparameter.out-of-range";

    /// <summary>10. The job declares an output of a kind the policy does not list for the algorithm.</summary>
    public const string OutputKindNotAllowed = "output.kind-not-allowed";

    /// <summary>11. The job's outputs of one kind hold more values, summed, than that kind's <c>maxValues</c>.</summary>
    public const string OutputTooLarge = "output.too-large";

    /// <summary>12. The buyer already has <c>budgets.jobsPerBuyer.count</c> jobs in the period ending at the
    /// evaluation time.</summary>
    public const string BudgetJobsExhausted = "budget.jobs-exhausted";

    /// <summary>13. The decryptions already used plus the job's (one per declared output) exceed
    /// <c>budgets.totalDecryptions</c>.</summary>
    public const string BudgetDecryptionsExhausted = "budget.decryptions-exhausted";

    /// <summary>Release gate: a decryption request names an input block of the dataset instead of a job output.</summary>
    public const string ReleaseInputCiphertext = "release.input-ciphertext";

    /// <summary>Release gate: a decryption request names a ciphertext the job did not declare as an output.</summary>
    public const string ReleaseUndeclaredOutput = "release.undeclared-output";

    /// <summary>Release gate: the job's transcript does not match the job that was admitted.</summary>
    public const string ReleaseTranscriptMismatch = "release.transcript-mismatch";

    /// <summary>Release gate: re-executing the job (<c>release.reexecute</c>) gave outputs with other hashes.</summary>
    public const string ReleaseReexecutionMismatch = "release.reexecution-mismatch";

    /// <summary>Release gate: the job id was already admitted or released.</summary>
    public const string JobReplayed = "job.replayed";

    /// <summary>Release gate: the policy the job was checked against is not the one the dataset's manifest names.</summary>
    public const string DatasetPolicyMismatch = "dataset.policy-mismatch";
}
